-- SQLite twin of Postgres/0005_maintenance.sql: instants are fixed-width ISO-8601 UTC text.
-- Maintenance windows with their pre-flight checklist, emergency approval and cancellation.
-- revision is raised on every change (the calendar's SEQUENCE).
CREATE TABLE maintenance_windows (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    title              text        NOT NULL,
    scope              text,
    kind               text        NOT NULL,
    status             text        NOT NULL,
    platform           text        NOT NULL,
    channel_id         text        NOT NULL,
    planner_id         text        NOT NULL,
    starts_at          text        NOT NULL,
    ends_at            text        NOT NULL,
    planned_ends_at    text        NOT NULL,
    reason             text,
    approved_by        text,
    approved_at        text,
    confirmed_by       text,
    confirmed_at       text,
    cancelled_by       text,
    cancelled_at       text,
    cancel_reason      text,
    rollback_plan      text,
    last_backup        text,
    staging_tested     text,
    sequential_rollout text,
    dry_run            text,
    request_key        text,
    revision           integer     NOT NULL DEFAULT 1,
    created_at         text        NOT NULL,
    updated_at         text        NOT NULL
);
CREATE UNIQUE INDEX ux_maintenance_request ON maintenance_windows (request_key) WHERE request_key IS NOT NULL;
CREATE INDEX ix_maintenance_ends ON maintenance_windows (ends_at, starts_at);

-- Users' time zones learned from the chat platform, so commands need not ask it every time.
CREATE TABLE maintenance_user_zones (
    platform   text        NOT NULL,
    user_id    text        NOT NULL,
    time_zone  text        NOT NULL,
    learned_at text        NOT NULL,
    PRIMARY KEY (platform, user_id)
);

-- One row every planning transaction updates first: concurrent schedules (any replica, either
-- engine) check overlaps one after the other.
CREATE TABLE maintenance_planning_lock (
    id      integer PRIMARY KEY,
    version bigint  NOT NULL
);
INSERT INTO maintenance_planning_lock (id, version) VALUES (1, 0);
