using System.Globalization;
using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Maintenance.Announcements;
using ChatOps.Maintenance.Timers;
using ChatOps.Storage;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ChatOps.IntegrationTests.Maintenance;

/// <summary>
/// The real app on one database with a recording chat platform ("test") and a clock the test can
/// jump; restartable on the same database, platform and clock.
/// </summary>
public sealed class MaintenanceHarness : IAsyncDisposable
{
    public const string Announcements = "C-MAINT";

    private readonly Dictionary<string, string?> _settings;
    private readonly IChatPlatform _port;
    private bool _running;

    private MaintenanceHarness(StorageOptions storage, Dictionary<string, string?> settings, RecordingChatPlatform platform, IChatPlatform port)
    {
        Storage = storage;
        _settings = settings;
        Platform = platform;
        _port = port;
    }

    /// <summary>What the app sent to the chat platform, across restarts.</summary>
    public RecordingChatPlatform Platform { get; }

    public OffsetClock Clock { get; } = new();

    public StorageOptions Storage { get; }

    public TestApp App { get; private set; } = null!;

    /// <summary>Starts the app with announcements in <see cref="Announcements"/> and U-LEAD, U-OPS as approvers.</summary>
    public static async Task<MaintenanceHarness> StartAsync(StorageProvider provider, Dictionary<string, string?>? settings = null,
        Func<RecordingChatPlatform, IChatPlatform>? wrap = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Maintenance:AnnouncementChannel"] = Announcements,
            ["Maintenance:Approvers:0"] = "U-LEAD",
            ["Maintenance:Approvers:1"] = "U-OPS",
        };
        foreach (var (key, value) in settings ?? [])
        {
            // null unsets a default of the harness.
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = value;
            }
        }

        var platform = new RecordingChatPlatform();
        var harness = new MaintenanceHarness(await TestStores.CreateAsync(provider, "maint"), values, platform, wrap?.Invoke(platform) ?? platform);
        await harness.StartAppAsync();
        return harness;
    }

    /// <summary>A new app instance on the same database, platform and clock (as after a deploy or a crash-restart).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAppAsync();
    }

    public async Task StopAsync()
    {
        _running = false;
        await App.DisposeAsync();
    }

    public async Task StartAppAsync()
    {
        App = await TestApp.StartAsync(Storage, _settings, Clock, services => services.AddSingleton(_port));
        _running = true;
    }

    /// <summary>A second app instance on the same database, platform and clock, running beside the first.</summary>
    public Task<TestApp> StartReplicaAsync() => TestApp.StartAsync(Storage, _settings, Clock, services => services.AddSingleton(_port));

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Now rounded down to the minute plus <paramref name="ahead"/>: a start people would type.</summary>
    public DateTimeOffset Minute(TimeSpan ahead)
    {
        var now = Now;
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero) + ahead;
    }

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    public Task<CommandResult> RunAsync(string line, string user = "U-PLANNER", string channel = "C-PLAN") =>
        App.Get<CommandDispatcher>().ExecuteLineAsync(line, new CommandContext("test", user, channel, new ReplyTarget(channel, user), Now), CancellationToken.None);

    public async Task<Reply> ReplyAsync(string line, string user = "U-PLANNER") => Assert.IsType<Reply>(await RunAsync(line, user));

    public IReadOnlyList<RecordedCall> Posts(string text) =>
        Platform.CallsOf("Post").Where(c => c.Detail?.Contains(text, StringComparison.Ordinal) == true).ToList();

    /// <summary>Waits until some call satisfies <paramref name="match"/>; fails with what was recorded.</summary>
    public async Task<RecordedCall> WaitForAsync(string method, Func<RecordedCall, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (Platform.CallsOf(method).FirstOrDefault(match) is { } call)
            {
                return call;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no matching {method} call; recorded:\n{string.Join("\n", Platform.Calls.Select(c => $"{c.Method} {c.Target}: {c.Detail}"))}");
    }

    public Task<RecordedCall> WaitForPostAsync(string text) =>
        WaitForAsync("Post", c => c.Target == Announcements && c.Detail?.Contains(text, StringComparison.Ordinal) == true);

    /// <summary>Waits until the window's timed triggers are in the Quartz store (the plan runs from the outbox).</summary>
    public async Task WaitPlannedAsync(long windowId, AnnouncementKind kind = AnnouncementKind.Ended, DateTimeOffset? at = null)
    {
        var scheduler = await App.Get<ISchedulerFactory>().GetScheduler();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var trigger = await scheduler.GetTrigger(MaintenanceTimers.TriggerKeyFor(windowId, kind));
            if (trigger is not null && (at is null || trigger.StartTimeUtc == at))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"MW-{windowId} {kind} was not planned{(at is null ? string.Empty : $" at {at:O}")}");
    }

    /// <summary>Lets delivery and the scheduler run a little, so a duplicate would have time to show.</summary>
    public static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(2.5));

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await StopAsync();
        }
    }
}
