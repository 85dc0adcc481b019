-- Visitors waiting in a room's lobby, and what became of them. A ticket is the visitor's: its
-- browser holds it in a sealed cookie; hosts admit or turn it away; it lapses when its waiting
-- page is gone or it waited too long; an admitted ticket is entered once. Times are Unix
-- seconds, but created_ms (milliseconds: who came first within a second).
CREATE TABLE lobby_tickets (
    id          TEXT PRIMARY KEY,
    room        TEXT NOT NULL,
    role        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_bound  INTEGER NOT NULL DEFAULT 0,
    user_id     TEXT,
    grant_until INTEGER,
    state       TEXT NOT NULL,
    message     TEXT,
    created_ms  INTEGER NOT NULL,
    seen_at     INTEGER NOT NULL,
    decided_at  INTEGER,
    decided_by  TEXT,
    entered_at  INTEGER
);
CREATE INDEX lobby_tickets_waiting ON lobby_tickets (room, state, created_ms);
CREATE INDEX lobby_tickets_by_state ON lobby_tickets (state, seen_at);

-- An invitation whose invitee waits in the room's lobby after pressing Join.
ALTER TABLE invitations ADD COLUMN lobby INTEGER NOT NULL DEFAULT 0;
