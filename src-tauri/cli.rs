//! The headless command line: `mend <subcommand>`.
//!
//! Runs without a window and never touches GTK, so it works over SSH and in CI.
//! Output goes to the given writers so tests can read it; exit codes: 0 done,
//! 2 usage or input error.

use std::ffi::OsString;
use std::io::Write;

/// The usage text, printed by `--help` and after an unknown subcommand.
pub const USAGE: &str = "\
Mend: a private workbook for rebuilding trust.

Usage:
  mend              open the Mend window
  mend --version    print the version
  mend --help       print this help

Data folder: set MEND_DATA_DIR to keep Mend's data somewhere else.
";

/// Runs one command-line invocation and returns the process exit code.
pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let first = args.first().map(|a| a.to_string_lossy().into_owned());
    let result = match first.as_deref() {
        Some("--version" | "-V" | "version") => {
            writeln!(out, "mend {}", env!("CARGO_PKG_VERSION")).map(|_| 0)
        }
        Some("--help" | "-h" | "help") => write!(out, "{USAGE}").map(|_| 0),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn call(args: &[&str]) -> (i32, String, String) {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(&args, &mut out, &mut err);
        (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
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
