using System.Text.Json;
using ChatOps.Chat;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Messages;
using ChatOps.Diagnostics.Audit;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using ChatOps.Timeline;

namespace ChatOps.Diagnostics.Commands;

/// <summary>
/// Runs an accepted /diag command from its outbox row: resolves group membership first (a refused
/// caller never reaches the cluster), reads the cluster, then in one transaction completes the
/// audit row, queues the answer (and the full output as a file when it does not fit) and, in an
/// incident channel, appends a Diagnostics entry to the timeline. A retried row whose audit row is
/// already complete does nothing.
/// </summary>
public sealed partial class DiagRunHandler(
    DiagAccess access,
    KubernetesClusters clusters,
    DiagQueries queries,
    DiagnosticsAuditStore audit,
    TimelineStore timeline,
    ChatPlatforms platforms,
    ChatDelivery delivery,
    Database database,
    Microsoft.Extensions.Options.IOptions<DiagnosticsOptions> options,
    TimeProvider clock,
    ILogger<DiagRunHandler> logger) : IOutboxHandler
{
    public string Kind => DiagKinds.Run;

    public async Task HandleAsync(OutboxItem item, CancellationToken ct)
    {
        var run = JsonSerializer.Deserialize<DiagRunPayload>(item.Payload, DiagCommandModule.Json)
            ?? throw new DeliveryException("unreadable /diag payload", permanent: true);
        if ((await audit.GetAsync(run.AuditId, ct))?.FinishedAt is not null)
        {
            return;
        }

        if (run.CheckGroups && !await InAllowedGroupAsync(run, ct))
        {
            await FinishAsync(run, DiagResult.Failed("/diag", access.Refusal) with { Outcome = DiagnosticsOutcome.Refused }, 0, ct);
            return;
        }

        DiagResult result;
        long requests = 0;
        try
        {
            var client = clusters.Get(run.Cluster);
            var before = client.RequestCount;
            result = await queries.RunAsync(run.Request, client, access.Namespaces, ct);
            requests = client.RequestCount - before;
        }
        catch (KubernetesConfigException ex)
        {
            result = DiagResult.Failed($"/diag {run.Request.Sub}", $"The cluster {run.Cluster} is not usable: {ex.Message}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DeliveryException)
        {
            // A bug reading an odd object must not make the outbox retry against the cluster forty times.
            LogCrashed(logger, ex, run.AuditId, run.Request.Sub);
            result = DiagResult.Failed($"/diag {run.Request.Sub}", "Something went wrong on my side reading the cluster; the error is in the bot's log.");
        }

        LogRun(logger, run.AuditId, run.Request.Sub, run.Cluster, result.Outcome, requests);
        await FinishAsync(run, result, requests, ct);
    }

    private async Task<bool> InAllowedGroupAsync(DiagRunPayload run, CancellationToken ct)
    {
        if (!platforms.TryGet(run.Platform, out var platform))
        {
            return false;
        }

        foreach (var group in access.Groups)
        {
            try
            {
                if ((await platform.GetGroupMembersAsync(group, ct)).Contains(run.UserId, StringComparer.Ordinal))
                {
                    return true;
                }
            }
            catch (ChatPlatformException ex) when (!ex.Permanent)
            {
                throw new DeliveryException($"reading user group {group} failed: {ex.Message}", permanent: false, ex.RetryAfter, ex);
            }
            catch (ChatPlatformException)
            {
                // An unknown group grants nothing.
            }
        }

        return false;
    }

    private async Task FinishAsync(DiagRunPayload run, DiagResult result, long requests, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // In an incident channel the answer is for the whole response team; elsewhere only for the caller.
        var shared = run.Incident is not null && run.ChannelId.Length > 0;
        var (message, file) = DiagRenderer.Render(result, run.Cluster, options.Value.MaxItems, canAttach: shared);
        var summary = Redaction.Clean($"{run.Request.Line(run.Cluster)}: {result.Summary}");
        if (summary.Length > 480)
        {
            summary = summary[..479] + "…";
        }

        var patterns = result.Patterns is { Count: > 0 } p ? string.Join(",", p) : null;
        await database.InTransactionAsync(async (c, tx) =>
        {
            if (!await audit.CompleteAsync(c, tx, run.AuditId, result.Outcome, result.Verdict, patterns, summary, requests, now, ct))
            {
                return false;
            }

            await delivery.ReplyAsync(c, tx, run.Platform, run.ReplyTo with { Ephemeral = !shared }, message, run.Incident, ct);
            if (file is not null)
            {
                await delivery.UploadAsync(c, tx, run.Platform, run.ChannelId, file, run.Incident, ct: ct);
            }

            if (run.Incident is { } incident && result.Outcome != DiagnosticsOutcome.Refused)
            {
                await timeline.AppendAsync(c, tx, new TimelineEntry
                {
                    IncidentNumber = incident,
                    Kind = TimelineKind.Diagnostics,
                    OccurredAt = now,
                    RecordedAt = now,
                    AuthorId = run.UserId,
                    AuthorName = run.UserName,
                    Text = summary,
                    IsKey = true,
                    SourceChannel = run.ChannelId,
                    Data = JsonSerializer.Serialize(new
                    {
                        command = run.Request.Args,
                        cluster = run.Cluster,
                        verdict = result.Verdict,
                        patterns = result.Patterns ?? [],
                        outcome = result.Outcome,
                    }, DiagCommandModule.Json),
                }, ct);
            }

            return true;
        }, ct);
        delivery.Wake();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "/diag run {Id} ({Sub}) failed")]
    private static partial void LogCrashed(ILogger logger, Exception ex, long id, string sub);

    [LoggerMessage(Level = LogLevel.Information, Message = "/diag run {Id} ({Sub} on {Cluster}) finished: {Outcome}, {Requests} API requests")]
    private static partial void LogRun(ILogger logger, long id, string sub, string cluster, string outcome, long requests);
}
