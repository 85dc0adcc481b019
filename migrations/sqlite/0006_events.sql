-- Meetings with a time. Times are Unix seconds, UTC; time_zone (an IANA name) is how the
-- event is shown and written to calendars. sequence rises with every move (iCalendar's
-- SEQUENCE); ejected_at says this event's remaining peers were removed (eject_at_end).
CREATE TABLE events (
    id           TEXT PRIMARY KEY,
    room         TEXT NOT NULL,
    title        TEXT,
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL,
    time_zone    TEXT NOT NULL,
    open_before  INTEGER NOT NULL,
    grace_after  INTEGER NOT NULL,
    eject_at_end INTEGER NOT NULL DEFAULT 0,
    lobby        INTEGER NOT NULL DEFAULT 0,
    sequence     INTEGER NOT NULL DEFAULT 0,
    cancelled_at INTEGER,
    ejected_at   INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE INDEX events_by_end ON events (ends_at);
CREATE INDEX events_by_room ON events (room, starts_at);

-- An event's invitations open at not_before and end with the event (expires_at); a cancelled
-- event's invitations say so.
ALTER TABLE invitations ADD COLUMN event_id TEXT;
ALTER TABLE invitations ADD COLUMN not_before INTEGER;
ALTER TABLE invitations ADD COLUMN email TEXT;
ALTER TABLE invitations ADD COLUMN cancelled_at INTEGER;
CREATE INDEX invitations_by_event ON invitations (event_id);

-- Work one replica does at a time (a named lease, taken over once it runs out).
CREATE TABLE leases (
    name     TEXT PRIMARY KEY,
    holder   TEXT NOT NULL,
    until_ms INTEGER NOT NULL
);
