-- Status-update reminders. The update clock restarts at a severity change and a snooze moves
-- the deadline, so both are stored on the incident where every reader of "next update due" sees them.
ALTER TABLE incidents ADD COLUMN severity_changed_at timestamptz;
ALTER TABLE incidents ADD COLUMN snoozed_until timestamptz;

-- One row per reminder, escalation or checkpoint sent: the claim that makes each one happen
-- once across replicas (written with its timeline entry and outbox rows in one transaction).
CREATE TABLE reminder_sends (
    send_key        text        PRIMARY KEY,
    incident_number bigint      NOT NULL REFERENCES incidents (number),
    kind            text        NOT NULL,
    due_at          timestamptz NOT NULL,
    sent_at         timestamptz NOT NULL
);
CREATE INDEX ix_reminder_sends_incident ON reminder_sends (incident_number, kind, sent_at);
