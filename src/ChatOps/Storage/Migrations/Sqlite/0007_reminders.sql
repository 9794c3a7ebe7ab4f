-- SQLite twin of Postgres/0007_reminders.sql: instants are fixed-width ISO-8601 UTC text.
ALTER TABLE incidents ADD COLUMN severity_changed_at text;
ALTER TABLE incidents ADD COLUMN snoozed_until text;

CREATE TABLE reminder_sends (
    send_key        text        PRIMARY KEY,
    incident_number integer     NOT NULL REFERENCES incidents (number),
    kind            text        NOT NULL,
    due_at          text        NOT NULL,
    sent_at         text        NOT NULL
);
CREATE INDEX ix_reminder_sends_incident ON reminder_sends (incident_number, kind, sent_at);
