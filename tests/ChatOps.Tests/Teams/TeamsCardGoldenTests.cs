using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Platforms.Teams.Rendering;
using ChatOps.Tests.Architecture;
using ChatOps.Tests.Slack;

namespace ChatOps.Tests.Teams;

/// <summary>
/// The Adaptive Cards Teams receives for the same messages the Block Kit golden files pin, so the
/// two renderers can be compared side by side. After an intended change, regenerate with
/// CHATOPS_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class TeamsCardGoldenTests
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Display names as the platform knows them from activities; the Slack ids stand in for Teams ones where the shape allows.</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["29:1alice-aad-0001"] = "Alice <Ops> *Lead*",
    };

    [Fact]
    public void Incident_declared_summary() => Golden("incident-declared", Render(TeamsMessages.IncidentDeclared()));

    [Fact]
    public void Status_update_with_a_mention_and_times() => Golden("status-update", Render(TeamsMessages.StatusUpdate()));

    [Fact]
    public void Injection_attempt() => Golden("injection-attempt", Render(SlackMessages.InjectionAttempt()));

    [Fact]
    public void Long_preformatted_diagnostics() => Golden("long-diagnostics", Render(SlackMessages.LongDiagnostics()));

    [Fact]
    public void Status_form_as_a_card() => Golden("status-form", TeamsFormRenderer.Render(SlackMessages.StatusForm()));

    [Fact]
    public void User_text_cannot_mention_link_or_call_card_functions()
    {
        var card = Render(SlackMessages.InjectionAttempt()).ToJsonString();

        Assert.DoesNotContain("<at>", card, StringComparison.Ordinal);
        Assert.DoesNotContain("](javascript", card, StringComparison.Ordinal);
        Assert.DoesNotContain("msteams", card, StringComparison.Ordinal);
        var escaped = TeamsMarkdown.Escape("{{DATE(2026-01-01T00:00:00Z)}} <at>Bob</at> [x](https://evil.example) **b**");
        Assert.DoesNotContain("{{", escaped, StringComparison.Ordinal);
        Assert.DoesNotContain("<at>", escaped, StringComparison.Ordinal);
        Assert.DoesNotContain("[x]", escaped, StringComparison.Ordinal);
        Assert.DoesNotContain("**", escaped, StringComparison.Ordinal);
    }

    private static JsonObject Render(ChatOps.Chat.Messages.ChatMessage message) =>
        TeamsCardRenderer.Render(message, Names, id => id.StartsWith("19:", StringComparison.Ordinal) ? $"https://teams.microsoft.com/l/channel/{Uri.EscapeDataString(id)}/incident" : null);

    private static void Golden(string name, JsonObject rendered)
    {
        var actual = rendered.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";
        var file = $"{name}.golden.json";
        if (Environment.GetEnvironmentVariable("CHATOPS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(BoundaryTests.RepositoryRoot(), "tests", "ChatOps.Tests", "Teams", file), actual);
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Teams", file)).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }
}
