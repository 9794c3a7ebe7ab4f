using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.Incidents;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using ChatOps.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ChatOps.IntegrationTests.Reminders;

/// <summary>
/// The real app on one database with a recording chat platform ("test") and a clock the test
/// jumps: reminders, escalations and checkpoints at 15-minute cadences without waiting for them.
/// </summary>
public sealed class ReminderHarness : IAsyncDisposable
{
    public const string Commander = "U-IC";
    public const string Origin = "C-OPS";

    private ReminderHarness(TestApp app, RecordingChatPlatform platform, OffsetClock clock)
    {
        App = app;
        Platform = platform;
        Clock = clock;
    }

    public TestApp App { get; }

    public RecordingChatPlatform Platform { get; }

    public OffsetClock Clock { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static async Task<ReminderHarness> StartAsync(StorageProvider provider, Dictionary<string, string?>? settings = null)
    {
        var platform = new RecordingChatPlatform();
        var clock = new OffsetClock();
        var values = new Dictionary<string, string?> { ["Incidents:Reminders:SweepInterval"] = "00:00:00.500" };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var app = await TestApp.StartAsync(await TestStores.CreateAsync(provider, "remind"), values, clock, services => services.AddSingleton<IChatPlatform>(platform));
        return new ReminderHarness(app, platform, clock);
    }

    /// <summary>
    /// Moves "now" forward and runs a sweep at once. A jump makes the repeating sweep trigger a
    /// misfire, which Quartz's misfire handler picks up only within its 30-second threshold; real
    /// time never jumps like that (the real-time tests show the trigger itself firing).
    /// </summary>
    public async Task JumpToAsync(DateTimeOffset instant)
    {
        Clock.JumpTo(instant);
        var scheduler = await App.Get<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(ReminderSweepJob.Key);
    }

    public Task JumpAsync(TimeSpan by) => JumpToAsync(Now + by);

    public Task<CommandResult> RunAsync(string line, string user = Commander, string channel = Origin) =>
        App.Get<CommandDispatcher>().ExecuteLineAsync(line, new CommandContext("test", user, channel, new ReplyTarget(channel, user), Now), CancellationToken.None);

    /// <summary>Declares an incident and waits until its channel exists and its summary is posted; returns the channel id.</summary>
    public async Task<string> DeclareAsync(string text)
    {
        Assert.IsType<Reply>(await RunAsync($"/incident declare {text}"));
        var pins = Platform.CallsOf("Pin").Count;
        await Eventually.TrueAsync(() => Platform.CallsOf("Pin").Count > pins, "the pinned summary");
        return Platform.CallsOf("Pin")[pins].Target;
    }

    public Task<Incident?> IncidentAsync(long number = 1) => App.Get<IncidentStore>().GetAsync(number, CancellationToken.None);

    public IReadOnlyList<RecordedCall> Reminders(string channel) => Posts(channel, "status update due");

    public IReadOnlyList<RecordedCall> Posts(string target, string text) =>
        Platform.Calls.Where(c => c.Method is "Post" or "Direct" && c.Target == target && c.Detail?.Contains(text, StringComparison.Ordinal) == true).ToList();

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

    /// <summary>Waits for the <paramref name="count"/>th post containing <paramref name="text"/> in <paramref name="target"/>.</summary>
    public async Task<RecordedCall> WaitForPostAsync(string target, string text, int count = 1)
    {
        await Eventually.TrueAsync(() => Posts(target, text).Count >= count, $"post #{count} with \"{text}\" in {target}");
        return Posts(target, text)[count - 1];
    }

    /// <summary>Lets several sweeps and deliveries run, so a reminder that should not exist would have time to show.</summary>
    public static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(2));

    public static IEnumerable<Inline> Inlines(ChatMessage message) => message.Blocks.SelectMany(b => b switch
    {
        Section s => s.Text.Parts.Concat((s.Fields ?? []).SelectMany(f => f.Value.Parts)),
        Context c => c.Elements.SelectMany(e => e.Parts),
        _ => [],
    });

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
