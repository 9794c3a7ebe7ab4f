using System.Globalization;
using System.Text;

namespace ChatOps.Postmortems.Drafting;

/// <summary>Invariant, UTC, fixed formats: a draft must not change with the server's culture or zone.</summary>
internal static class DraftFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant);

    /// <summary><see cref="Clock"/> without the intermediate string (the transcript writes one per entry).</summary>
    public static StringBuilder AppendClock(this StringBuilder sb, DateTimeOffset at) =>
        sb.Append(Invariant, $"{at.UtcDateTime:yyyy-MM-dd HH:mm:ss}");

    public static string Utc(DateTimeOffset? at) => at is { } a ? Utc(a) : "—";

    /// <summary>"4 h 12 min", "21 min 54 s", "45 s", "2 d 3 h 5 min".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var days = (int)span.TotalDays;
        if (days > 0)
        {
            return $"{days} d {span.Hours} h {span.Minutes} min";
        }

        if (span.TotalHours >= 1)
        {
            return $"{(int)span.TotalHours} h {span.Minutes} min";
        }

        if (span.TotalMinutes >= 1)
        {
            return span.Seconds == 0 ? $"{span.Minutes} min" : $"{span.Minutes} min {span.Seconds} s";
        }

        return $"{span.Seconds} s";
    }

    public static string Since(DateTimeOffset from, DateTimeOffset? to) => to is { } t ? Duration(t - from) : "—";

    public static string Percent(decimal value, int decimals) =>
        value.ToString(decimals == 0 ? "0.##########" : "0." + new string('0', decimals), Invariant) + "%";

    public static string Number(long value) => value.ToString(Invariant);

    /// <summary>A person as "@name" (when the platform told us) or "@id"; both escaped.</summary>
    public static StringBuilder AppendPerson(this StringBuilder sb, string? id, string? name = null)
    {
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(name))
        {
            return sb.Append("ChatOps");
        }

        return sb.Append('@').AppendEscaped(string.IsNullOrWhiteSpace(name) ? id : name);
    }

    public static string Person(string? id, string? name = null) => new StringBuilder().AppendPerson(id, name).ToString();

    /// <summary>Appends one table row; cells are already escaped.</summary>
    public static StringBuilder Row(this StringBuilder sb, params string[] cells)
    {
        sb.Append('|');
        foreach (var cell in cells)
        {
            sb.Append(' ').Append(cell.Length == 0 ? " " : cell).Append(" |");
        }

        return sb.Append('\n');
    }

    public static StringBuilder Header(this StringBuilder sb, params string[] names)
    {
        sb.Row(names).Append('|');
        foreach (var _ in names)
        {
            sb.Append("---|");
        }

        return sb.Append('\n');
    }
}
