using System.Text.Json;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Messages;
using ChatOps.Diagnostics.Audit;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Incidents;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOps.Diagnostics.Commands;

/// <summary>
/// /diag: checks the grammar, the caller, the namespace and the rate limit, writes the audit row and
/// an outbox row in one transaction, and answers at once. The cluster is only ever read from the
/// outbox handler (<see cref="DiagRunHandler"/>), never inside the webhook, and never for a refused caller.
/// </summary>
public sealed class DiagCommandModule(
    DiagAccess access,
    KubernetesClusters clusters,
    DiagnosticsAuditStore audit,
    IncidentStore incidents,
    OutboxStore outbox,
    ChatDelivery delivery,
    Database database,
    IOptions<DiagnosticsOptions> options,
    TimeProvider clock) : ICommandModule
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "diag";

    public IReadOnlyList<HelpLine> Help => DiagRequest.Help;

    public async Task<CommandResult> ExecuteAsync(string text, CommandContext context, CancellationToken ct)
    {
        var request = DiagRequest.Parse(text, out var problem);
        if (request is null)
        {
            return CommandResult.Usage(problem!, DiagRequest.Grammar);
        }

        if (request.Sub == "help")
        {
            return CommandResult.Private(HelpMessage());
        }

        var listed = access.IsListed(context.UserId);
        if (!listed && access.Groups.Count == 0)
        {
            await RecordRefusalAsync(request, request.Cluster ?? clusters.DefaultName, context, "not in Diagnostics:AllowedUsers", ct);
            return CommandResult.Private(ChatMessage.Text("⛔ " + access.Refusal));
        }

        var cluster = request.Cluster ?? clusters.DefaultName;
        if (cluster is null)
        {
            return CommandResult.Usage("No Kubernetes cluster is configured (Kubernetes:Clusters), and none was found in-cluster or in ~/.kube/config.", DiagRequest.Grammar);
        }

        if (!clusters.Exists(cluster))
        {
            return CommandResult.Usage($"There is no cluster named \"{cluster}\". Known: {string.Join(", ", clusters.Names)}.", DiagRequest.Grammar);
        }

        cluster = clusters.Names.First(n => string.Equals(n, cluster, StringComparison.OrdinalIgnoreCase));
        if (request.Namespace is { } ns && !access.Namespaces.Allows(ns))
        {
            await RecordRefusalAsync(request, cluster, context, $"namespace {ns} not allowed", ct);
            return CommandResult.Usage($"/diag may not read the namespace {ns} (Diagnostics:AllowedNamespaces: {string.Join(", ", access.Namespaces.Globs)}).", DiagRequest.Grammar);
        }

        var now = clock.GetUtcNow();
        var recent = await audit.RecentStartsAsync(context.Platform, context.UserId, now - options.Value.RateWindow, ct);
        if (recent.Count >= options.Value.RunsPerUser)
        {
            var wait = recent[0] + options.Value.RateWindow - now;
            return CommandResult.Private(ChatMessage.Text(
                $"⏳ You have run /diag {recent.Count} times in the last {options.Value.RateWindow.TotalSeconds:0} s. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s."));
        }

        var incident = await incidents.FindByChannelAsync(context.Platform, context.ChannelId, ct);
        await database.InTransactionAsync(async (c, tx) =>
        {
            var id = await audit.InsertAsync(c, tx, Row(request, cluster, context, incident?.Number, DiagnosticsOutcome.Queued, null, now), ct);
            var payload = new DiagRunPayload(id, request, cluster, context.Platform, context.UserId, context.UserName, context.ChannelId,
                context.ReplyTo, incident?.Number, CheckGroups: !listed);
            return await outbox.EnqueueAsync(c, tx, new OutboxMessage($"diag:{id}", DiagKinds.Run, JsonSerializer.Serialize(payload, Json), incident?.Number), ct);
        }, ct);
        delivery.Wake();
        return CommandResult.Private(ChatMessage.Text(Rich.Of(
            new Plain("🔎 Running "), new Code(request.Line(cluster)), new Plain(request.Sub == "triage" ? " (up to a minute, read-only)…" : " (read-only)…"))));
    }

    private async Task RecordRefusalAsync(DiagRequest request, string? cluster, CommandContext context, string reason, CancellationToken ct)
    {
        var incident = await incidents.FindByChannelAsync(context.Platform, context.ChannelId, ct);
        await audit.InsertAsync(Row(request, cluster, context, incident?.Number, DiagnosticsOutcome.Refused, reason, clock.GetUtcNow()), ct);
    }

    private static DiagnosticsRun Row(DiagRequest request, string? cluster, CommandContext context, long? incident, string outcome, string? summary, DateTimeOffset now) => new()
    {
        Platform = context.Platform,
        UserId = context.UserId,
        UserName = context.UserName,
        ChannelId = context.ChannelId,
        IncidentNumber = incident,
        Command = request.Line(cluster ?? "-"),
        Cluster = cluster,
        Outcome = outcome,
        Summary = summary,
        RequestedAt = now,
        FinishedAt = outcome == DiagnosticsOutcome.Refused ? now : null,
    };

    private ChatMessage HelpMessage()
    {
        var inlines = new List<Inline> { new Bold("/diag: read-only Kubernetes diagnostics") };
        foreach (var line in Help)
        {
            inlines.Add(new LineBreak());
            inlines.Add(new Code(line.Usage));
            inlines.Add(new Plain(" " + line.Description));
        }

        inlines.Add(new LineBreak());
        inlines.Add(new Plain($"Clusters: {(clusters.Names.Count == 0 ? "none configured" : string.Join(", ", clusters.Names))}"));
        return ChatMessage.Text(new Rich(inlines));
    }
}
