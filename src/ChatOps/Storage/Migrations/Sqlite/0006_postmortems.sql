-- SQLite twin of Postgres/0006_postmortems.sql: instants are fixed-width ISO-8601 UTC text.
-- Postmortem drafts, one version per close: reopening and closing again adds a version.
-- outbox_id is the postmortem.draft row that wrote it, so a redelivered row writes nothing.
CREATE TABLE postmortems (
    incident_number bigint      NOT NULL REFERENCES incidents (number),
    version         integer     NOT NULL,
    outbox_id       bigint      NOT NULL,
    closed_at       text        NOT NULL,
    closed_by       text        NOT NULL,
    markdown        text        NOT NULL,
    created_at      text        NOT NULL,
    PRIMARY KEY (incident_number, version)
);
CREATE UNIQUE INDEX ux_postmortems_outbox ON postmortems (outbox_id);
