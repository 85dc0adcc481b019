-- Rooms the operator edits: closed in the portal without being forgotten, framed by sites of
-- their own, and when they last changed.
ALTER TABLE rooms ADD COLUMN enabled BIGINT NOT NULL DEFAULT 1;
ALTER TABLE rooms ADD COLUMN frame_ancestors TEXT NOT NULL DEFAULT '';
ALTER TABLE rooms ADD COLUMN updated_at BIGINT;
CREATE INDEX rooms_by_title ON rooms (title);

-- Sessions of the operator's console: the cookie names one by a random id, of which only the
-- SHA-256 digest is kept; ended by signing out, by an admin, or by their lifetimes.
CREATE TABLE console_sessions (
    id_digest   TEXT PRIMARY KEY,
    actor       TEXT NOT NULL,
    via         TEXT NOT NULL,
    csrf        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    seen_at     BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    ended_at    BIGINT
);
CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at);
