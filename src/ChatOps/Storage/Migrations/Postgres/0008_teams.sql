-- Teams conversation references: where the bot may post proactively (channels it was installed
-- in or created, personal chats), with the Bot Connector base URL the activity came from.
CREATE TABLE teams_conversations (
    conversation_id text        PRIMARY KEY,
    kind            text        NOT NULL,
    service_url     text        NOT NULL,
    tenant_id       text,
    team_id         text,
    user_id         text,
    name            text,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX ix_teams_conversations_user ON teams_conversations (user_id) WHERE user_id IS NOT NULL;

-- Display names seen on activities, for mentions in cards and the incident topic.
CREATE TABLE teams_users (
    user_id         text        PRIMARY KEY,
    name            text        NOT NULL,
    aad_object_id   text,
    updated_at      timestamptz NOT NULL
);
