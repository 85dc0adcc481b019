-- When an invitation was last used: a browser that pressed Join may rejoin until its pass ends.
ALTER TABLE invitations ADD COLUMN last_used_at BIGINT;
