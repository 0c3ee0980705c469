-- The crawler's state (internal/crawl): each run's frontier, with what
-- became of every URL, and the latest fetch of every URL over runs, for
-- conditional requests and for following a listing's links again when it
-- has not changed. A crawler killed at any moment starts again from here.
CREATE TABLE crawl_runs (
    id          INTEGER PRIMARY KEY,
    start       TEXT NOT NULL,            -- JSON array of the start URLs
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL DEFAULT ''  -- '' while it runs or when it was interrupted
);

-- One row per URL of a run, in the order queued. state: queued (next_at
-- says from when; '' at once), taken (being fetched), done (outcome says
-- how it ended: stored, duplicate, unchanged, listing, skipped, failed).
CREATE TABLE crawl_frontier (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES crawl_runs (id) ON DELETE CASCADE,
    url         TEXT    NOT NULL,
    host        TEXT    NOT NULL,
    depth       INTEGER NOT NULL,
    via         TEXT    NOT NULL DEFAULT '',
    role        TEXT    NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'queued',
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     TEXT    NOT NULL DEFAULT '',
    outcome     TEXT    NOT NULL DEFAULT '',
    reason      TEXT    NOT NULL DEFAULT '',
    status      INTEGER NOT NULL DEFAULT 0,
    document_id INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT    NOT NULL DEFAULT '',
    UNIQUE (run_id, url)
);
CREATE INDEX crawl_frontier_next ON crawl_frontier (run_id, state, depth, id);

-- The latest successful fetch of each URL (200 or 304).
CREATE TABLE crawl_fetches (
    url           TEXT PRIMARY KEY,
    final_url     TEXT    NOT NULL DEFAULT '',
    status        INTEGER NOT NULL,
    content_type  TEXT    NOT NULL DEFAULT '',
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    sha256        TEXT    NOT NULL DEFAULT '',
    size          INTEGER NOT NULL DEFAULT 0,
    fetched_at    TEXT    NOT NULL,
    outcome       TEXT    NOT NULL,
    reason        TEXT    NOT NULL DEFAULT '',
    document_id   INTEGER NOT NULL DEFAULT 0,
    body          BLOB                      -- zstd; a page whose links were followed
);
