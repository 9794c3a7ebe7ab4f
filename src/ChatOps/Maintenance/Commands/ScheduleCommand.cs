using System.Text.Json;
using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Messages;
using ChatOps.Maintenance.Announcements;
using ChatOps.Maintenance.Parsing;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOps.Maintenance.Commands;

/// <summary>
/// /maint schedule and /maint emergency.
/// <para>
/// A start written without an offset or zone is in the user's own zone, which only the chat
/// platform knows. Asking it inside the webhook would put a platform call (and its rate limit)
/// on every command's acknowledgement path, so the zone is cached per user: when the start names
/// its offset or zone, or the user's zone is cached, the command is decided at once; otherwise it
/// is deferred through an outbox row (<see cref="DeferredScheduleHandler"/>) that looks the zone
/// up, caches it, decides, and answers with a delayed reply. The caller is told it is coming.
/// </para>
/// </summary>
public sealed class ScheduleCommand(
    MaintenanceService service,
    MaintenanceStore store,
    MaintenanceAnnouncer announcer,
    Database database,
    OutboxStore outbox,
    ChatDelivery delivery,
    IOptions<MaintenanceOptions> options,
    TimeProvider clock)
{
    public async Task<CommandResult> ExecuteAsync(WindowKind kind, string text, CommandContext context, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ShowForm(MaintenanceForms.Schedule(kind));
        }

        var input = ScheduleInput.Parse(text, kind, out var problem);
        if (input is null)
        {
            return CommandResult.Usage(problem!, MaintUsage.For(kind));
        }

        TimeZoneInfo? zone = null;
        if (input.Start is UserLocalStart)
        {
            var cached = await store.FindZoneAsync(context.Platform, context.UserId, clock.GetUtcNow() - options.Value.TimeZoneCacheDuration, ct);
            if (!StartTime.TryFindZone(cached, out var found))
            {
                await DeferAsync(kind, text, context, ct);
                return CommandResult.Private(Rich.Text(
                    "⏳ Your start has no time zone, so I'm looking yours up in your profile; I'll answer here in a moment. " +
                    "(Add a zone such as Europe/Berlin, or an offset such as +01:00, to skip this.)"));
            }

            zone = found;
        }

        return await DecideAsync(input, zone, context, requestKey: null, ct);
    }

    /// <summary>Resolves the start (in <paramref name="zone"/> when it is the user's local time) and schedules.</summary>
    public async Task<CommandResult> DecideAsync(ScheduleInput input, TimeZoneInfo? zone, CommandContext context, string? requestKey, CancellationToken ct)
    {
        var at = input.Start as AbsoluteStart;
        if (at is null && input.Start is UserLocalStart local)
        {
            if (zone is null)
            {
                return CommandResult.Usage("I don't know your time zone: add one to the start, such as Europe/Berlin or +01:00.", input.Usage);
            }

            at = StartTime.Resolve(local.Local, zone, out var problem);
            if (at is null)
            {
                return CommandResult.Usage(problem!, input.Usage);
            }
        }

        var request = new NewWindow(input.Title, input.Scope, input.Kind, at!.At, input.Duration, input.Reason,
            context.Platform, context.ChannelId, context.UserId);
        var outcome = await service.ScheduleAsync(request, requestKey, ct);
        if (outcome.Window is not { } window)
        {
            return MaintenanceReplies.Refused(outcome.Decision, input.Usage);
        }

        var note = at.Note ?? (zone is not null && input.Start is UserLocalStart ? $"Read in your time zone, {zone.Id}." : null);
        return MaintenanceReplies.Scheduled(window, announcer.ChannelFor(window.Platform), note, options.Value.Approvers.ToList());
    }

    private async Task DeferAsync(WindowKind kind, string text, CommandContext context, CancellationToken ct)
    {
        var payload = new DeferredSchedule(kind, text, context.Platform, context.UserId, context.ChannelId, context.ReplyTo, context.ReceivedAt, context.UserName);
        await database.InTransactionAsync(
            (c, tx) => outbox.EnqueueAsync(c, tx, new OutboxMessage(
                $"maint:deferred:{context.Platform}:{context.UserId}", DeferredScheduleHandler.KindName,
                JsonSerializer.Serialize(payload, MaintenanceJson.Options)), ct),
            ct);
        delivery.Wake();
    }
}

/// <summary>Outbox payload of a schedule command waiting for the user's time zone.</summary>
public sealed record DeferredSchedule(WindowKind Kind, string Text, string Platform, string UserId, string ChannelId, ReplyTarget ReplyTo,
    DateTimeOffset ReceivedAt, string? UserName)
{
    public CommandContext Context => new(Platform, UserId, ChannelId, ReplyTo, ReceivedAt, UserName: UserName);
}
