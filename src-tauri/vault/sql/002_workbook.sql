-- 002_workbook: the self-care workbook. Never edit a shipped migration; add a new file.
-- Times are RFC 3339 UTC text with milliseconds ("2026-11-25T10:00:00.000Z"), which
-- sorts in time order as text; days are "YYYY-MM-DD" (the person's local day).

-- Journal: guided sections and the prompt answered. SQLite cannot add a CHECK to an
-- existing column, so the table is rebuilt with the same rows and ids. The search index
-- (external content keyed by id) stays valid: same ids, same title and body.
CREATE TABLE journal_entries_new (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    section     TEXT NOT NULL DEFAULT 'free'
                CHECK (section IN ('free', 'feelings', 'needs', 'trust', 'repair', 'therapy')),
    prompt      TEXT
) STRICT;

INSERT INTO journal_entries_new (id, created_at, updated_at, title, body, section)
    SELECT id, created_at, updated_at, title, body,
           CASE WHEN section IN ('feelings', 'needs', 'trust', 'repair', 'therapy')
                THEN section ELSE 'free' END
    FROM journal_entries;

-- Drops the old table's indexes and triggers with it.
DROP TABLE journal_entries;
ALTER TABLE journal_entries_new RENAME TO journal_entries;

CREATE INDEX journal_entries_by_created ON journal_entries (created_at);
CREATE INDEX journal_entries_by_section ON journal_entries (section, created_at);

CREATE TRIGGER journal_entries_fts_insert AFTER INSERT ON journal_entries BEGIN
    INSERT INTO journal_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER journal_entries_fts_delete AFTER DELETE ON journal_entries BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
END;

CREATE TRIGGER journal_entries_fts_update AFTER UPDATE OF title, body ON journal_entries BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO journal_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- Living documents (needs and boundaries, accountability plan, honesty reflection,
-- recommitment): one row per version, at most one version per local day by rule of
-- the code (not UNIQUE: a clock moved back must still be able to save).
CREATE TABLE doc_versions (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL
                CHECK (kind IN ('needs', 'accountability', 'honesty', 'recommitment')),
    day         TEXT NOT NULL
                CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    -- A JSON object of field key -> text, every key of the kind present.
    fields      TEXT NOT NULL CHECK (json_valid(fields) AND json_type(fields) = 'object')
) STRICT;

CREATE INDEX doc_versions_by_kind ON doc_versions (kind, created_at);

-- Emotion check-ins: one column per feeling (0..10 or NULL), so waves aggregate in SQL.
CREATE TABLE checkins (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    anger       INTEGER CHECK (anger BETWEEN 0 AND 10),
    sadness     INTEGER CHECK (sadness BETWEEN 0 AND 10),
    hope        INTEGER CHECK (hope BETWEEN 0 AND 10),
    fear        INTEGER CHECK (fear BETWEEN 0 AND 10),
    numbness    INTEGER CHECK (numbness BETWEEN 0 AND 10),
    relief      INTEGER CHECK (relief BETWEEN 0 AND 10),
    loneliness  INTEGER CHECK (loneliness BETWEEN 0 AND 10),
    sleep       TEXT CHECK (sleep IN ('poor', 'some', 'well')),
    appetite    TEXT CHECK (appetite IN ('less', 'usual', 'more')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX checkins_by_at ON checkins (at);

-- Trigger log.
CREATE TABLE trigger_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN
                ('phone', 'places', 'dates', 'words', 'intimacy', 'apart', 'media', 'other')),
    situation   TEXT NOT NULL DEFAULT '',
    feelings    TEXT NOT NULL DEFAULT '',
    intensity   INTEGER CHECK (intensity BETWEEN 0 AND 10),
    helped      TEXT NOT NULL DEFAULT '',
    needed      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX trigger_log_by_at ON trigger_log (at);
CREATE INDEX trigger_log_by_category ON trigger_log (category, at);

-- The partner's questions and the answers given (kept by the partner who broke trust).
CREATE TABLE questions (
    id          INTEGER PRIMARY KEY,
    asked_at    TEXT NOT NULL,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX questions_by_asked ON questions (asked_at);

-- Finds earlier questions that use the same words, inside the encrypted database.
CREATE VIRTUAL TABLE questions_fts USING fts5 (
    question,
    content = 'questions',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions BEGIN
    INSERT INTO questions_fts (rowid, question) VALUES (new.id, new.question);
END;

CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions BEGIN
    INSERT INTO questions_fts (questions_fts, rowid, question)
        VALUES ('delete', old.id, old.question);
END;

CREATE TRIGGER questions_fts_update AFTER UPDATE OF question ON questions BEGIN
    INSERT INTO questions_fts (questions_fts, rowid, question)
        VALUES ('delete', old.id, old.question);
    INSERT INTO questions_fts (rowid, question) VALUES (new.id, new.question);
END;

-- Re-wooing planner: what was planned, and when it was actually done.
CREATE TABLE rewoo_plans (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL
                CHECK (kind IN ('compliment', 'affection', 'date', 'meal', 'their_day', 'other')),
    plan        TEXT NOT NULL,
    planned_for TEXT CHECK (planned_for IS NULL OR (length(planned_for) = 10
                AND planned_for GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')),
    done_at     TEXT,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX rewoo_plans_by_plan ON rewoo_plans (done_at, planned_for);
