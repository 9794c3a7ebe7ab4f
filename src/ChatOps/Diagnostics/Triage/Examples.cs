namespace ChatOps.Diagnostics.Triage;

/// <summary>A count with the first few examples: what the report shows without keeping the whole list.</summary>
public sealed class Examples(int keep = 5)
{
    private readonly List<string> _items = [];

    public long Count { get; private set; }

    public IReadOnlyList<string> Items => _items;

    public void Add(string example, long weight = 1)
    {
        Count += weight;
        if (_items.Count < keep)
        {
            _items.Add(example);
        }
    }

    public void Clear()
    {
        Count = 0;
        _items.Clear();
    }

    /// <summary>"a, b, c and 12 more".</summary>
    public string Describe()
    {
        var more = Count - _items.Count;
        return string.Join(", ", _items) + (more > 0 ? $" and {more} more" : string.Empty);
    }
}
