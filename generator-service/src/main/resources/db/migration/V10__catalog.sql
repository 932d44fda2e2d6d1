-- generator-service schema v10: runs as a catalog. An optional free-text label per run, an index for listing newest
-- first, and run deletions: one tombstone per deleted run (kept forever, no foreign key, so that a late record of the
-- run is recognised and dropped) and the services' confirmations that they deleted everything they held for it.
alter table runs add column label text;

create index runs_newest_first on runs (created_at desc, id desc);

create table run_deletions (
    run_id       varchar(64) primary key,
    reason       text        not null check (reason in ('user', 'retention')),
    requested_at timestamptz not null,
    published_at timestamptz              -- null until Kafka acknowledged the run-deletions record
);

create index run_deletions_unpublished on run_deletions (requested_at) where published_at is null;

create table run_deletion_confirmations (
    run_id       varchar(64) not null,
    service      text        not null,
    confirmed_at timestamptz not null,
    primary key (run_id, service)
);
