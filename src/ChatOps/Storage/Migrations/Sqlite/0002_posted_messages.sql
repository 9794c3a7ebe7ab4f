-- Bot posts that are updated later (an incident's pinned summary, a maintenance announcement).
CREATE TABLE posted_messages (
    platform        text        NOT NULL,
    channel_id      text        NOT NULL,
    purpose         text        NOT NULL,
    message_id      text        NOT NULL,
    incident_number bigint,
    posted_at       text        NOT NULL,
    PRIMARY KEY (platform, channel_id, purpose)
);
