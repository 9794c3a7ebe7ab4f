using ChatOps.Diagnostics;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Hosting;
using ChatOps.Incidents;
using ChatOps.Maintenance;
using ChatOps.Platforms.Slack;
using ChatOps.Platforms.Teams;
using ChatOps.Postmortems;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using ChatOps.Web;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Tests.Hosting;

/// <summary>appsettings.example.json is the documentation of every key: it must bind cleanly and be complete.</summary>
public sealed class ConfigurationTests
{
    private static readonly IConfiguration Example = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "TestData", "appsettings.example.json"))
        .Build();

    public static TheoryData<string> DesignKeys => new()
    {
        "Storage:Provider", "Storage:ConnectionString", "Slack:SigningSecret", "Slack:BotToken", "Slack:ApiBaseUrl",
        "Slack:BroadcastChannel", "Incidents:ChannelPrefix", "Incidents:StatusCadence:Sev1", "Incidents:StatusCadence:Sev2",
        "Incidents:StatusCadence:Sev3", "Incidents:StatusCadence:Sev4", "Maintenance:MinimumNotice",
        "Maintenance:AnnouncementChannel", "Maintenance:Approvers", "Kubernetes:Clusters", "Diagnostics:AllowedUsers",
        "Diagnostics:AllowedNamespaces", "Teams:AppId", "Teams:AppPassword", "Teams:TenantId", "Teams:TeamId",
        "Teams:BroadcastChannel", "Teams:OpenIdMetadataUrl", "Teams:Authority", "Teams:GraphBaseUrl",
    };

    [Theory]
    [MemberData(nameof(DesignKeys))]
    public void The_example_documents_every_key_of_the_design(string key)
    {
        var section = Example.GetSection(key);
        Assert.True(section.Exists() || Example.AsEnumerable().Any(kv => kv.Key == key), $"{key} is missing from appsettings.example.json");
    }

    [Fact]
    public void The_example_binds_without_unknown_keys_and_passes_validation()
    {
        var errors = new List<string>();
        errors.AddRange(Example.Read<SlackOptions>(SlackOptions.Section).Validate());
        errors.AddRange(Example.Read<TeamsOptions>(TeamsOptions.Section).Validate());
        errors.AddRange(Example.Read<IncidentsOptions>(IncidentsOptions.Section).Validate());
        errors.AddRange(Example.Read<MaintenanceOptions>(MaintenanceOptions.Section).Validate());
        errors.AddRange(Example.Read<KubernetesOptions>(KubernetesOptions.Section).Validate());
        errors.AddRange(Example.Read<PostmortemsOptions>(PostmortemsOptions.Section).Validate());
        Example.Read<DiagnosticsOptions>(DiagnosticsOptions.Section);
        Example.Read<WebOptions>(WebOptions.Section);
        Example.Read<OutboxOptions>(OutboxOptions.Section);
        Example.Read<SchedulerOptions>(SchedulerOptions.Section);
        var storage = Example.Read<StorageOptions>(StorageOptions.Section);

        Assert.Empty(errors);
        Assert.Equal(StorageProvider.Sqlite, storage.Provider);
        Assert.Equal(StorageOptions.DefaultSqlite, storage.ConnectionString);
    }

    [Fact]
    public void The_example_defaults_match_the_code_defaults()
    {
        var incidents = Example.Read<IncidentsOptions>(IncidentsOptions.Section);
        var maintenance = Example.Read<MaintenanceOptions>(MaintenanceOptions.Section);

        Assert.Equal(new IncidentsOptions().StatusCadence.For(Severity.Sev1), incidents.StatusCadence.For(Severity.Sev1));
        Assert.Equal(new IncidentsOptions().StatusCadence.For(Severity.Sev3), incidents.StatusCadence.For(Severity.Sev3));
        Assert.Null(incidents.StatusCadence.For(Severity.Sev4));
        Assert.Equal(new MaintenanceOptions().MinimumNotice, maintenance.MinimumNotice);
        Assert.Equal(new SlackOptions().ApiBaseUrl, Example.Read<SlackOptions>(SlackOptions.Section).ApiBaseUrl);
        Assert.Equal(new PostmortemsOptions().AvailabilityTarget, Example.Read<PostmortemsOptions>(PostmortemsOptions.Section).AvailabilityTarget);
    }

    [Fact]
    public void Slack_fails_closed_when_the_token_is_set_without_a_signing_secret()
    {
        var options = new SlackOptions { BotToken = "xoxb-1" };

        var error = Assert.Single(options.Validate());

        Assert.Contains("Slack:SigningSecret", error, StringComparison.Ordinal);
        Assert.False(options.Enabled);
    }

    [Fact]
    public void An_unknown_key_names_its_section_and_the_key()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Providr"] = "Postgres" })
            .Build();

        var error = Assert.Throws<StartupException>(() => configuration.Read<StorageOptions>(StorageOptions.Section));

        Assert.Equal("Storage: unknown setting 'Providr' (see appsettings.example.json for the valid keys)", error.Message);
    }
}
