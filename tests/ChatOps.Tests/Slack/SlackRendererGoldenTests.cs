using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Platforms.Slack.Rendering;
using ChatOps.Tests.Architecture;

namespace ChatOps.Tests.Slack;

/// <summary>
/// The Block Kit Slack receives, pinned by golden files. After an intended change, regenerate with
/// CHATOPS_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class SlackRendererGoldenTests
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Incident_declared_summary() => Golden("incident-declared", SlackBlockRenderer.Render(SlackMessages.IncidentDeclared()));

    [Fact]
    public void Status_update_with_a_mention_and_times() => Golden("status-update", SlackBlockRenderer.Render(SlackMessages.StatusUpdate()));

    [Fact]
    public void Injection_attempt() => Golden("injection-attempt", SlackBlockRenderer.Render(SlackMessages.InjectionAttempt()));

    [Fact]
    public void Long_preformatted_diagnostics() => Golden("long-diagnostics", SlackBlockRenderer.Render(SlackMessages.LongDiagnostics()));

    [Fact]
    public void Status_form_as_a_modal() => Golden("status-form", SlackModalRenderer.Render(SlackMessages.StatusForm(), "C07INC0042"));

    private static void Golden(string name, JsonObject rendered)
    {
        var actual = rendered.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";
        var file = $"{name}.golden.json";
        if (Environment.GetEnvironmentVariable("CHATOPS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(BoundaryTests.RepositoryRoot(), "tests", "ChatOps.Tests", "Slack", file), actual);
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Slack", file)).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }
}
