-- Live sessions of the samenwerkingsscan. Nothing here identifies a person: a session is a
-- join code, the hash of the facilitator's key and the instrument; an answer is a share code
-- (the anonymous answers) under the hash of a random token the respondent's tab made.

CREATE TABLE sessions (
    code        TEXT PRIMARY KEY NOT NULL,
    key_hash    TEXT NOT NULL,
    instrument  TEXT NOT NULL,
    fingerprint INTEGER NOT NULL,
    dimensions  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    closed_at   INTEGER
);

CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE answers (
    session    TEXT NOT NULL REFERENCES sessions (code) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    answer     TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (session, token_hash)
);
