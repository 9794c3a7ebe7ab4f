using ChatOps.Incidents;

namespace ChatOps.Tests.Incidents;

public sealed class CadenceAndNamesTests
{
    private static readonly DateTimeOffset Declared = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Checkout API 5xx errors", "inc-42-checkout-api-5xx-errors")]
    [InlineData("  Überlast: Zahlungen / EU  ", "inc-42-uberlast-zahlungen-eu")]
    [InlineData("🔥🔥🔥", "inc-42")]
    public void Channel_names_are_lowercase_slugs_after_prefix_and_number(string title, string expected)
    {
        Assert.Equal(expected, ChannelNames.For("inc", 42, title));
    }

    [Fact]
    public void Channel_names_never_exceed_80_characters()
    {
        var name = ChannelNames.For("inc", 123456, new string('a', 300));

        Assert.Equal(80, name.Length);
        Assert.StartsWith("inc-123456-", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_update_is_due_one_cadence_after_the_last_update_or_the_declaration()
    {
        var cadence = new StatusCadenceOptions();
        var incident = Incident(Severity.Sev1, IncidentStatus.Active);

        Assert.Equal(Declared.AddMinutes(15), CadencePolicy.NextUpdateDue(incident, cadence));
        Assert.Equal(Declared.AddMinutes(25), CadencePolicy.NextUpdateDue(incident with { LastStatusAt = Declared.AddMinutes(10) }, cadence));
    }

    [Fact]
    public void Mitigated_relaxes_to_the_next_severity_and_resolved_needs_no_updates()
    {
        var cadence = new StatusCadenceOptions();

        Assert.Equal(TimeSpan.FromMinutes(30), CadencePolicy.CadenceFor(Incident(Severity.Sev1, IncidentStatus.Mitigated), cadence));
        Assert.Null(CadencePolicy.CadenceFor(Incident(Severity.Sev3, IncidentStatus.Mitigated), cadence));
        Assert.Null(CadencePolicy.NextUpdateDue(Incident(Severity.Sev1, IncidentStatus.Resolved), cadence));
        Assert.Null(CadencePolicy.NextUpdateDue(Incident(Severity.Sev4, IncidentStatus.Active), cadence));
    }

    private static Incident Incident(Severity severity, IncidentStatus status) => new()
    {
        Number = 1,
        Title = "t",
        Severity = severity,
        Status = status,
        Platform = "slack",
        CommanderId = "U1",
        DeclaredBy = "U1",
        DeclaredAt = Declared,
    };
}
