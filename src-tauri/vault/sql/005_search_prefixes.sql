-- 005_search_prefixes: instant journal search as you type. Never edit a shipped
-- migration; add a new file.
--
-- FTS5 answers a prefix query ("ther*") by merging the lists of every term that starts
-- with it before it can return a single row, so the first letters typed (which match
-- most entries) cost as much as reading the whole index. With prefix indexes for 2, 3
-- and 4 characters, such a prefix reads one ready list, newest entries first, and stops
-- as soon as a page of results is full. The index grows (each word is also indexed
-- under its first 2, 3 and 4 characters); the text itself is stored once, as before.
--
-- The table is rebuilt from journal_entries (external content, the same ids); the
-- triggers that keep it in step name it and need no change.
DROP TABLE journal_fts;

CREATE VIRTUAL TABLE journal_fts USING fts5 (
    title,
    body,
    content = 'journal_entries',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);

INSERT INTO journal_fts (journal_fts) VALUES ('rebuild');
