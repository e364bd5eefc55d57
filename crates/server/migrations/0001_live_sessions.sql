-- Live sessions of the samenwerkingsscan. Nothing here identifies a person: a session is a
-- join code, the hash of the facilitator's key and the instrument; an answer is a share code
-- (the anonymous answers) under the hash of a random token the respondent's tab made.
-- The same file migrates SQLite and PostgreSQL (BIGINT is an integer in both).

CREATE TABLE sessions (
    code        TEXT PRIMARY KEY NOT NULL,
    key_hash    TEXT NOT NULL,
    instrument  TEXT NOT NULL,
    fingerprint BIGINT NOT NULL,
    dimensions  BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    closed_at   BIGINT
);

CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE answers (
    session    TEXT NOT NULL REFERENCES sessions (code) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    answer     TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (session, token_hash)
);
