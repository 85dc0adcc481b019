-- Who came. Every visit the portal hands to 100ms with a token carries a user id that maps here
-- to what let it in (an invitation, a signed link, a sign-in, a lobby ticket); 100ms's webhooks
-- (kept once per event id) say which peers joined and left, completed from its Sessions API.
-- Times in milliseconds since the Unix epoch.
CREATE TABLE visits (
    user_id    TEXT PRIMARY KEY,
    room       TEXT NOT NULL,
    role       TEXT NOT NULL,
    way        TEXT NOT NULL,
    reference  TEXT,
    name       TEXT,
    created_ms INTEGER NOT NULL
);
CREATE INDEX visits_by_reference ON visits (way, reference);

CREATE TABLE hms_events (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    received_ms INTEGER NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX hms_events_by_time ON hms_events (received_ms);

CREATE TABLE hms_sessions (
    id         TEXT PRIMARY KEY,
    room_id    TEXT NOT NULL,
    room_name  TEXT,
    started_ms INTEGER,
    stopped_ms INTEGER
);

CREATE TABLE attendance (
    peer_id    TEXT PRIMARY KEY,
    session_id TEXT,
    room_id    TEXT NOT NULL,
    room_name  TEXT,
    user_id    TEXT,
    name       TEXT,
    role       TEXT,
    joined_ms  INTEGER,
    left_ms    INTEGER,
    reason     TEXT,
    updated_ms INTEGER NOT NULL
);
CREATE INDEX attendance_by_room ON attendance (room_id, joined_ms);
CREATE INDEX attendance_by_user ON attendance (user_id);
CREATE INDEX attendance_by_session ON attendance (session_id, left_ms);

-- Events for the operator's own systems, delivered (and retried) by one replica at a time.
CREATE TABLE outbox (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_ms   INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_ms      INTEGER NOT NULL,
    delivered_ms INTEGER,
    last_error   TEXT
);
CREATE INDEX outbox_due ON outbox (delivered_ms, next_ms);

-- When event.ended was put in the outbox for an event.
ALTER TABLE events ADD COLUMN ended_sent_ms INTEGER;
