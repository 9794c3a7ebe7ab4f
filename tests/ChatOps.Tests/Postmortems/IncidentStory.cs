using System.Text.Json;
using ChatOps.Incidents;
using ChatOps.Postmortems.Drafting;
using ChatOps.Timeline;

namespace ChatOps.Tests.Postmortems;

/// <summary>Builds an incident and its timeline minute by minute, the way the bot would have recorded it.</summary>
internal sealed class IncidentStory(Incident incident)
{
    private readonly List<TimelineEntry> _entries = [];
    private readonly List<TimelineRevision> _revisions = [];
    private readonly List<RoleAssignment> _roles = [];
    private readonly List<ActionItem> _actions = [];
    private long _nextId;

    public Incident Incident { get; private set; } = incident;

    public static IncidentStory Declare(DateTimeOffset at, Severity severity, string title, string by)
    {
        var story = new IncidentStory(new Incident
        {
            Number = 42,
            Title = title,
            Severity = severity,
            Status = IncidentStatus.Active,
            Platform = "slack",
            ChannelId = "C07INC0042",
            ChannelName = "inc-42-" + title.ToLowerInvariant().Replace(' ', '-')[..Math.Min(title.Length, 20)].TrimEnd('-'),
            CommanderId = by,
            DeclaredBy = by,
            DeclaredAt = at,
            UpdatedAt = at,
            Version = 1,
        });
        story.Add(at, TimelineKind.Declared, title, by, key: true, new { severity = (int)severity, title });
        return story;
    }

    public DateTimeOffset At(int minutes, int seconds = 0) => Incident.DeclaredAt.AddMinutes(minutes).AddSeconds(seconds);

    public long Add(DateTimeOffset at, TimelineKind kind, string text, string? by, bool key = false, object? data = null, string? name = null)
    {
        var id = ++_nextId;
        _entries.Add(new TimelineEntry
        {
            Id = id,
            IncidentNumber = Incident.Number,
            Kind = kind,
            OccurredAt = at,
            RecordedAt = at,
            AuthorId = by,
            AuthorName = name,
            Text = text,
            IsKey = key,
            Data = data is null ? null : JsonSerializer.Serialize(data, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
        });
        return id;
    }

    public long Message(int minute, string by, string name, string text, bool pinned = false) =>
        Add(At(minute), TimelineKind.Message, text, by, pinned, name: name);

    public void Status(int minute, string by, string text) => Add(At(minute), TimelineKind.Status, text, by, key: true, new { nextDueAt = At(minute + 15) });

    public void Note(int minute, string by, string text) => Add(At(minute), TimelineKind.Note, text, by, key: true);

    public void Severity(int minute, string by, Severity from, Severity to)
    {
        Add(At(minute), TimelineKind.Severity, $"SEV{(int)from} -> SEV{(int)to}", by, key: true, new { from = (int)from, to = (int)to });
        Incident = Incident with { Severity = to };
    }

    public void Role(int minute, string by, IncidentRole role, string user)
    {
        Add(At(minute), TimelineKind.Role, $"{role.Label()}: {user}", by, key: true, new { role = role.ToString(), userId = user });
        _roles.Add(new RoleAssignment { IncidentNumber = Incident.Number, Role = role, UserId = user, AssignedBy = by, AssignedAt = At(minute) });
        if (role == IncidentRole.Commander)
        {
            Incident = Incident with { CommanderId = user };
        }
    }

    public void Reminder(int minute, DateTimeOffset dueAt) =>
        Add(At(minute), TimelineKind.Reminder, "Status update overdue: reminded the incident commander", null, data: new { dueAt });

    public void Escalation(int minute, DateTimeOffset dueAt, string to) =>
        Add(At(minute), TimelineKind.Escalation, $"No update for a while: escalated to {to}", null, data: new { dueAt, to });

    public void Diagnostics(int minute, string by, string command, string cluster, string verdict, string[] patterns, string summary) =>
        Add(At(minute), TimelineKind.Diagnostics, summary, by, key: true, new { command, cluster, verdict, patterns, outcome = "ok" });

    public void Edit(long entryId, int minute, string by, string text) =>
        _revisions.Add(new TimelineRevision { Id = _revisions.Count + 1, EntryId = entryId, Text = text, EditedAt = At(minute), EditedBy = by });

    public void Delete(long entryId, int minute, string by)
    {
        var index = _entries.FindIndex(e => e.Id == entryId);
        _entries[index] = _entries[index] with { DeletedAt = At(minute), DeletedBy = by };
    }

    public void Action(string text, string? owner, DateOnly? due, bool done = false, int minute = 0) =>
        _actions.Add(new ActionItem
        {
            Id = _actions.Count + 1,
            IncidentNumber = Incident.Number,
            Text = text,
            OwnerId = owner,
            DueDate = due,
            Status = done ? ActionItemStatus.Done : ActionItemStatus.Open,
            CreatedBy = Incident.CommanderId,
            CreatedAt = At(minute),
        });

    public void Mitigate(int minute, string by, string text)
    {
        Add(At(minute), TimelineKind.Mitigated, text, by, key: true);
        Incident = Incident with { Status = IncidentStatus.Mitigated, MitigatedAt = At(minute) };
    }

    public void Resolve(int minute, string by, string text)
    {
        Add(At(minute), TimelineKind.Resolved, text, by, key: true);
        Incident = Incident with { Status = IncidentStatus.Resolved, ResolvedAt = At(minute) };
    }

    public void Close(int minute, string by)
    {
        Add(At(minute), TimelineKind.Closed, string.Empty, by, key: true);
        Incident = Incident with { Status = IncidentStatus.Closed, ClosedAt = At(minute) };
    }

    public DraftInput Input(int version = 1, decimal target = 99.95m) =>
        new(Incident, [.. _entries], [.. _revisions], [.. _roles], [.. _actions], version, new DraftSettings(target, new StatusCadenceOptions()));
}
