namespace ChatOps.Web;

/// <summary>Bound from <c>Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The local playground; on by default only when no chat platform is configured.</summary>
    public bool? Playground { get; set; }
}
