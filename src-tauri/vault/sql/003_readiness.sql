-- 003_readiness: therapy-readiness results and the session-prep sheet's draft. Never edit
-- a shipped migration; add a new file. Times are RFC 3339 UTC text with milliseconds.

-- One row each time the checklist, the GAD-7 or the PHQ-9 is kept. The answers are the
-- JSON the code writes (checklist: sign id -> {often, gettingWorse}; questionnaires:
-- {items, difficulty}) and are checked again by the code whenever they are read.
CREATE TABLE readiness_results (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('checklist', 'gad7', 'phq9')),
    taken_at    TEXT NOT NULL,
    answers     TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX readiness_results_by_kind ON readiness_results (kind, taken_at);
CREATE INDEX readiness_results_by_taken ON readiness_results (taken_at);

-- The session-prep sheet's choices and the person's words for it: at most one row.
CREATE TABLE session_prep_draft (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    draft       TEXT NOT NULL CHECK (json_valid(draft) AND json_type(draft) = 'object'),
    updated_at  TEXT NOT NULL
) STRICT;
