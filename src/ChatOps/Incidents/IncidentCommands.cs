namespace ChatOps.Incidents;

/// <summary>A parsed /incident command. <see cref="Number"/> is an explicit "#42" reference, if typed.</summary>
public abstract record IncidentCommand(long? Number);

public sealed record DeclareIncident(Severity Severity, string Title) : IncidentCommand((long?)null);

/// <summary>/incident declare with no text: open the form.</summary>
public sealed record DeclareForm() : IncidentCommand((long?)null);

public sealed record PostStatus(long? Number, string Text) : IncidentCommand(Number);

/// <summary>/incident status without text (the "Post update" button): open the form.</summary>
public sealed record StatusForm(long? Number) : IncidentCommand(Number);

/// <summary>/incident snooze [duration]: hold reminders; null duration means the configured default.</summary>
public sealed record Snooze(long? Number, TimeSpan? Duration) : IncidentCommand(Number);

public sealed record ChangeSeverity(long? Number, Severity Severity) : IncidentCommand(Number);

public sealed record AssignRole(long? Number, IncidentRole Role, string UserId) : IncidentCommand(Number);

public sealed record AddNote(long? Number, string Text) : IncidentCommand(Number);

public sealed record AddAction(long? Number, string Text, string? OwnerId, DateOnly? Due) : IncidentCommand(Number);

public sealed record ListActions(long? Number) : IncidentCommand(Number);

public sealed record CompleteAction(long? Number, long ActionId) : IncidentCommand(Number);

public sealed record Mitigate(long? Number, string Text) : IncidentCommand(Number);

public sealed record Resolve(long? Number, string Text) : IncidentCommand(Number);

public sealed record Close(long? Number, bool Confirmed) : IncidentCommand(Number);

public sealed record Reopen(long? Number, string Text) : IncidentCommand(Number);

public sealed record ShowTimeline(long? Number) : IncidentCommand(Number);

public sealed record ListIncidents() : IncidentCommand((long?)null);

public sealed record IncidentHelp(string? Topic) : IncidentCommand((long?)null);

/// <summary>Either a command or a specific complaint with the usage line that fixes it.</summary>
public sealed record IncidentParse(IncidentCommand? Command, string? Problem, string? Usage)
{
    public static IncidentParse Ok(IncidentCommand command) => new(command, null, null);

    public static IncidentParse Fail(string problem, string usage) => new(null, problem, usage);
}
