-- Which replicas have a host's list of a room's lobby open, until when (Unix seconds): each
-- replica writes its own rows in its sweep, so a waiting page on any replica can say that
-- someone who may admit is there.
CREATE TABLE lobby_hosts (
    room     TEXT NOT NULL,
    replica  TEXT NOT NULL,
    until_at BIGINT NOT NULL,
    PRIMARY KEY (room, replica)
);
