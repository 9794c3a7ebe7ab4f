using ChatOps.Diagnostics.Audit;
using ChatOps.IntegrationTests.Fakes.Kubernetes;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using ChatOps.Tests.Diagnostics;

namespace ChatOps.IntegrationTests.Diagnostics;

/// <summary>The real app on the "test" chat platform with cluster "prod" served by <see cref="FakeKubernetes"/>, its clock at the scenario's "now".</summary>
public sealed class DiagHarness : IAsyncDisposable
{
    private readonly string _dir;

    private DiagHarness(ChatHarness chat, FakeKubernetes kube, string dir)
    {
        Chat = chat;
        Kube = kube;
        _dir = dir;
    }

    public ChatHarness Chat { get; }

    public FakeKubernetes Kube { get; }

    public RecordingChatPlatform Platform => Chat.Platform;

    public static async Task<DiagHarness> StartAsync(StorageProvider provider, ClusterScenario? scenario = null, IDictionary<string, string?>? settings = null,
        Action<FakeKubernetes>? script = null)
    {
        var dir = Directory.CreateTempSubdirectory("diag-").FullName;
        var kube = await FakeKubernetes.StartAsync(scenario ?? ClusterScenario.FromFixtures());
        script?.Invoke(kube);
        var values = new Dictionary<string, string?>
        {
            ["Kubernetes:Clusters:0:Name"] = "prod",
            ["Kubernetes:Clusters:0:KubeconfigPath"] = kube.WriteKubeconfig(dir),
            ["Kubernetes:RequestTimeout"] = "00:00:03",
            ["Diagnostics:AllowedUsers:0"] = "U-ALICE",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        try
        {
            var chat = await ChatHarness.StartAsync(provider, values, new ScenarioClock(ClusterScenario.Now));
            return new DiagHarness(chat, kube, dir);
        }
        catch
        {
            await kube.DisposeAsync();
            throw;
        }
    }

    public Task<Chat.Commands.CommandResult> RunAsync(string line, string user = "U-ALICE", string channel = "C-GENERAL") => Chat.RunAsync(line, user, channel);

    /// <summary>Waits for the n-th delayed answer and returns it.</summary>
    public async Task<RecordedCall> ReplyAsync(int count = 1)
    {
        await Eventually.TrueAsync(() => Platform.CallsOf("Reply").Count >= count, $"{count} /diag answer(s)", TimeSpan.FromSeconds(30));
        return Platform.CallsOf("Reply")[count - 1];
    }

    public Task<IReadOnlyList<DiagnosticsRun>> AuditAsync() => Chat.App.Get<DiagnosticsAuditStore>().ListRecentAsync(20);

    public static string Text(RecordedCall call) =>
        string.Join("\n", call.Message!.Blocks.Select(b => b switch
        {
            Chat.Messages.Header h => h.Text,
            Chat.Messages.Section s => s.Text.ToPlainText(),
            Chat.Messages.Context c => string.Join(" ", c.Elements.Select(e => e.ToPlainText())),
            _ => string.Empty,
        }));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Chat.DisposeAsync();
        }
        finally
        {
            await Kube.DisposeAsync();
            Directory.Delete(_dir, recursive: true);
        }
    }
}

/// <summary>Real time moved to start at the fixtures' "now", so their timestamps are minutes old, not years.</summary>
public sealed class ScenarioClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
