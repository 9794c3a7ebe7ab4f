using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Infrastructure;

/// <summary>
/// The real app with a <see cref="RecordingChatPlatform"/> named "test", for feature tests at
/// the port: run commands as a user in a channel, then look at what reached the platform.
/// </summary>
public sealed class ChatHarness : IAsyncDisposable
{
    private ChatHarness(TestApp app, RecordingChatPlatform platform)
    {
        App = app;
        Platform = platform;
    }

    public TestApp App { get; }

    public RecordingChatPlatform Platform { get; }

    public static async Task<ChatHarness> StartAsync(StorageProvider provider, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var platform = new RecordingChatPlatform();
        var app = await TestApp.StartAsync(await TestStores.CreateAsync(provider), settings, clock, s => s.AddSingleton<IChatPlatform>(platform));
        return new ChatHarness(app, platform);
    }

    public CommandContext Context(string user = "U-ALICE", string channel = "C-GENERAL") =>
        new("test", user, channel, new ReplyTarget(channel, user), DateTimeOffset.UtcNow, Trigger: "trigger-1");

    public Task<CommandResult> RunAsync(string line, string user = "U-ALICE", string channel = "C-GENERAL") =>
        App.Get<CommandDispatcher>().ExecuteLineAsync(line, Context(user, channel), CancellationToken.None);

    /// <summary>The plain text of a reply, or the form id for forms.</summary>
    public static string TextOf(CommandResult result) => result switch
    {
        Reply reply => reply.Message.Fallback + " " + string.Join(" ", reply.Message.Blocks.OfType<Section>().Select(s => s.Text.ToPlainText())),
        ShowForm form => $"form:{form.Form.Id}",
        _ => result.ToString() ?? string.Empty,
    };

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
