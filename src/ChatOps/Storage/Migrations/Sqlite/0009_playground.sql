-- SQLite twin of Postgres/0009_playground.sql: instants are fixed-width ISO-8601 UTC text.
-- The local playground's own chat: channels and messages the LocalPlatform writes and the
-- /playground page reads. Only used when the playground is on; harmless otherwise.
CREATE TABLE local_channels (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    -- 'public' (everyone sees it) or 'direct' (only owner_id sees it: the bot's direct messages).
    kind        text        NOT NULL,
    owner_id    text,
    topic       text,
    description text,
    created_at  text        NOT NULL
);

-- body is the neutral ChatMessage as JSON for the bot's posts; text is what a person typed (or
-- the fallback). visible_to marks an ephemeral answer only that user sees. form is a ChatForm as
-- JSON that the page shows as a form.
CREATE TABLE local_messages (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id   text        NOT NULL,
    author_id    text,
    text         text        NOT NULL,
    body         text,
    form         text,
    file_name    text,
    file_content text,
    visible_to   text,
    pinned       integer     NOT NULL DEFAULT FALSE,
    posted_at    text        NOT NULL,
    edited_at    text,
    deleted_at   text
);
CREATE INDEX ix_local_messages_channel ON local_messages (channel_id, id);

-- ASP.NET Core Data Protection keys for the dashboard's sign-in cookie, shared by every replica
-- so a cookie issued by one is read by the others and survives restarts.
CREATE TABLE web_protection_keys (
    name       text        PRIMARY KEY,
    xml        text        NOT NULL,
    created_at text NOT NULL
);
