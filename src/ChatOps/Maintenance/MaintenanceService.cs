using System.Data.Common;
using ChatOps.Chat.Delivery;
using ChatOps.Maintenance.Announcements;
using ChatOps.Maintenance.Commands;
using ChatOps.Maintenance.Policy;
using ChatOps.Maintenance.Timers;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOps.Maintenance;

/// <summary>A window as asked for by a command, before the policy has looked at it.</summary>
public sealed record NewWindow(string Title, string? Scope, WindowKind Kind, DateTimeOffset Start, TimeSpan Duration, string? Reason,
    string Platform, string ChannelId, string PlannerId);

/// <summary>The window after the change (null: no such window) and the policy's verdict.</summary>
public sealed record WindowOutcome(MaintenanceWindow? Window, PolicyDecision Decision)
{
    public bool Found => Window is not null;
}

/// <summary>
/// Every change to a window in one short transaction: lock, re-read, let the policy decide,
/// write, and enqueue the announcement and the timer plan beside it. Nothing here calls out.
/// </summary>
public sealed class MaintenanceService(
    Database database,
    MaintenanceStore store,
    MaintenanceAnnouncer announcer,
    OutboxStore outbox,
    ChatDelivery delivery,
    IOptions<MaintenanceOptions> options,
    TimeProvider clock)
{
    private MaintenanceOptions Options => options.Value;

    /// <summary>Schedules a window. <paramref name="requestKey"/> makes a retried deferred command return the window it already made.</summary>
    public async Task<WindowOutcome> ScheduleAsync(NewWindow request, string? requestKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var outcome = await database.InTransactionAsync(async (c, tx) =>
        {
            await store.LockAsync(c, tx, ct);
            if (requestKey is not null && await store.FindByRequestAsync(c, tx, requestKey, ct) is { } done)
            {
                return new WindowOutcome(done, PolicyDecision.Allow);
            }

            var proposal = new WindowProposal(request.Start, request.Duration, request.Scope, request.Kind);
            var others = request.Duration > TimeSpan.Zero ? await store.ListBetweenAsync(c, tx, proposal.Start, proposal.End, ct) : [];
            var decision = SchedulePolicy.Evaluate(proposal, now, MaintenanceRules.From(Options), others);
            if (!decision.Allowed)
            {
                return new WindowOutcome(null, decision);
            }

            var id = await store.InsertAsync(c, tx, new MaintenanceWindow
            {
                Title = request.Title,
                Scope = Scopes.Normalize(request.Scope),
                Kind = request.Kind,
                Status = request.Kind == WindowKind.Planned ? WindowStatus.Scheduled : WindowStatus.Pending,
                Platform = request.Platform,
                ChannelId = request.ChannelId,
                PlannerId = request.PlannerId,
                StartsAt = proposal.Start.ToUniversalTime(),
                EndsAt = proposal.End.ToUniversalTime(),
                Reason = request.Reason,
                RequestKey = requestKey,
                CreatedAt = now,
            }, ct);
            var window = (await store.GetAsync(c, tx, id, ct))!;
            if (window.Status == WindowStatus.Scheduled)
            {
                await announcer.AnnounceAsync(c, tx, window, AnnouncementKind.Scheduled, ct);
                await MaintenancePlanHandler.EnqueueAsync(outbox, c, tx, id, AnnouncementKinds.Timed, ct);
            }
            else
            {
                await AskApproversAsync(c, tx, window, ct);
            }

            return new WindowOutcome(window, decision);
        }, ct);
        delivery.Wake();
        return outcome;
    }

    public Task<WindowOutcome> ApproveAsync(long id, string userId, CancellationToken ct) => ChangeAsync(id,
        (_, _, w, now) => Task.FromResult(ChangePolicy.Approve(w, userId, Options.Approvers.ToList(), now)),
        async (c, tx, w, now) =>
        {
            await store.ApproveAsync(c, tx, w.Id, userId, now, ct);
            var approved = (await store.GetAsync(c, tx, w.Id, ct))!;
            await announcer.AnnounceAsync(c, tx, approved, AnnouncementKind.Approved, ct);
            await MaintenancePlanHandler.EnqueueAsync(outbox, c, tx, w.Id, AnnouncementKinds.Timed, ct);
        }, ct);

    public Task<WindowOutcome> CancelAsync(long id, string userId, string reason, CancellationToken ct) => ChangeAsync(id,
        (_, _, w, now) => Task.FromResult(ChangePolicy.Change(w, userId, Options.Approvers.ToList(), now)),
        async (c, tx, w, now) =>
        {
            await store.CancelAsync(c, tx, w.Id, userId, reason, now, ct);
            if (w.Status == WindowStatus.Scheduled)
            {
                // Only a window that was announced needs its cancellation announced.
                await announcer.AnnounceAsync(c, tx, (await store.GetAsync(c, tx, w.Id, ct))!, AnnouncementKind.Cancelled, ct);
            }

            await MaintenancePlanHandler.EnqueueAsync(outbox, c, tx, w.Id, [], ct);
        }, ct);

    public Task<WindowOutcome> ExtendAsync(long id, string userId, TimeSpan by, CancellationToken ct) => ChangeAsync(id,
        async (c, tx, w, now) => ChangePolicy.Extend(w, by, userId, Options.Approvers.ToList(), now, MaintenanceRules.From(Options),
            await store.ListBetweenAsync(c, tx, w.StartsAt, w.EndsAt + by, ct)),
        async (c, tx, w, now) =>
        {
            await store.ExtendAsync(c, tx, w.Id, w.EndsAt, w.EndsAt + by, now, ct);
            if (w.Status == WindowStatus.Scheduled)
            {
                var extended = (await store.GetAsync(c, tx, w.Id, ct))!;
                var kind = now >= w.StartsAt ? AnnouncementKind.Overrunning : AnnouncementKind.EndMoved;
                await announcer.AnnounceAsync(c, tx, extended, kind, ct);
                await MaintenancePlanHandler.EnqueueAsync(outbox, c, tx, w.Id, [AnnouncementKind.Ended], ct);
            }
        }, ct);

    public Task<WindowOutcome> ConfirmAsync(long id, string userId, CancellationToken ct) => ChangeAsync(id,
        (_, _, w, now) => Task.FromResult(ChangePolicy.Confirm(w, userId, Options.Approvers.ToList(), now)),
        async (c, tx, w, now) =>
        {
            await store.ConfirmAsync(c, tx, w.Id, userId, now, ct);
            await announcer.AnnounceAsync(c, tx, (await store.GetAsync(c, tx, w.Id, ct))!, AnnouncementKind.Confirmed, ct);
        }, ct);

    public Task<WindowOutcome> UpdateChecklistAsync(long id, string userId, IReadOnlyList<ChecklistChange> changes, CancellationToken ct) => ChangeAsync(id,
        (_, _, w, now) => Task.FromResult(ChangePolicy.Change(w, userId, Options.Approvers.ToList(), now)),
        (c, tx, w, now) => store.UpdateChecklistAsync(c, tx, w.Id, changes, now, ct), ct);

    private async Task<WindowOutcome> ChangeAsync(
        long id,
        Func<DbConnection, DbTransaction, MaintenanceWindow, DateTimeOffset, Task<PolicyDecision>> decide,
        Func<DbConnection, DbTransaction, MaintenanceWindow, DateTimeOffset, Task> apply,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var outcome = await database.InTransactionAsync(async (c, tx) =>
        {
            await store.LockAsync(c, tx, ct);
            if (await store.GetAsync(c, tx, id, ct) is not { } window)
            {
                return new WindowOutcome(null, PolicyDecision.Refuse(Refusal.NotFound, $"There is no maintenance window {MaintenanceLabel.Of(id)}."));
            }

            var decision = await decide(c, tx, window, now);
            if (!decision.Allowed)
            {
                return new WindowOutcome(window, decision);
            }

            await apply(c, tx, window, now);
            return new WindowOutcome(await store.GetAsync(c, tx, id, ct), decision);
        }, ct);
        delivery.Wake();
        return outcome;
    }

    private async Task AskApproversAsync(DbConnection c, DbTransaction tx, MaintenanceWindow window, CancellationToken ct)
    {
        foreach (var approver in Options.Approvers.Where(a => !string.Equals(a, window.PlannerId, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            await delivery.DirectAsync(c, tx, window.Platform, approver, MaintenanceReplies.ApprovalRequest(window),
                dedupeKey: $"maint:{window.Id}:approval:{approver}", ct: ct);
        }
    }
}
