-- Meetings with a time. Times are Unix seconds, UTC; time_zone (an IANA name) is how the
-- event is shown and written to calendars. sequence rises with every move (iCalendar's
-- SEQUENCE); ejected_at says this event's remaining peers were removed (eject_at_end).
CREATE TABLE events (
    id           TEXT PRIMARY KEY,
    room         TEXT NOT NULL,
    title        TEXT,
    starts_at    BIGINT NOT NULL,
    ends_at      BIGINT NOT NULL,
    time_zone    TEXT NOT NULL,
    open_before  BIGINT NOT NULL,
    grace_after  BIGINT NOT NULL,
    eject_at_end BIGINT NOT NULL DEFAULT 0,
    lobby        BIGINT NOT NULL DEFAULT 0,
    sequence     BIGINT NOT NULL DEFAULT 0,
    cancelled_at BIGINT,
    ejected_at   BIGINT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE INDEX events_by_end ON events (ends_at);
CREATE INDEX events_by_room ON events (room, starts_at);

-- An event's invitations open at not_before and end with the event (expires_at); a cancelled
-- event's invitations say so.
ALTER TABLE invitations ADD COLUMN event_id TEXT;
ALTER TABLE invitations ADD COLUMN not_before BIGINT;
ALTER TABLE invitations ADD COLUMN email TEXT;
ALTER TABLE invitations ADD COLUMN cancelled_at BIGINT;
CREATE INDEX invitations_by_event ON invitations (event_id);

-- Work one replica does at a time (a named lease, taken over once it runs out).
CREATE TABLE leases (
    name     TEXT PRIMARY KEY,
    holder   TEXT NOT NULL,
    until_ms BIGINT NOT NULL
);
