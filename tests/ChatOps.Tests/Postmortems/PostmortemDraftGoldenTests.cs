using ChatOps.Postmortems.Drafting;
using ChatOps.Tests.Architecture;

namespace ChatOps.Tests.Postmortems;

/// <summary>
/// The drafts of two realistic incidents, pinned byte for byte. After an intended change,
/// regenerate with CHATOPS_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class PostmortemDraftGoldenTests
{
    [Fact]
    public void Four_hour_control_plane_outage_during_an_upgrade() =>
        Golden("control-plane-outage", PostmortemDrafter.Draft(Stories.ControlPlaneOutage().Input()));

    [Fact]
    public void Fifteen_minute_api_outage_with_a_quick_rollback() =>
        Golden("quick-rollback", PostmortemDrafter.Draft(Stories.QuickRollback().Input()));

    [Fact]
    public void The_same_input_gives_the_same_bytes_whatever_the_order_the_entries_arrive_in()
    {
        var input = Stories.ControlPlaneOutage().Input();
        var shuffled = input with { Timeline = [.. input.Timeline.Reverse()], Actions = [.. input.Actions.Reverse()] };

        Assert.Equal(PostmortemDrafter.Draft(input), PostmortemDrafter.Draft(input));
        Assert.Equal(PostmortemDrafter.Draft(input), PostmortemDrafter.Draft(shuffled));
    }

    [Fact]
    public void The_draft_does_not_depend_on_the_current_culture()
    {
        var input = Stories.ControlPlaneOutage().Input();
        var expected = PostmortemDrafter.Draft(input);
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(expected, PostmortemDrafter.Draft(input));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    private static void Golden(string name, string actual)
    {
        var file = $"{name}.golden.md";
        if (Environment.GetEnvironmentVariable("CHATOPS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(BoundaryTests.RepositoryRoot(), "tests", "ChatOps.Tests", "Postmortems", file), actual);
        }

        // A checkout may have turned the file's line ends into CRLF; the draft's own bytes are pinned by the test above.
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Postmortems", file)).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }
}
