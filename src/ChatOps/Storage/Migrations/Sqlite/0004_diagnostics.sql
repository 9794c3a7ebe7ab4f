-- SQLite twin of Postgres/0004_diagnostics.sql: instants are fixed-width ISO-8601 UTC text.
-- Audit log of /diag runs: who asked what of which cluster, and how it ended. A row is written
-- when the command is accepted (or refused) and completed when the run finishes.
CREATE TABLE diagnostics_runs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    platform        text        NOT NULL,
    user_id         text        NOT NULL,
    user_name       text,
    channel_id      text        NOT NULL,
    incident_number integer,
    command         text        NOT NULL,
    cluster         text,
    outcome         text        NOT NULL,
    verdict         text,
    patterns        text,
    summary         text,
    requests        integer,
    requested_at    text        NOT NULL,
    finished_at     text
);

CREATE INDEX diagnostics_runs_requested_at ON diagnostics_runs (requested_at);
CREATE INDEX diagnostics_runs_user ON diagnostics_runs (user_id, requested_at);
