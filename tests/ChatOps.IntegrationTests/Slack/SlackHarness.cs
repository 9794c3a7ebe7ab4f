using System.Collections.Concurrent;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Events;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// The real app with Slack configured against <see cref="FakeSlack"/>, a scriptable /slacktest
/// command and a recording event sink (the real /incident module and timeline sink live elsewhere;
/// the test command has its own name so it never clashes with them).
/// </summary>
public sealed class SlackHarness : IAsyncDisposable
{
    public const string Secret = "test-signing-secret-8f742231b10e";
    public const string Broadcast = "C0BROADCST";

    private SlackHarness(FakeSlack slack, TestApp app, ScriptedModule module, RecordingSink sink, CapturedLogs logs)
    {
        Slack = slack;
        App = app;
        Module = module;
        Sink = sink;
        Logs = logs;
        Requests = new SlackRequests(Secret);
    }

    public FakeSlack Slack { get; }

    public TestApp App { get; }

    public ScriptedModule Module { get; }

    public RecordingSink Sink { get; }

    public SlackRequests Requests { get; }

    /// <summary>Everything the app logged at Warning and above.</summary>
    public CapturedLogs Logs { get; }

    public HttpClient Client => App.Client;

    public static async Task<SlackHarness> StartAsync(StorageProvider provider = StorageProvider.Sqlite, bool withSink = true)
    {
        var slack = await FakeSlack.StartAsync();
        slack.AddChannel("incidents", Broadcast);
        slack.AddChannel("test", "C0TESTCHAN", members: ["U0TESTER01", "U0CLICKER1"]);
        var module = new ScriptedModule();
        var sink = new RecordingSink();
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Slack:BroadcastChannel"] = Broadcast,
        };
        try
        {
            var app = await TestApp.StartAsync(await TestStores.CreateAsync(provider, "slack"), settings, services: services =>
            {
                services.AddSingleton<ICommandModule>(sp => module.Attach(sp));
                services.AddSingleton<ILoggerProvider>(logs);
                services.RemoveAll<IChannelEventSink>();
                if (withSink)
                {
                    services.AddSingleton<IChannelEventSink>(sink);
                }
            });
            return new SlackHarness(slack, app, module, sink, logs);
        }
        catch
        {
            await slack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Enqueues must-deliver posts the way features do: in one transaction, then wakes the outbox.</summary>
    public async Task EnqueueAsync(Func<ChatDelivery, System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task> enqueue)
    {
        var delivery = App.Get<ChatDelivery>();
        await App.Get<Database>().InTransactionAsync(async (c, tx) =>
        {
            await enqueue(delivery, c, tx);
            return 0;
        }, CancellationToken.None);
        delivery.Wake();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Slack.DisposeAsync();
    }
}

/// <summary>/slacktest: answers whatever the test scripts, and remembers how it was called.</summary>
public sealed class ScriptedModule : ICommandModule
{
    private IServiceProvider? _services;

    public string Name => "slacktest";

    public IReadOnlyList<HelpLine> Help => [new("/slacktest <anything>", "a command for the Slack adapter's tests")];

    public ConcurrentQueue<(string Text, CommandContext Context)> Calls { get; } = new();

    public Func<string, CommandContext, IServiceProvider, Task<CommandResult>> Handler { get; set; } =
        (text, _, _) => Task.FromResult(CommandResult.Private($"you said: {text}"));

    public ScriptedModule Attach(IServiceProvider services)
    {
        _services = services;
        return this;
    }

    public Task<CommandResult> ExecuteAsync(string text, CommandContext context, CancellationToken ct)
    {
        Calls.Enqueue((text, context));
        return Handler(text, context, _services!);
    }
}

/// <summary>Stands in for the timeline: records what it is given, or fails like a database that is down.</summary>
public sealed class RecordingSink : IChannelEventSink
{
    public ConcurrentQueue<ChannelEvent> Events { get; } = new();

    public bool Broken { get; set; }

    public Task<IngestOutcome> IngestAsync(ChannelEvent channelEvent, CancellationToken ct)
    {
        if (Broken)
        {
            throw new InvalidOperationException("database is down");
        }

        Events.Enqueue(channelEvent);
        return Task.FromResult(IngestOutcome.Recorded);
    }
}

/// <summary>A logger provider that keeps every line (message and exception text), to check what reaches the logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
