-- 004_apology: apology drafts and their daily versions. Never edit a shipped migration;
-- add a new file. Times are RFC 3339 UTC text with milliseconds; days are "YYYY-MM-DD"
-- (the person's local day).

-- One row per draft, holding what is not versioned. The words (title and body) live in
-- apology_versions: a draft's current text is its newest version. The cool-off end is
-- not stored; it is created_at plus the "apology_cool_off_hours" setting.
CREATE TABLE apology_drafts (
    id          INTEGER PRIMARY KEY,
    -- The guided builder's answers: a JSON object of step key -> text.
    steps       TEXT NOT NULL DEFAULT '{}'
                CHECK (json_valid(steps) AND json_type(steps) = 'object'),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    -- When the person marked it ready; cleared by the code whenever the words change.
    ready_at    TEXT
) STRICT;

CREATE INDEX apology_drafts_by_created ON apology_drafts (created_at);

-- One row per version of a draft, at most one per local day by rule of the code (not
-- UNIQUE: a clock moved back must still be able to save). Deleting a draft deletes its
-- versions (the code deletes them too, for connections without foreign keys).
CREATE TABLE apology_versions (
    id          INTEGER PRIMARY KEY,
    draft_id    INTEGER NOT NULL REFERENCES apology_drafts (id) ON DELETE CASCADE,
    day         TEXT NOT NULL
                CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at  TEXT NOT NULL,
    -- The last save into this version.
    saved_at    TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX apology_versions_by_draft ON apology_versions (draft_id, created_at);
