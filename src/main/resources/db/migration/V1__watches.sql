-- The watches' schema, one file for SQLite and PostgreSQL (portable SQL). Two types differ and are
-- Flyway placeholders filled by dev.quotabot.store.Database: ${identity} (an id the database
-- assigns and never reuses) and ${bytes} (BLOB / BYTEA).
-- Times are epoch milliseconds (BIGINT). Amounts are exact decimal TEXT (BigDecimal.toPlainString):
-- SQLite's NUMERIC would turn them into doubles. Nothing here is a key: only its fingerprint, and
-- the key itself sealed with AES-256-GCM (key_id, nonce, ciphertext).

CREATE TABLE watches (
    id                ${identity},
    owner_id          TEXT NOT NULL,
    fingerprint       TEXT NOT NULL,
    provider          TEXT NOT NULL,
    models            TEXT NOT NULL,         -- newline-joined; empty for none
    thresholds        TEXT NOT NULL,         -- "20%,5%" or "10,1"
    interval_s        BIGINT NOT NULL,
    midnight_reminder BOOLEAN NOT NULL,
    locale            TEXT NOT NULL,
    state             TEXT NOT NULL,         -- active, paused, key_rejected
    created_at        BIGINT NOT NULL,
    expires_at        BIGINT NOT NULL,
    next_check_at     BIGINT NOT NULL,
    last_check_at     BIGINT,
    last_at           BIGINT,                -- the last reading: when,
    last_available    TEXT,                  -- what was left,
    last_total        TEXT,                  -- of what total (null: none reported),
    last_unit         TEXT,                  -- in which unit
    last_status       TEXT,
    alerted_level     INTEGER NOT NULL,
    failures          INTEGER NOT NULL,
    dm_failed         BOOLEAN NOT NULL,
    reminded_on       TEXT,                  -- ISO date
    key_id            TEXT NOT NULL,
    nonce             ${bytes} NOT NULL,
    ciphertext        ${bytes} NOT NULL
);

CREATE INDEX watches_due ON watches (state, next_check_at);
CREATE INDEX watches_owner ON watches (owner_id);

CREATE TABLE readings (
    watch_id          BIGINT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    at                BIGINT NOT NULL,
    available         TEXT NOT NULL,
    total             TEXT,
    unit              TEXT NOT NULL
);

CREATE INDEX readings_watch_at ON readings (watch_id, at);
CREATE INDEX readings_at ON readings (at);

CREATE TABLE kept_alerts (
    id                ${identity},
    watch_id          BIGINT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    owner_id          TEXT NOT NULL,
    kind              TEXT NOT NULL,         -- threshold, key_rejected, expires_tonight
    fingerprint       TEXT NOT NULL,
    provider          TEXT NOT NULL,
    locale            TEXT NOT NULL,
    level             TEXT,                  -- "20%" or "5"
    reading_at        BIGINT,                -- the reading it is about (null: none)
    reading_available TEXT,
    reading_total     TEXT,
    reading_unit      TEXT,
    expires_at        BIGINT,
    at                BIGINT NOT NULL
);

CREATE INDEX kept_alerts_owner ON kept_alerts (owner_id, id);
CREATE INDEX kept_alerts_watch ON kept_alerts (watch_id);
