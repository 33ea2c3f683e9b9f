-- 001_init: the first schema. Never edit a shipped migration; add a new numbered file.
-- Times are RFC 3339 UTC text ("2025-01-31T12:00:00.000Z").

-- One row binding this database to its key file (checked at every unlock).
CREATE TABLE vault_info (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    vault_id    BLOB    NOT NULL CHECK (length(vault_id) = 16),
    created_at  TEXT    NOT NULL
) STRICT;

-- Preferences that live inside the vault: role, auto_lock_minutes, ...
CREATE TABLE settings (
    key         TEXT PRIMARY KEY NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE journal_entries (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    section     TEXT NOT NULL DEFAULT 'journal'
) STRICT;

CREATE INDEX journal_entries_by_created ON journal_entries (created_at);
CREATE INDEX journal_entries_by_section ON journal_entries (section, created_at);

-- Full-text search over titles and bodies; external content, so the text is stored
-- once (in journal_entries) and the index is kept in step by the triggers below.
CREATE VIRTUAL TABLE journal_fts USING fts5 (
    title,
    body,
    content = 'journal_entries',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

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
