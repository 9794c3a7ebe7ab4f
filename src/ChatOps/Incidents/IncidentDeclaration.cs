using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.Storage;
using ChatOps.Timeline;
using Microsoft.Extensions.Options;

namespace ChatOps.Incidents;

/// <summary>
/// /incident declare: one short transaction (incident, commander role, timeline entry,
/// provisioning row) and an immediate answer. The channel, invitations, topic, pinned summary
/// and announcement follow from the outbox, so the webhook never waits on the platform.
/// </summary>
public sealed class IncidentDeclaration(Database database, IncidentStore incidents, IncidentChangesStore changes, IncidentEffects effects, IOptions<IncidentsOptions> options, TimeProvider clock)
{
    public async Task<CommandResult> DeclareAsync(DeclareIncident command, CommandContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var incident = await database.InTransactionAsync(async (c, tx) =>
        {
            var draft = new Incident
            {
                Title = command.Title,
                Severity = command.Severity,
                Status = IncidentStatus.Active,
                Platform = context.Platform,
                OriginChannelId = context.ChannelId,
                CommanderId = context.UserId,
                DeclaredBy = context.UserId,
                DeclaredAt = now,
                UpdatedAt = now,
                Version = 1,
            };
            var number = await incidents.InsertAsync(c, tx, draft, ct);
            var created = draft with { Number = number };
            await changes.AssignRoleAsync(c, tx, new RoleAssignment { IncidentNumber = number, Role = IncidentRole.Commander, UserId = context.UserId, AssignedBy = context.UserId, AssignedAt = now }, ct);
            await effects.RecordAsync(c, tx, created, TimelineKind.Declared, command.Title, context.UserId, key: true,
                new { severity = (int)command.Severity, title = command.Title }, ct);
            await effects.ProvisionAsync(c, tx, created, ct);
            return created;
        }, ct);
        effects.Wake();

        var channel = ChannelNames.For(options.Value.ChannelPrefix, incident.Number, incident.Title);
        return CommandResult.Private(Rich.Of(
            new Bold($"{incident.Label} declared ({IncidentMessages.SeverityLabel(incident.Severity)}): "),
            new Plain(incident.Title),
            new LineBreak(),
            new Plain($"You are the incident commander. I'm opening #{channel}, inviting the responders and announcing it.")));
    }

    public static ChatForm Form { get; } = new(
        "incident-declare",
        "Declare an incident",
        "Declare",
        "/incident declare sev{severity} {title}",
        [
            new TextInput("title", "What is happening?", Placeholder: "Checkout API 5xx errors"),
            new Choice("severity", "Severity",
            [
                new ChoiceOption("1", "SEV1 – critical, customers affected"),
                new ChoiceOption("2", "SEV2 – major, degraded service"),
                new ChoiceOption("3", "SEV3 – minor"),
                new ChoiceOption("4", "SEV4 – low, no customer impact"),
            ], Initial: "3"),
        ]);
}
