-- Replicas sharing one database (portable SQL: SQLite runs it too, and simply never uses the
-- bucket table, since a process on SQLite keeps its limits in memory).
--
-- A lease per watch: a replica claims due watches (FOR UPDATE SKIP LOCKED on PostgreSQL) by setting
-- leased_until/leased_by, and saving the check clears them. A lease that runs out (the replica died
-- mid-check) makes the watch due again. leased_by is a random id per process, nothing else.
ALTER TABLE watches ADD COLUMN leased_until BIGINT;
ALTER TABLE watches ADD COLUMN leased_by TEXT;

-- Bucket4j's token buckets for the shared web rate limit and Discord cooldown (see
-- dev.quotabot.store.SharedLimits): id is "web:" + an IPv4 address or IPv6 /64 prefix, or
-- "discord:" + a Discord user id; state is Bucket4j's serialized bucket; expires_at (epoch ms) is
-- when the bucket is full again, after which the row is deleted.
CREATE TABLE rate_buckets (
    id                TEXT PRIMARY KEY,
    state             ${bytes},
    expires_at        BIGINT
);

CREATE INDEX rate_buckets_expires ON rate_buckets (expires_at);
