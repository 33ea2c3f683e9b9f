//! The headless command line, run as a real process.

use std::process::{Command, Output};

fn mend(args: &[&str], env: &[(&str, &str)], remove: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mend"));
    cmd.args(args).envs(env.iter().copied());
    for name in remove {
        cmd.env_remove(name);
    }
    cmd.output().expect("run mend")
}

#[test]
fn version_and_help_work_without_a_display() {
    let out = mend(&["--version"], &[], &["DISPLAY", "WAYLAND_DISPLAY"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("mend {}\n", env!("CARGO_PKG_VERSION"))
    );

    let out = mend(&["--help"], &[], &["DISPLAY", "WAYLAND_DISPLAY"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Usage:"));
}

#[test]
fn unknown_subcommand_prints_usage_and_exits_2() {
    let out = mend(&["no-such-thing"], &[], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown command 'no-such-thing'") && err.contains("Usage:"), "{err}");
}

#[test]
fn window_without_a_display_says_so_in_one_line() {
    let out = mend(&[], &[], &["DISPLAY", "WAYLAND_DISPLAY"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line, no backtrace: {err}");
    assert!(err.starts_with("mend: no display found"), "{err}");
}

#[test]
fn window_with_an_unreachable_display_says_so_without_panicking() {
    let out = mend(&[], &[("DISPLAY", ":4242")], &["WAYLAND_DISPLAY"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.lines().any(|l| l.starts_with("mend: could not open the display")), "{err}");
}
