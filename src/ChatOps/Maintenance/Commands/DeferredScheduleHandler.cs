using System.Text.Json;
using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Messages;
using ChatOps.Maintenance.Parsing;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;

namespace ChatOps.Maintenance.Commands;

/// <summary>
/// Finishes a deferred /maint schedule: looks up the user's time zone on the platform, caches it,
/// decides, and replies. Retried safely: the outbox row id is the window's request key, so a
/// second run finds the window the first one made instead of making another.
/// </summary>
public sealed class DeferredScheduleHandler(
    ChatPlatforms platforms,
    MaintenanceStore store,
    ScheduleCommand command,
    Database database,
    ChatDelivery delivery,
    TimeProvider clock) : IOutboxHandler
{
    public const string KindName = "maint.deferred";

    public string Kind => KindName;

    public async Task HandleAsync(OutboxItem item, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<DeferredSchedule>(item.Payload, MaintenanceJson.Options)
            ?? throw new DeliveryException("unreadable deferred maintenance command", permanent: true);
        var input = ScheduleInput.Parse(request.Text, request.Kind, out var problem);
        CommandResult result;
        if (input is null)
        {
            result = CommandResult.Usage(problem!, MaintUsage.For(request.Kind));
        }
        else if (await LookUpZoneAsync(request, ct) is { } zone)
        {
            await store.SaveZoneAsync(request.Platform, request.UserId, zone.Id, clock.GetUtcNow(), ct);
            result = await command.DecideAsync(input, zone, request.Context, $"deferred:{item.Id}", ct);
        }
        else
        {
            result = CommandResult.Usage(
                "I couldn't find a time zone in your chat profile, so I can't tell when that start is. Add a zone such as Europe/Berlin, or an offset such as +01:00.",
                input.Usage);
        }

        var message = result switch
        {
            Reply reply => reply.Message,
            _ => ChatMessage.Text("Please run the command again with its full text."),
        };
        await database.InTransactionAsync((c, tx) => delivery.ReplyAsync(c, tx, request.Platform, request.ReplyTo, message, ct: ct), ct);
        delivery.Wake();
    }

    private async Task<TimeZoneInfo?> LookUpZoneAsync(DeferredSchedule request, CancellationToken ct)
    {
        if (!platforms.TryGet(request.Platform, out var platform))
        {
            throw new DeliveryException($"the chat platform '{request.Platform}' is not configured", permanent: true);
        }

        try
        {
            var user = await platform.GetUserAsync(request.UserId, ct);
            return StartTime.TryFindZone(user?.TimeZone, out var zone) ? zone : null;
        }
        catch (ChatPlatformException ex) when (!ex.Permanent)
        {
            throw new DeliveryException($"looking up the time zone of {request.UserId} failed: {ex.Message}", permanent: false, ex.RetryAfter, ex);
        }
        catch (ChatPlatformException)
        {
            // A permanent failure (unknown user, missing scope) is answered like a profile without a zone.
            return null;
        }
    }
}
