using ChatOps.Hosting;
using ChatOps.Incidents;
using ChatOps.Reminders;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Tests.Reminders;

public sealed class SnoozeAndOptionsTests
{
    [Theory]
    [InlineData("snooze", null, null)]
    [InlineData("snooze 10m", null, 600)]
    [InlineData("snooze #42 1h", 42L, 3600)]
    [InlineData("snooze 1h30m", null, 5400)]
    [InlineData("snooze 45s", null, 45)]
    [InlineData("SNOOZE 15min", null, 900)]
    public void Snooze_takes_an_optional_incident_and_duration(string text, long? number, int? seconds)
    {
        var command = Assert.IsType<Snooze>(IncidentGrammar.Parse(text).Command);

        Assert.Equal(number, command.Number);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, command.Duration);
    }

    [Theory]
    [InlineData("snooze soon")]
    [InlineData("snooze 0m")]
    [InlineData("snooze -5m")]
    [InlineData("snooze 10m please")]
    public void A_bad_snooze_duration_is_answered_with_the_usage(string text)
    {
        var parsed = IncidentGrammar.Parse(text);

        Assert.Null(parsed.Command);
        Assert.Contains("is not a duration", parsed.Problem, StringComparison.Ordinal);
        Assert.Equal("/incident snooze [#n] [duration]", parsed.Usage);
    }

    [Fact]
    public void The_snooze_button_command_parses_back_to_its_duration()
    {
        foreach (var span in new[] { TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(90), TimeSpan.FromHours(1), TimeSpan.FromMinutes(75) })
        {
            var command = Assert.IsType<Snooze>(IncidentGrammar.Parse($"snooze #3 {ReminderMessages.Compact(span)}").Command);

            Assert.Equal(span, command.Duration);
        }
    }

    [Fact]
    public void The_example_settings_document_the_default_reminder_options()
    {
        var example = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "TestData", "appsettings.example.json")).Build();

        var options = example.Read<IncidentsOptions>(IncidentsOptions.Section);
        var defaults = new IncidentsOptions();

        Assert.Empty(options.Validate());
        Assert.Null(options.Reminders.Grace);
        Assert.Equal(defaults.Reminders.Snooze, options.Reminders.Snooze);
        Assert.Equal(defaults.Reminders.MaxSnooze, options.Reminders.MaxSnooze);
        Assert.Equal(defaults.Reminders.SweepInterval, options.Reminders.SweepInterval);
        Assert.Equal(defaults.Reminders.MaxEscalationInterval, options.Reminders.MaxEscalationInterval);
        Assert.Equal(
            ReminderOptions.DefaultCheckpoints.Select(c => (c.After, string.Join(",", c.Severities), c.Text)),
            options.Reminders.EffectiveCheckpoints.Select(c => (c.After, string.Join(",", c.Severities), c.Text)));
        Assert.Empty(options.Escalation.For(Severity.Sev1));
    }

    [Fact]
    public void Escalation_contacts_bind_per_severity_from_environment_style_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Incidents:Escalation:Sev1:0"] = "U0DIRECTOR",
            ["Incidents:Escalation:Sev1:1"] = "U0VPENG001",
            ["Incidents:Escalation:Sev2:0"] = "U0MANAGER1",
        }).Build();

        var options = configuration.Read<IncidentsOptions>(IncidentsOptions.Section);

        Assert.Equal(["U0DIRECTOR", "U0VPENG001"], options.Escalation.For(Severity.Sev1));
        Assert.Equal(["U0MANAGER1"], options.Escalation.For(Severity.Sev2));
        Assert.Empty(options.Escalation.For(Severity.Sev3));
    }

    [Fact]
    public void Bad_reminder_settings_stop_start_up_with_the_key_named()
    {
        var options = new IncidentsOptions();
        options.Reminders.Grace = TimeSpan.FromMinutes(-1);
        options.Reminders.MaxSnooze = TimeSpan.FromMinutes(5);
        options.Reminders.Checkpoints = [new CheckpointOptions { After = TimeSpan.FromMinutes(10), Severities = [5], Text = "x" }];

        var errors = options.Validate().ToList();

        Assert.Contains(errors, e => e.StartsWith("Incidents:Reminders:Grace", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Incidents:Reminders:Snooze", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Incidents:Reminders:Checkpoints:0", StringComparison.Ordinal));
    }
}
