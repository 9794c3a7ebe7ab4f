-- Postmortem drafts, one version per close: reopening and closing again adds a version.
-- outbox_id is the postmortem.draft row that wrote it, so a redelivered row writes nothing.
CREATE TABLE postmortems (
    incident_number bigint      NOT NULL REFERENCES incidents (number),
    version         integer     NOT NULL,
    outbox_id       bigint      NOT NULL,
    closed_at       timestamptz NOT NULL,
    closed_by       text        NOT NULL,
    markdown        text        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (incident_number, version)
);
CREATE UNIQUE INDEX ux_postmortems_outbox ON postmortems (outbox_id);
