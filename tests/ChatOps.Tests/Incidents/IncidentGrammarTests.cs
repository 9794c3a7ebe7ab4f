using ChatOps.Incidents;
using FsCheck;
using FsCheck.Fluent;

namespace ChatOps.Tests.Incidents;

public sealed class IncidentGrammarTests
{
    [Theory]
    [InlineData("declare sev1 Checkout API 5xx errors", Severity.Sev1, "Checkout API 5xx errors")]
    [InlineData("new SEV-2 DNS timeouts in eu-west", Severity.Sev2, "DNS timeouts in eu-west")]
    [InlineData("declare   p4   typo   in   banner", Severity.Sev4, "typo in banner")]
    [InlineData("declare Payments slow", Severity.Sev3, "Payments slow")]
    public void Declare_takes_an_optional_severity_and_the_title(string text, Severity severity, string title)
    {
        var command = Assert.IsType<DeclareIncident>(IncidentGrammar.Parse(text).Command);

        Assert.Equal(severity, command.Severity);
        Assert.Equal(title, command.Title);
    }

    [Fact]
    public void Declare_without_text_opens_the_form_and_a_severity_alone_is_refused()
    {
        Assert.IsType<DeclareForm>(IncidentGrammar.Parse("declare").Command);
        var refused = IncidentGrammar.Parse("declare sev1");

        Assert.Null(refused.Command);
        Assert.Equal("An incident needs a title.", refused.Problem);
        Assert.StartsWith("/incident declare", refused.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status #42 rolling back the deploy", 42L, "rolling back the deploy")]
    [InlineData("status INC-7 db failover done", 7L, "db failover done")]
    [InlineData("status all pods healthy again", null, "all pods healthy again")]
    public void Status_takes_an_optional_reference_and_text(string text, long? number, string update)
    {
        var command = Assert.IsType<PostStatus>(IncidentGrammar.Parse(text).Command);

        Assert.Equal(number, command.Number);
        Assert.Equal(update, command.Text);
    }

    [Fact]
    public void Role_needs_a_known_role_and_one_mention()
    {
        var assigned = Assert.IsType<AssignRole>(IncidentGrammar.Parse("role #3 comms <@U024BE7LH|alex>").Command);
        var unknown = IncidentGrammar.Parse("role chef <@U024BE7LH>");
        var nobody = IncidentGrammar.Parse("role ic alex");

        Assert.Equal(IncidentRole.Comms, assigned.Role);
        Assert.Equal("U024BE7LH", assigned.UserId);
        Assert.Equal(3, assigned.Number);
        Assert.Contains("\"chef\" is not a role", unknown.Problem, StringComparison.Ordinal);
        Assert.Contains("Mention exactly one person", nobody.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Action_takes_owner_and_due_date_anywhere_and_rejects_bad_dates()
    {
        var action = Assert.IsType<AddAction>(IncidentGrammar.Parse("action due:2026-03-09 Add etcd backup check <@U1ABC> to the runbook").Command);
        var badDate = IncidentGrammar.Parse("action fix it due:2026-13-40");

        Assert.Equal("Add etcd backup check to the runbook", action.Text);
        Assert.Equal("U1ABC", action.OwnerId);
        Assert.Equal(new DateOnly(2026, 3, 9), action.Due);
        Assert.Equal("\"2026-13-40\" is not a date; write due:YYYY-MM-DD.", badDate.Problem);
        Assert.IsType<ListActions>(IncidentGrammar.Parse("action #4 list").Command);
        Assert.Equal(12, Assert.IsType<CompleteAction>(IncidentGrammar.Parse("action done #12").Command).ActionId);
    }

    [Theory]
    [InlineData("sev 5", "\"5\" is not a severity; use 1 to 4.")]
    [InlineData("sev", "Which severity, 1 to 4?")]
    [InlineData("note", "Say what to record after \"note\".")]
    [InlineData("explode now", "\"explode\" is not an /incident subcommand.")]
    [InlineData("timeline please", "\"timeline\" takes only an incident reference such as #42.")]
    public void Malformed_input_gets_a_specific_problem_and_a_usage_line(string text, string problem)
    {
        var parsed = IncidentGrammar.Parse(text);

        Assert.Null(parsed.Command);
        Assert.Equal(problem, parsed.Problem);
        Assert.StartsWith("/incident", parsed.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_accepts_a_confirmation()
    {
        Assert.False(Assert.IsType<Close>(IncidentGrammar.Parse("close").Command).Confirmed);
        Assert.True(Assert.IsType<Close>(IncidentGrammar.Parse("close #9 confirm").Command).Confirmed);
    }

    [Fact]
    public void Any_text_gives_a_command_or_a_usage_error_never_an_exception()
    {
        var words = Gen.Elements("declare", "new", "status", "sev", "role", "note", "action", "list", "done", "due:2026-01-01", "due:x",
            "mitigated", "resolve", "close", "confirm", "reopen", "timeline", "help", "#42", "INC-0", "#", "<@U1>", "<@", "ic", "sev9", "--confirm", "\n", "\t", "🙂", "");
        var inputs = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>(),
            Gen.ListOf(words).Select(w => string.Join(' ', w)));

        Prop.ForAll(inputs.ToArbitrary(), text =>
        {
            var parsed = IncidentGrammar.Parse(text);
            return (parsed.Command is not null) ^ (parsed.Problem is not null && parsed.Usage is not null);
        }).QuickCheckThrowOnFailure();
    }
}
