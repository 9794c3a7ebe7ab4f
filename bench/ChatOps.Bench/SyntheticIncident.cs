using System.Text.Json;
using ChatOps.Incidents;
using ChatOps.Postmortems.Drafting;
using ChatOps.Timeline;

namespace ChatOps.Bench;

/// <summary>A long SEV1 with a busy channel, the same every run (seeded).</summary>
internal static class SyntheticIncident
{
    private static readonly string[] Words =
        ["etcd", "apiserver", "rollback", "pods", "Pending", "node", "kubelet", "latency", "p99", "5xx", "deploy", "v42", "quorum", "restore",
         "snapshot", "DNS", "coredns", "timeout", "HPA", "checkout", "payments", "queue", "lag", "|", "*", "_", "<@U0001>", "https://grafana/x", "#", "`"];

    public static DraftInput Build(int count)
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromSeconds(36_000.0 / count);
        var entries = new List<TimelineEntry>(count);
        var revisions = new List<TimelineRevision>();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        for (var i = 0; i < count; i++)
        {
            var at = start + (step * i);
            var user = $"U{random.Next(25):D4}";
            var (kind, key, data) = i switch
            {
                0 => (TimelineKind.Declared, true, (object?)new { severity = 2, title = "Control plane unavailable" }),
                _ when i == count / 50 => (TimelineKind.Severity, true, new { from = 2, to = 1 }),
                _ when i == (count * 9) / 10 => (TimelineKind.Mitigated, true, null),
                _ when i == (count * 19) / 20 => (TimelineKind.Resolved, true, null),
                _ when i == count - 1 => (TimelineKind.Closed, true, null),
                _ when i % 37 == 0 => (TimelineKind.Status, true, new { nextDueAt = at.AddMinutes(15) }),
                _ when i % 401 == 0 => (TimelineKind.Note, true, null),
                _ when i % 503 == 0 => (TimelineKind.Diagnostics, true, new { command = "triage", cluster = "prod", verdict = "FailedScheduling storm", patterns = new[] { "FailedScheduling", "Insufficient cpu" }, outcome = "ok" }),
                _ when i % 307 == 0 => (TimelineKind.Reminder, false, new { dueAt = at.AddMinutes(-2) }),
                _ when i % 1009 == 0 => (TimelineKind.Escalation, false, new { dueAt = at.AddMinutes(-10) }),
                _ => (TimelineKind.Message, i % 211 == 0, null),
            };
            var text = string.Join(' ', Enumerable.Range(0, 6 + random.Next(30)).Select(_ => Words[random.Next(Words.Length)]));
            entries.Add(new TimelineEntry
            {
                Id = i + 1,
                IncidentNumber = 1,
                Kind = kind,
                OccurredAt = at,
                RecordedAt = at,
                AuthorId = kind is TimelineKind.Reminder or TimelineKind.Escalation ? null : user,
                AuthorName = kind == TimelineKind.Message ? "user" + user : null,
                Text = text,
                IsKey = key,
                SourceChannel = kind == TimelineKind.Message ? "C0INC0001" : null,
                SourceMessageId = kind == TimelineKind.Message ? $"{at.ToUnixTimeSeconds()}.{i:D6}" : null,
                DeletedAt = kind == TimelineKind.Message && i % 97 == 0 ? at.AddMinutes(1) : null,
                DeletedBy = kind == TimelineKind.Message && i % 97 == 0 ? user : null,
                Data = data is null ? null : JsonSerializer.Serialize(data, json),
            });
            if (kind == TimelineKind.Message && i % 53 == 0)
            {
                revisions.Add(new TimelineRevision { Id = revisions.Count + 1, EntryId = i + 1, Text = text + " (edited)", EditedAt = at.AddSeconds(30), EditedBy = user });
            }
        }

        var incident = new Incident
        {
            Number = 1,
            Title = "Control plane unavailable",
            Severity = Severity.Sev1,
            Status = IncidentStatus.Closed,
            Platform = "slack",
            ChannelId = "C0INC0001",
            ChannelName = "inc-1-control-plane-unavailable",
            CommanderId = "U0000",
            DeclaredBy = "U0000",
            DeclaredAt = start,
            MitigatedAt = entries[(count * 9) / 10].OccurredAt,
            ResolvedAt = entries[(count * 19) / 20].OccurredAt,
            ClosedAt = entries[^1].OccurredAt,
            UpdatedAt = entries[^1].OccurredAt,
            Version = 1,
        };
        var actions = Enumerable.Range(1, 10).Select(n => new ActionItem
        {
            Id = n, IncidentNumber = 1, Text = $"Follow-up {n}", OwnerId = $"U{n:D4}", DueDate = new DateOnly(2026, 4, n), CreatedBy = "U0000", CreatedAt = start,
        }).ToList();
        return new DraftInput(incident, entries, revisions, [], actions, 1, new DraftSettings(99.95m, new StatusCadenceOptions()));
    }
}
