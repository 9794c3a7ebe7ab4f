namespace ChatOps.Platforms.Slack;

/// <summary>Bound from <c>Slack</c>. Slack is enabled when the signing secret and bot token are both set.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    public string? SigningSecret { get; set; }

    public string? BotToken { get; set; }

    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Channel id where stakeholders follow incidents (announcements, status mirrors).</summary>
    public string? BroadcastChannel { get; set; }

    /// <summary>User ids invited into every new incident channel besides the declarer.</summary>
    public IList<string> Responders { get; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>Fail closed: half a configuration is a mistake, never a reason to skip verification.</summary>
    public IEnumerable<string> Validate()
    {
        var hasSecret = !string.IsNullOrWhiteSpace(SigningSecret);
        var hasToken = !string.IsNullOrWhiteSpace(BotToken);
        if (hasToken && !hasSecret)
        {
            yield return "Slack:SigningSecret is required when Slack:BotToken is set (requests cannot be verified without it).";
        }

        if (hasSecret && !hasToken)
        {
            yield return "Slack:BotToken is required when Slack:SigningSecret is set.";
        }

        if (!ApiBaseUrl.IsAbsoluteUri || (ApiBaseUrl.Scheme != Uri.UriSchemeHttps && !ApiBaseUrl.IsLoopback))
        {
            yield return "Slack:ApiBaseUrl must be an absolute https URL (http only for loopback test servers).";
        }
    }
}
