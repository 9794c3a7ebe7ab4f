-- SQLite twin of Postgres/0001_initial.sql: instants are fixed-width ISO-8601 UTC text.
-- Incidents, their roles and follow-up actions.
CREATE TABLE incidents (
    number              INTEGER PRIMARY KEY AUTOINCREMENT,
    title               text        NOT NULL,
    severity            integer     NOT NULL CHECK (severity BETWEEN 1 AND 4),
    status              text        NOT NULL,
    platform            text        NOT NULL,
    origin_channel_id   text,
    channel_id          text,
    channel_name        text,
    commander_id        text        NOT NULL,
    declared_by         text        NOT NULL,
    declared_at         text        NOT NULL,
    mitigated_at        text,
    resolved_at         text,
    closed_at           text,
    last_status_at      text,
    summary_message_id  text,
    updated_at          text        NOT NULL,
    version             integer     NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX ux_incidents_channel ON incidents (platform, channel_id) WHERE channel_id IS NOT NULL;
CREATE INDEX ix_incidents_status ON incidents (status, number);

CREATE TABLE incident_roles (
    incident_number bigint      NOT NULL REFERENCES incidents (number),
    role            text        NOT NULL,
    user_id         text        NOT NULL,
    assigned_by     text        NOT NULL,
    assigned_at     text        NOT NULL,
    PRIMARY KEY (incident_number, role)
);

CREATE TABLE action_items (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_number bigint      NOT NULL REFERENCES incidents (number),
    text            text        NOT NULL,
    owner_id        text,
    due_date        text,
    status          text        NOT NULL,
    created_by      text        NOT NULL,
    created_at      text        NOT NULL
);
CREATE INDEX ix_action_items_incident ON action_items (incident_number, id);

-- The append-only timeline: entries are never deleted; edits add revisions, deletions mark.
CREATE TABLE timeline_entries (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_number   bigint      NOT NULL REFERENCES incidents (number),
    kind              text        NOT NULL,
    occurred_at       text        NOT NULL,
    recorded_at       text        NOT NULL,
    author_id         text,
    author_name       text,
    text              text        NOT NULL,
    is_key            integer     NOT NULL DEFAULT FALSE,
    source_channel    text,
    source_message_id text,
    thread_ref        text,
    deleted_at        text,
    deleted_by        text,
    data              text
);
CREATE UNIQUE INDEX ux_timeline_source ON timeline_entries (source_channel, source_message_id)
    WHERE source_message_id IS NOT NULL;
CREATE INDEX ix_timeline_incident ON timeline_entries (incident_number, occurred_at, id);

CREATE TABLE timeline_revisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id    bigint      NOT NULL REFERENCES timeline_entries (id),
    text        text        NOT NULL,
    edited_at   text        NOT NULL,
    edited_by   text,
    recorded_at text        NOT NULL
);
CREATE INDEX ix_timeline_revisions_entry ON timeline_revisions (entry_id, id);

-- Platform event ids already processed (Slack event_id, Teams activity id).
CREATE TABLE inbound_events (
    platform    text        NOT NULL,
    event_id    text        NOT NULL,
    received_at text        NOT NULL,
    PRIMARY KEY (platform, event_id)
);
CREATE INDEX ix_inbound_events_received ON inbound_events (received_at);

-- Durable outbound work: written in the state change's transaction, delivered by the dispatcher
-- in id order per queue_key, each row completed once.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    queue_key       text        NOT NULL,
    kind            text        NOT NULL,
    payload         text        NOT NULL,
    incident_number bigint,
    dedupe_key      text,
    created_at      text        NOT NULL,
    next_attempt_at text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    claimed_by      text,
    claimed_until   text,
    completed_at    text,
    failed_at       text,
    last_error      text
);
CREATE UNIQUE INDEX ux_outbox_dedupe ON outbox (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX ix_outbox_pending ON outbox (queue_key, id) WHERE completed_at IS NULL AND failed_at IS NULL;
