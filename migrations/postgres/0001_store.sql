-- Rooms made through the admin API or CLI, served by every replica.
CREATE TABLE rooms (
    name        TEXT PRIMARY KEY,
    room_id     TEXT NOT NULL,
    title       TEXT NOT NULL,
    access      TEXT NOT NULL DEFAULT '{}',
    listed      BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    created_by  TEXT NOT NULL
);

CREATE TABLE invitations (
    id          TEXT PRIMARY KEY,
    room        TEXT NOT NULL,
    role        TEXT NOT NULL,
    name        TEXT,
    user_id     TEXT,
    note        TEXT,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    max_uses    BIGINT,
    uses        BIGINT NOT NULL DEFAULT 0,
    revoked_at  BIGINT,
    created_by  TEXT NOT NULL
);
CREATE INDEX invitations_by_room ON invitations (room, created_at);
CREATE INDEX invitations_by_time ON invitations (created_at);

-- Signed links of a role issued before not_before_ms no longer open it.
CREATE TABLE revocations (
    room           TEXT NOT NULL,
    role           TEXT NOT NULL,
    not_before_ms  BIGINT NOT NULL,
    PRIMARY KEY (room, role)
);

CREATE TABLE audit_log (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms    BIGINT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    detail   TEXT
);

-- What other replicas (and a CLI beside the server) must apply, in commit order.
CREATE TABLE changes (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms   BIGINT NOT NULL,
    origin  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    room    TEXT,
    role    TEXT
);
