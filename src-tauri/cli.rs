//! The headless command line: `mend <subcommand>`.
//!
//! Runs without a window and never touches GTK, so it works over SSH and in CI.
//! Output goes to the given writers so tests can read it; exit codes: 0 done,
//! 2 usage or input error.
//!
//! `mend apology-check [FILE]` reads UTF-8 text from FILE (or standard input when FILE is
//! absent or `-`) and prints one JSON object, the [`apology::Report`]:
//! `{"findings":[{"kind","start","end","excerpt","why","suggestion"}],"components":{…}}`
//! with `start`/`end` in Unicode scalar offsets into the text exactly as read (a byte-order
//! mark, if any, counts as one character).

use std::ffi::OsString;
use std::io::{Read, Write};

use crate::apology;

/// The usage text, printed by `--help` and after an unknown subcommand.
pub const USAGE: &str = "\
Mend: a private workbook for rebuilding trust.

Usage:
  mend                       open the Mend window
  mend apology-check [FILE]  check an apology draft from FILE (or standard input)
                             and print the findings as one JSON object
  mend --version             print the version
  mend --help                print this help

Data folder: set MEND_DATA_DIR to keep Mend's data somewhere else.
";

/// Runs one command-line invocation and returns the process exit code.
pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    run_with_stdin(args, &mut std::io::stdin().lock(), out, err)
}

/// [`run`] with standard input given, so tests can feed it.
pub fn run_with_stdin(
    args: &[OsString],
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let first = args.first().map(|a| a.to_string_lossy().into_owned());
    let result = match first.as_deref() {
        Some("--version" | "-V" | "version") => {
            writeln!(out, "mend {}", env!("CARGO_PKG_VERSION")).map(|_| 0)
        }
        Some("--help" | "-h" | "help") => write!(out, "{USAGE}").map(|_| 0),
        Some("apology-check") => apology_check(&args[1..], stdin, out, err),
        Some(other) => {
            let shown: String = other.chars().take(60).collect();
            writeln!(err, "mend: unknown command '{shown}'\n")
                .and_then(|_| write!(err, "{USAGE}"))
                .map(|_| 2)
        }
        None => writeln!(err, "{USAGE}").map(|_| 2),
    };
    // A closed pipe (`mend --help | head -1`) is not the user's problem.
    result.unwrap_or(0)
}

/// `mend apology-check [FILE]`: one JSON report on stdout, or one line on stderr and 2.
fn apology_check(
    args: &[OsString],
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let (bytes, source) = match args {
        [] => (read_all(stdin), "standard input".to_string()),
        [dash] if dash == "-" => (read_all(stdin), "standard input".to_string()),
        [path] => {
            let shown: String = path.to_string_lossy().chars().take(200).collect();
            (std::fs::read(path), format!("'{shown}'"))
        }
        _ => {
            writeln!(
                err,
                "mend: apology-check takes at most one FILE
"
            )?;
            write!(err, "{USAGE}")?;
            return Ok(2);
        }
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => {
            writeln!(err, "mend: cannot read {source}: {}", io_reason(&e))?;
            return Ok(2);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            writeln!(err, "mend: {source} is not UTF-8 text (invalid byte at offset {at})")?;
            return Ok(2);
        }
    };
    let report = apology::check(&text);
    let json = serde_json::to_string(&report).map_err(std::io::Error::other)?;
    writeln!(out, "{json}")?;
    Ok(0)
}

fn read_all(input: &mut dyn Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The reason in plain words, without the "(os error 2)" tail.
fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "it is a folder, not a file".into(),
        _ => {
            let text = e.to_string();
            text.split(" (os error").next().unwrap_or(&text).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(args: &[&str]) -> (i32, String, String) {
        call_with_stdin(args, b"")
    }

    fn call_with_stdin(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_with_stdin(&args, &mut std::io::Cursor::new(stdin), &mut out, &mut err);
        (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
    }

    fn json(out: &str) -> serde_json::Value {
        assert!(out.ends_with('\n') && out.matches('\n').count() == 1, "one line: {out:?}");
        serde_json::from_str(out).expect("stdout is JSON")
    }

    mod apology_check {
        use super::*;

        #[test]
        fn reads_stdin_and_prints_one_json_report() {
            let (code, out, err) =
                call_with_stdin(&["apology-check"], "I'm sorry if you were hurt.".as_bytes());
            assert_eq!(code, 0, "{err}");
            assert!(err.is_empty());
            let v = json(&out);
            assert_eq!(v["findings"][0]["kind"], "conditional");
            assert_eq!(v["findings"][0]["excerpt"], "sorry if you were hurt");
            assert_eq!(v["findings"][0]["start"], 4);
            assert_eq!(v["components"]["regret"], true);
            assert_eq!(v["components"].as_object().unwrap().len(), 7);
        }

        #[test]
        fn a_dash_means_stdin() {
            let (code, out, _) = call_with_stdin(&["apology-check", "-"], b"Mistakes were made.");
            assert_eq!(code, 0);
            assert_eq!(json(&out)["findings"][0]["kind"], "passive_voice");
        }

        #[test]
        fn reads_a_file() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("draft.txt");
            std::fs::write(&path, "You have to forgive me.").unwrap();
            let (code, out, _) = call(&["apology-check", path.to_str().unwrap()]);
            assert_eq!(code, 0);
            assert_eq!(json(&out)["findings"][0]["kind"], "forgiveness_demand");
        }

        #[test]
        fn empty_input_has_no_findings_and_no_components() {
            let (code, out, _) = call_with_stdin(&["apology-check"], b"");
            assert_eq!(code, 0);
            assert_eq!(
                json(&out),
                serde_json::json!({"findings": [], "components": {
                    "regret": false, "responsibility": false, "specific_behavior": false,
                    "impact": false, "repair": false, "repentance": false,
                    "forgiveness_request": false
                }})
            );
        }

        #[test]
        fn missing_file_is_one_clear_line_and_exit_2() {
            let (code, out, err) = call(&["apology-check", "/no/such/draft.txt"]);
            assert_eq!(code, 2);
            assert!(out.is_empty());
            assert_eq!(err, "mend: cannot read '/no/such/draft.txt': no such file\n");
        }

        #[test]
        fn a_folder_is_not_a_file() {
            let dir = tempfile::tempdir().unwrap();
            let (code, _, err) = call(&["apology-check", dir.path().to_str().unwrap()]);
            assert_eq!(code, 2);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.starts_with("mend: cannot read '"), "{err}");
        }

        #[test]
        fn invalid_utf8_is_refused_with_the_offset() {
            let (code, out, err) = call_with_stdin(&["apology-check"], b"sorry \xff\xfe");
            assert_eq!(code, 2);
            assert!(out.is_empty());
            assert_eq!(err, "mend: standard input is not UTF-8 text (invalid byte at offset 6)\n");
        }

        #[test]
        fn more_than_one_file_is_a_usage_error() {
            let (code, out, err) = call(&["apology-check", "a.txt", "b.txt"]);
            assert_eq!(code, 2);
            assert!(out.is_empty());
            assert!(err.contains("at most one FILE") && err.contains("Usage:"));
        }

        #[test]
        fn help_lists_the_subcommand() {
            let (_, out, _) = call(&["--help"]);
            assert!(out.contains("mend apology-check [FILE]"));
        }
    }

    #[test]
    fn version_prints_the_crate_version() {
        let (code, out, err) = call(&["--version"]);
        assert_eq!(code, 0);
        assert_eq!(out, format!("mend {}\n", env!("CARGO_PKG_VERSION")));
        assert!(err.is_empty());
    }

    #[test]
    fn help_prints_usage_to_stdout() {
        let (code, out, _) = call(&["--help"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("Mend: a private workbook"));
        assert!(out.contains("mend --version"));
    }

    #[test]
    fn unknown_subcommand_prints_usage_and_exits_2() {
        let (code, out, err) = call(&["frobnicate"]);
        assert_eq!(code, 2);
        assert!(out.is_empty(), "nothing on stdout for a usage error");
        assert!(err.contains("unknown command 'frobnicate'"));
        assert!(err.contains("Usage:"));
    }

    #[test]
    fn very_long_unknown_argument_is_cut_in_the_message() {
        let long = "x".repeat(10_000);
        let (code, _, err) = call(&[&long]);
        assert_eq!(code, 2);
        assert!(err.len() < 1_000);
    }
}
