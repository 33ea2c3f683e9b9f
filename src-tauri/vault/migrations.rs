//! Versioned schema migrations.
//!
//! Owns the list of numbered SQL files (`sql/NNN_name.sql`, embedded with
//! `include_str!`) and the `schema_migrations` table that records which ran.
//!
//! Invariants:
//! - versions are 1, 2, 3, … with no gaps, in order; each migration runs in its own
//!   `IMMEDIATE` transaction together with its `schema_migrations` row, so it is applied
//!   entirely or not at all;
//! - a database that records a version newer than this code is refused
//!   ([`Error::UnsupportedVersion`]) before anything is written; a record with gaps is
//!   [`Error::Corrupt`];
//! - a shipped migration is never edited (a test pins each file's SHA-256); a change is
//!   a new file. Add a fixture vault for each new version (see `fixtures` below).

use rusqlite::{Connection, TransactionBehavior};

use super::db::corrupt_or_storage;
use super::Error;

/// One numbered migration.
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    /// Position in the sequence, starting at 1.
    pub version: u32,
    /// Short name, recorded beside the version.
    pub name: &'static str,
    /// The SQL, run as one batch.
    sql: &'static str,
}

/// Every migration, in order.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "init", sql: include_str!("sql/001_init.sql") },
    Migration { version: 2, name: "workbook", sql: include_str!("sql/002_workbook.sql") },
    Migration { version: 3, name: "readiness", sql: include_str!("sql/003_readiness.sql") },
    Migration { version: 4, name: "apology", sql: include_str!("sql/004_apology.sql") },
    Migration {
        version: 5,
        name: "search_prefixes",
        sql: include_str!("sql/005_search_prefixes.sql"),
    },
];

/// The schema version this code writes.
pub fn latest_version() -> u32 {
    latest_of(MIGRATIONS)
}

/// The highest version in a list (0 for none).
fn latest_of(migrations: &[Migration]) -> u32 {
    migrations.last().map_or(0, |m| m.version)
}

/// True once the runner has ever run on this database.
pub(crate) fn has_migrations_table(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n == 1)
}

/// The version the database is at: 0 before any migration. Refuses newer or gapped
/// records.
pub(crate) fn applied_version(conn: &Connection) -> Result<u32, Error> {
    applied_version_of(conn, latest_version())
}

/// [`applied_version`] against a given latest version.
fn applied_version_of(conn: &Connection, latest: u32) -> Result<u32, Error> {
    if !has_migrations_table(conn).map_err(corrupt_or_storage)? {
        return Ok(0);
    }
    let mut stmt = conn
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .map_err(corrupt_or_storage)?;
    let versions = stmt
        .query_map([], |r| r.get::<_, i64>(0))
        .map_err(corrupt_or_storage)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(corrupt_or_storage)?;
    let mut at = 0u32;
    for v in versions {
        if v != i64::from(at) + 1 {
            return Err(Error::Corrupt);
        }
        at += 1;
    }
    if at > latest {
        return Err(Error::UnsupportedVersion);
    }
    Ok(at)
}

/// Brings the database to [`latest_version`]; returns how many migrations ran.
pub(crate) fn migrate(conn: &mut Connection) -> Result<u32, Error> {
    migrate_with(conn, MIGRATIONS)
}

/// Brings a plain (unencrypted) connection to the latest schema, for tests and the
/// benchmarks' baseline; the app itself migrates only through `db::open`.
pub fn migrate_plain(conn: &mut Connection) -> Result<u32, Error> {
    migrate(conn)
}

/// [`migrate`] with a given list (tests use broken lists).
fn migrate_with(conn: &mut Connection, migrations: &[Migration]) -> Result<u32, Error> {
    let latest = latest_of(migrations);
    let mut ran = 0;
    for migration in migrations {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Checked inside the write transaction, so two connections cannot both apply it.
        if applied_version_of(&tx, latest)? >= migration.version {
            continue;
        }
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version    INTEGER PRIMARY KEY,
                 name       TEXT NOT NULL,
                 applied_at TEXT NOT NULL
             ) STRICT;",
        )?;
        tx.execute_batch(migration.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![migration.version, migration.name, super::now_rfc3339()],
        )?;
        tx.commit()?;
        ran += 1;
    }
    Ok(ran)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain in-memory database.
    fn memory() -> Connection {
        Connection::open_in_memory().unwrap()
    }

    /// Names of all tables.
    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn versions_are_contiguous_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{}", m.name);
        }
    }

    #[test]
    fn shipped_migrations_are_never_edited() {
        let pinned = [
            "deafe256c65de8ffc0ea5c0cb12822b5dfa28bea701bdec4920e6f9daa5420b3",
            "f82d9c9abff847d3a4fe4b3a201391ec339128608aef3b7de2c269f49505f5d0",
            "e5ee03606cf25ba1367b2a5935989dc3fd1273ac13585893df7dec3e893a52bc",
            "0e75b64f230fe74bba86eefdf8d7c2cc481cf1477df12071d6a83771acfbd706",
            "11f656c8a9b23aaca71cf76235628424ed04d3562c380a17c6ecfe83a1d8b338",
        ];
        assert_eq!(pinned.len(), MIGRATIONS.len(), "pin every migration");
        for (m, want) in MIGRATIONS.iter().zip(pinned) {
            let got = data_encoding::HEXLOWER
                .encode(ring::digest::digest(&ring::digest::SHA256, m.sql.as_bytes()).as_ref());
            assert_eq!(
                got, want,
                "migration {} changed; add a new migration file instead",
                m.version
            );
        }
    }

    #[test]
    fn a_fresh_database_gets_every_migration_once() {
        let mut conn = memory();
        assert_eq!(applied_version(&conn).unwrap(), 0);
        assert_eq!(migrate(&mut conn).unwrap(), latest_version());
        assert_eq!(applied_version(&conn).unwrap(), latest_version());
        assert_eq!(migrate(&mut conn).unwrap(), 0, "second run is a no-op");
        let t = tables(&conn);
        for want in
            ["schema_migrations", "settings", "journal_entries", "journal_fts", "vault_info"]
                .into_iter()
                .chain(["doc_versions", "checkins", "trigger_log", "questions", "questions_fts"])
                .chain(["rewoo_plans", "readiness_results", "session_prep_draft"])
                .chain(["apology_drafts", "apology_versions"])
        {
            assert!(t.iter().any(|n| n == want), "missing {want} in {t:?}");
        }
    }

    #[test]
    fn a_newer_database_is_refused_before_any_change() {
        let mut conn = memory();
        migrate(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?1, 'future', 'x')",
            [latest_version() + 1],
        )
        .unwrap();
        assert!(matches!(applied_version(&conn), Err(Error::UnsupportedVersion)));
        assert!(matches!(migrate(&mut conn), Err(Error::UnsupportedVersion)));
    }

    #[test]
    fn a_gap_in_the_record_is_corrupt() {
        let mut conn = memory();
        migrate(&mut conn).unwrap();
        // One past the next version, so the next one is missing.
        let beyond = latest_version() + 2;
        conn.execute("INSERT INTO schema_migrations VALUES (?1, 'beyond', 'x')", [beyond]).unwrap();
        assert!(
            matches!(applied_version_of(&conn, beyond), Err(Error::Corrupt)),
            "1..latest, latest + 2: latest + 1 missing"
        );
        conn.execute("DELETE FROM schema_migrations WHERE version = 1", []).unwrap();
        assert!(matches!(applied_version_of(&conn, beyond), Err(Error::Corrupt)), "1 missing");
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version_intact() {
        let broken = [
            Migration { version: 1, name: "one", sql: "CREATE TABLE one (x INTEGER);" },
            Migration {
                version: 2,
                name: "two",
                sql: "CREATE TABLE two (x INTEGER); SELECT no_such_function();",
            },
        ];
        let mut conn = memory();
        assert!(migrate_with(&mut conn, &broken).is_err());
        assert_eq!(applied_version_of(&conn, 2).unwrap(), 1);
        let t = tables(&conn);
        assert!(t.contains(&"one".to_owned()));
        assert!(!t.contains(&"two".to_owned()), "half-applied migration: {t:?}");
    }

    mod journal_search {
        use super::*;

        /// Row ids matching a full-text query.
        fn search(conn: &Connection, q: &str) -> Vec<i64> {
            let mut stmt = conn
                .prepare("SELECT rowid FROM journal_fts WHERE journal_fts MATCH ?1 ORDER BY rowid")
                .unwrap();
            stmt.query_map([q], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        }

        #[test]
        fn the_index_follows_inserts_updates_and_deletes() {
            let mut conn = memory();
            migrate(&mut conn).unwrap();
            conn.execute(
                "INSERT INTO journal_entries (created_at, updated_at, title, body) VALUES ('t', 't', 'Evening', 'the café felt calm')",
                [],
            )
            .unwrap();
            let id = conn.last_insert_rowid();
            assert_eq!(search(&conn, "cafe"), [id], "diacritics folded");
            conn.execute(
                "UPDATE journal_entries SET body = 'walked by the river' WHERE id = ?1",
                [id],
            )
            .unwrap();
            assert!(search(&conn, "cafe").is_empty());
            assert_eq!(search(&conn, "river"), [id]);
            conn.execute("UPDATE journal_entries SET section = 'feelings' WHERE id = ?1", [id])
                .unwrap();
            assert_eq!(search(&conn, "river"), [id]);
            conn.execute("DELETE FROM journal_entries WHERE id = ?1", [id]).unwrap();
            assert!(search(&conn, "river").is_empty());
            conn.execute("INSERT INTO journal_fts (journal_fts) VALUES ('integrity-check')", [])
                .unwrap();
        }
    }

    /// Fixture vaults, one per schema version, opened by every later version.
    ///
    /// `tests/fixtures/vault-vN/` holds a vault folder made by the code of version N
    /// (cheap KDF parameters written into its key file) and `fixture.json` with its
    /// passphrase, recovery key and the data it holds. The first test run after a new
    /// migration creates the fixture for that version; commit it.
    mod fixtures {
        use std::fs;
        use std::path::{Path, PathBuf};

        use super::*;
        use crate::vault::keys::{KdfParams, KeyFile};
        use crate::vault::{KdfPolicy, Passphrase, RecoveryKey, Secret, Store};

        const FIXTURE_PASSPHRASE_PREFIX: &str = "fixture passphrase v";

        /// `tests/fixtures` in the repository.
        fn fixtures_dir() -> PathBuf {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
        }

        /// A store with cheap KDF parameters.
        fn store(dir: &Path) -> Store {
            Store::new(dir).with_kdf(KdfPolicy::Fixed(KdfParams::CHEAP_FOR_TESTS))
        }

        /// Writes `tests/fixtures/vault-v<latest>/` unless it exists.
        fn ensure_current_fixture() {
            let version = latest_version();
            let target = fixtures_dir().join(format!("vault-v{version}"));
            if target.join("fixture.json").is_file() {
                return;
            }
            let work = tempfile::tempdir().unwrap();
            let passphrase = format!("{FIXTURE_PASSPHRASE_PREFIX}{version}");
            let (vault, recovery) = store(work.path())
                .create(&Passphrase::new(passphrase.clone()), Some("Fixture".into()))
                .unwrap();
            // Version 2 and later: one row of every workbook table (version 1 had the
            // journal only, with section 'journal'); version 3 and later: readiness
            // results and the session-prep draft; version 4 and later: an apology draft
            // with two daily versions, builder steps and a ready mark.
            vault
                .conn()
                .execute_batch(
                    "INSERT INTO journal_entries (created_at, updated_at, title, body, section, prompt)
                     VALUES ('2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z', 'First entry',
                             'a quiet morning by the lake', 'feelings', 'feelings-waves');
                     INSERT INTO doc_versions (kind, day, created_at, updated_at, fields)
                     VALUES ('needs', '2025-01-02', '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z',
                             '{\"relationship\":\"to feel safe\",\"fromPartner\":\"\",\"wontTolerate\":\"\"}');
                     INSERT INTO checkins (at, anger, hope, sleep, appetite, note, created_at, updated_at)
                     VALUES ('2025-01-02T03:04:05.000Z', 7, 3, 'poor', 'less', 'a heavy morning',
                             '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z');
                     INSERT INTO trigger_log (at, category, situation, feelings, intensity, helped, needed,
                                              created_at, updated_at)
                     VALUES ('2025-01-02T03:04:05.000Z', 'phone', 'a buzz at dinner', 'cold', 6, 'a walk',
                             'a hug', '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z');
                     INSERT INTO questions (asked_at, question, answer, note, created_at, updated_at)
                     VALUES ('2025-01-02T03:04:05.000Z', 'Where were you that night?', 'At her flat.', '',
                             '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z');
                     INSERT INTO rewoo_plans (kind, plan, planned_for, note, created_at, updated_at)
                     VALUES ('meal', 'cook her lasagne', '2025-01-05', '',
                             '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z');
                     INSERT INTO readiness_results (kind, taken_at, answers, created_at)
                     VALUES ('checklist', '2025-01-02T03:04:05.000Z',
                             '{\"anxiety\":{\"often\":2,\"gettingWorse\":true}}',
                             '2025-01-02T03:04:05.000Z');
                     INSERT INTO readiness_results (kind, taken_at, answers, created_at)
                     VALUES ('phq9', '2025-01-03T03:04:05.000Z',
                             '{\"items\":[1,1,1,1,1,1,1,1,0],\"difficulty\":1}',
                             '2025-01-03T03:04:05.000Z');
                     INSERT INTO session_prep_draft (id, draft, updated_at)
                     VALUES (1, '{\"include\":{\"whatBringsMe\":true,\"checklist\":false,
                             \"checklistTrend\":false,\"screeners\":true,\"checkins\":false,
                             \"triggers\":false,\"needs\":false,\"questions\":true,
                             \"goals\":false,\"crisis\":false},
                             \"whatBringsMe\":\"the nights are the hardest\",
                             \"questions\":[\"How do I stop checking?\"],
                             \"goalKind\":\"notSure\",\"goals\":\"\",\"crisisCountry\":null,
                             \"showAppName\":false,\"paper\":\"a4\"}',
                             '2025-01-03T03:04:05.000Z');
                     INSERT INTO apology_drafts (id, steps, created_at, updated_at, ready_at)
                     VALUES (1, '{\"behavior\":\"I hid the messages\",\"impact\":\"\",
                             \"responsibility\":\"\",\"remorse\":\"\",\"repair\":\"\",
                             \"forgiveness\":\"\"}',
                             '2025-01-02T03:04:05.000Z', '2025-01-03T03:04:05.000Z',
                             '2025-01-04T03:04:05.000Z');
                     INSERT INTO apology_versions (draft_id, day, created_at, saved_at, title, body)
                     VALUES (1, '2025-01-02', '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z',
                             'For Sam', 'I am sorry if you were hurt.');
                     INSERT INTO apology_versions (draft_id, day, created_at, saved_at, title, body)
                     VALUES (1, '2025-01-03', '2025-01-03T03:04:05.000Z', '2025-01-03T03:04:05.000Z',
                             'For Sam', 'I lied to you for months, and I am sorry.');",
                )
                .unwrap();
            vault.set_setting("role", "betrayed").unwrap();
            let folder = vault.folder().to_path_buf();
            vault.close().unwrap();
            let staging =
                fixtures_dir().join(format!(".vault-v{version}.tmp-{}", std::process::id()));
            let _ = fs::remove_dir_all(&staging);
            fs::create_dir_all(&staging).unwrap();
            for name in ["vault.keys", "vault.db"] {
                fs::copy(folder.join(name), staging.join(name)).unwrap();
            }
            let meta = serde_json::json!({
                "schemaVersion": version,
                "passphrase": passphrase,
                "recoveryKey": recovery.formatted().as_str(),
                "label": "Fixture",
                "journalTitle": "First entry",
                "searchWord": "lake",
                "role": "betrayed",
                "journalSection": "feelings",
                "docNeedsRelationship": "to feel safe",
                "checkinNote": "a heavy morning",
                "triggerHelped": "a walk",
                "questionWord": "night",
                "rewooPlan": "cook her lasagne",
                "readinessPresentSign": "anxiety",
                "readinessPhq9Total": 8,
                "prepWhatBringsMe": "the nights are the hardest",
                "apologyTitle": "For Sam",
                "apologyBody": "I lied to you for months, and I am sorry.",
                "apologyFirstBody": "I am sorry if you were hurt.",
                "apologyBehavior": "I hid the messages",
            });
            fs::write(
                staging.join("fixture.json"),
                serde_json::to_string_pretty(&meta).unwrap() + "\n",
            )
            .unwrap();
            // Another test thread may have won the race; either copy is a valid fixture.
            if fs::rename(&staging, &target).is_err() {
                let _ = fs::remove_dir_all(&staging);
            }
            assert!(target.join("fixture.json").is_file());
        }

        #[test]
        fn the_fixture_for_the_current_version_exists() {
            ensure_current_fixture();
            let dir = fixtures_dir().join(format!("vault-v{}", latest_version()));
            let keys = fs::read(dir.join("vault.keys")).unwrap();
            let parsed = KeyFile::parse(&keys).unwrap();
            assert_eq!(
                parsed.kdf_params(),
                KdfParams::CHEAP_FOR_TESTS,
                "fixtures must stay cheap to open"
            );
            assert!(
                fs::metadata(dir.join("vault.db")).unwrap().len() < 512 * 1024,
                "fixtures stay small"
            );
        }

        #[test]
        fn every_fixture_opens_migrates_and_reads_with_the_current_code() {
            ensure_current_fixture();
            let mut seen = 0;
            for entry in fs::read_dir(fixtures_dir()).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if !name.starts_with("vault-v") || !path.join("fixture.json").is_file() {
                    continue;
                }
                let meta: serde_json::Value =
                    serde_json::from_slice(&fs::read(path.join("fixture.json")).unwrap()).unwrap();
                let text =
                    |k: &str| meta[k].as_str().unwrap_or_else(|| panic!("{name}: {k}")).to_owned();

                // Work on a copy: migrations must never touch the committed fixture.
                for secret in [
                    Secret::Passphrase(Passphrase::new(text("passphrase"))),
                    Secret::RecoveryKey(RecoveryKey::parse(&text("recoveryKey")).unwrap()),
                ] {
                    let data = tempfile::tempdir().unwrap();
                    let id = crate::vault::files::new_folder_id().unwrap();
                    let folder = data.path().join("vaults").join(&id);
                    fs::create_dir_all(&folder).unwrap();
                    for file in ["vault.keys", "vault.db"] {
                        fs::copy(path.join(file), folder.join(file)).unwrap();
                    }
                    let store = store(data.path());
                    let listed = store.list().unwrap();
                    assert_eq!(listed.len(), 1);
                    assert_eq!(listed[0].label, text("label"));
                    let vault = store
                        .unlock(Some(&id), &secret)
                        .unwrap_or_else(|e| panic!("{name}: {e:?}"));
                    assert_eq!(applied_version(vault.conn()).unwrap(), latest_version(), "{name}");
                    let title: String = vault
                        .conn()
                        .query_row(
                            "SELECT e.title FROM journal_fts JOIN journal_entries e ON e.id = journal_fts.rowid WHERE journal_fts MATCH ?1",
                            [text("searchWord")],
                            |r| r.get(0),
                        )
                        .unwrap();
                    assert_eq!(title, text("journalTitle"), "{name}");
                    assert_eq!(vault.setting("role").unwrap(), Some(text("role")), "{name}");
                    check_workbook_data(vault.conn(), &meta, &name);
                    check_integrity_after_migration(&vault);
                    vault.close().unwrap();
                }
                seen += 1;
            }
            assert!(seen >= 1, "no fixtures found in {}", fixtures_dir().display());
        }

        /// The workbook reads the migrated copy: version 1's journal section becomes
        /// "free", and what later fixtures hold comes back through the domain code.
        fn check_workbook_data(conn: &Connection, meta: &serde_json::Value, name: &str) {
            use crate::workbook::{checkins, docs, journal, questions, rewoo, triggers};
            let entries = journal::list(conn).unwrap();
            assert_eq!(entries.len(), 1, "{name}");
            let section = meta["journalSection"].as_str().unwrap_or("free");
            assert_eq!(entries[0].section, section, "{name}");
            conn.execute("INSERT INTO journal_fts (journal_fts) VALUES ('integrity-check')", [])
                .unwrap_or_else(|e| panic!("{name}: journal index out of step: {e}"));
            let Some(note) = meta["checkinNote"].as_str() else { return };
            let text = |k: &str| meta[k].as_str().unwrap_or_else(|| panic!("{name}: {k}"));
            let doc = docs::get(conn, "needs").unwrap().current.unwrap();
            assert_eq!(doc.fields["relationship"], text("docNeedsRelationship"), "{name}");
            let all = checkins::list(conn, &checkins::Period::default()).unwrap();
            assert_eq!(all[0].note, note, "{name}");
            let t = triggers::list(conn, &checkins::Period::default()).unwrap();
            assert_eq!(t[0].helped, text("triggerHelped"), "{name}");
            let similar = questions::similar_to(conn, text("questionWord")).unwrap();
            assert_eq!(similar.len(), 1, "{name}: the questions index answers");
            assert_eq!(rewoo::list(conn).unwrap()[0].plan, text("rewooPlan"), "{name}");
            conn.execute(
                "INSERT INTO questions_fts (questions_fts) VALUES ('integrity-check')",
                [],
            )
            .unwrap_or_else(|e| panic!("{name}: questions index out of step: {e}"));
            check_readiness_data(conn, meta, name);
            check_apology_data(conn, meta, name);
        }

        /// Version 4 and later: the apology draft, its versions, steps and ready mark come
        /// back through the domain code; earlier versions have no drafts.
        fn check_apology_data(conn: &Connection, meta: &serde_json::Value, name: &str) {
            use crate::apology::drafts;
            let Some(body) = meta["apologyBody"].as_str() else {
                assert!(drafts::list(conn).unwrap().is_empty(), "{name}");
                return;
            };
            let text = |k: &str| meta[k].as_str().unwrap_or_else(|| panic!("{name}: {k}"));
            let list = drafts::list(conn).unwrap();
            assert_eq!(list.len(), 1, "{name}");
            assert_eq!(list[0].title, text("apologyTitle"), "{name}");
            let d = drafts::get(conn, list[0].id).unwrap();
            assert_eq!(d.body, body, "{name}: the newest version is the current text");
            assert_eq!(d.steps.behavior, text("apologyBehavior"), "{name}");
            assert!(d.ready_at.is_some(), "{name}");
            assert_eq!(d.versions.len(), 2, "{name}");
            let first = drafts::version(conn, d.versions[1].id).unwrap();
            assert_eq!(first.body, text("apologyFirstBody"), "{name}");
        }

        /// Version 3 and later: readiness results and the session-prep draft come back
        /// through the domain code.
        fn check_readiness_data(conn: &Connection, meta: &serde_json::Value, name: &str) {
            use crate::readiness::store;
            use crate::session_prep::draft;
            let Some(words) = meta["prepWhatBringsMe"].as_str() else {
                assert!(store::list(conn, None).unwrap().is_empty(), "{name}");
                assert_eq!(draft::load(conn).unwrap(), draft::Draft::default(), "{name}");
                return;
            };
            let results = store::list(conn, None).unwrap();
            assert_eq!(results.len(), 2, "{name}");
            assert_eq!(
                results[0].evaluation.total,
                meta["readinessPhq9Total"].as_u64().map(|t| t as u8)
            );
            let present = &results[1].evaluation.checklist.as_ref().unwrap().present;
            assert_eq!(present[0].id, meta["readinessPresentSign"].as_str().unwrap(), "{name}");
            let d = draft::load(conn).unwrap();
            assert_eq!(d.what_brings_me, words, "{name}");
            assert!(d.include.what_brings_me && d.include.screeners && !d.include.crisis);
        }

        /// The migrated copy passes SQLCipher's and SQLite's checks.
        fn check_integrity_after_migration(vault: &crate::vault::Vault) {
            crate::vault::db::check_integrity(vault.conn()).unwrap();
        }
    }
}
