using ChatOps.Chat.Messages;
using ChatOps.Maintenance;
using ChatOps.Maintenance.Commands;
using ChatOps.Maintenance.Parsing;

namespace ChatOps.Tests.Maintenance;

public sealed class ScheduleInputTests
{
    [Fact]
    public void Scope_is_taken_from_anywhere_and_the_rest_is_the_title()
    {
        var input = ScheduleInput.Parse("2026-12-01T21:00Z 1h30m Upgrade prod to 1.31 --scope prod-eu, prod-us", WindowKind.Planned, out var problem);

        Assert.Null(problem);
        Assert.NotNull(input);
        Assert.Equal("Upgrade prod to 1.31", input.Title);
        Assert.Equal("prod-eu, prod-us", input.Scope);
        Assert.Equal(TimeSpan.FromMinutes(90), input.Duration);
    }

    [Fact]
    public void An_emergency_needs_a_reason()
    {
        Assert.Null(ScheduleInput.Parse("2026-12-01T21:00Z 1h Patch the kubelet", WindowKind.Emergency, out var problem));
        Assert.Contains("--reason", problem, StringComparison.Ordinal);

        var input = ScheduleInput.Parse("2026-12-01T21:00Z 1h Patch the kubelet --reason CVE-2026-1234 is exploited --scope prod-eu", WindowKind.Emergency, out _);
        Assert.Equal("CVE-2026-1234 is exploited", input!.Reason);
        Assert.Equal("prod-eu", input.Scope);
    }

    [Fact]
    public void A_form_submitted_with_an_empty_scope_means_no_scope()
    {
        var form = MaintenanceForms.Schedule(WindowKind.Planned);
        var line = form.Fill(new Dictionary<string, string> { ["start"] = "2026-12-01 22:00 Europe/Berlin", ["duration"] = "2h", ["title"] = "Etcd defrag" });

        var input = ScheduleInput.Parse(line["/maint schedule ".Length..], WindowKind.Planned, out var problem);

        Assert.Null(problem);
        Assert.Equal("Etcd defrag", input!.Title);
        Assert.Null(input.Scope);
        Assert.IsType<AbsoluteStart>(input.Start);
    }

    [Fact]
    public void The_emergency_form_fills_into_a_valid_command()
    {
        var form = MaintenanceForms.Schedule(WindowKind.Emergency);
        var line = form.Fill(new Dictionary<string, string>
        {
            ["start"] = "2026-12-01T21:00Z", ["duration"] = "45m", ["title"] = "Rotate certs", ["scope"] = "ingress", ["reason"] = "Certificates expire\ntonight",
        });

        var input = ScheduleInput.Parse(line["/maint emergency ".Length..], WindowKind.Emergency, out var problem);

        Assert.Null(problem);
        Assert.Equal("Certificates expire tonight", input!.Reason);
        Assert.Equal("ingress", input.Scope);
        Assert.Equal("Rotate certs", input.Title);
    }

    [Fact]
    public void An_emergency_form_with_an_empty_scope_keeps_the_reason_whole()
    {
        var line = MaintenanceForms.Schedule(WindowKind.Emergency).Fill(new Dictionary<string, string>
        {
            ["start"] = "2026-12-01T21:00Z", ["duration"] = "45m", ["title"] = "Rotate certs", ["reason"] = "Certificates expire tonight",
        });

        var input = ScheduleInput.Parse(line["/maint emergency ".Length..], WindowKind.Emergency, out var problem);

        Assert.Null(problem);
        Assert.Null(input!.Scope);
        Assert.Equal("Certificates expire tonight", input.Reason);
    }

    [Theory]
    [InlineData("2026-12-01T21:00Z 2h", "title is missing")]
    [InlineData("2026-12-01T21:00Z Upgrade", "couldn't read the duration 'Upgrade'")]
    public void Missing_parts_are_named(string text, string expected)
    {
        Assert.Null(ScheduleInput.Parse(text, WindowKind.Planned, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Forms_use_text_inputs_for_what_people_type()
    {
        var form = MaintenanceForms.Schedule(WindowKind.Planned);

        Assert.All(form.Fields, f => Assert.IsType<TextInput>(f));
        Assert.True(form.Fields.Single(f => f.Id == "scope").Optional);
    }
}
