//! `mend apology-check` run as a real process, with no display: stdin, a file, bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn apology_check(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mend"))
        .arg("apology-check")
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start mend");
    let mut pipe = child.stdin.take().expect("stdin");
    // A process that does not read stdin (a FILE was given) may close the pipe first.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    child.wait_with_output().expect("run mend")
}

fn report(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout.clone()).expect("UTF-8 output");
    assert_eq!(stdout.matches('\n').count(), 1, "one JSON object on one line: {stdout}");
    serde_json::from_str(&stdout).expect("JSON")
}

fn kinds(v: &serde_json::Value) -> Vec<&str> {
    v["findings"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect()
}

#[test]
fn stdin_gives_findings_with_char_offsets() {
    let text = "Chérie 💔, I'm sorry, but you made me do it.";
    let v = report(&apology_check(&[], text.as_bytes()));
    assert_eq!(kinds(&v), ["but_clause", "blame_shift"]);
    let chars: Vec<char> = text.chars().collect();
    for f in v["findings"].as_array().unwrap() {
        let (start, end) =
            (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        let excerpt: String = chars[start..end].iter().collect();
        assert_eq!(f["excerpt"], excerpt.as_str());
        assert!(!f["why"].as_str().unwrap().is_empty());
        assert!(!f["suggestion"].as_str().unwrap().is_empty());
    }
    assert_eq!(v["findings"][0]["excerpt"], "sorry, but");
    assert_eq!(v["findings"][0]["start"], 14, "counted in characters, not bytes");
}

#[test]
fn a_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.txt");
    std::fs::write(
        &path,
        "I lied to you about the money for a year. It was my choice, and it hurt you.\n\
         I'm sorry. From now on I will show you every statement, and I've started therapy.\n",
    )
    .unwrap();
    let v = report(&apology_check(&[path.to_str().unwrap()], b""));
    assert!(kinds(&v).is_empty(), "{v}");
    let c = &v["components"];
    for key in ["regret", "responsibility", "specific_behavior", "impact", "repair"] {
        assert_eq!(c[key], true, "{key} in {c}");
    }
}

#[test]
fn empty_input_has_no_findings_and_every_component_false() {
    let v = report(&apology_check(&[], b""));
    assert_eq!(
        v,
        serde_json::json!({"findings": [], "components": {
            "regret": false, "responsibility": false, "specific_behavior": false,
            "impact": false, "repair": false, "repentance": false, "forgiveness_request": false
        }})
    );
}

#[test]
fn a_missing_file_is_one_line_on_stderr_and_exit_2() {
    let out = apology_check(&["/nonexistent/mend/draft.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err, "mend: cannot read '/nonexistent/mend/draft.txt': no such file\n");
}

#[test]
fn invalid_utf8_is_one_line_on_stderr_and_exit_2() {
    let out = apology_check(&[], b"I'm sorry \xc3\x28 for that");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not UTF-8") && err.contains("offset 10"), "{err}");
}

#[test]
fn invalid_utf8_in_a_file_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"Je suis d\xe9sol\xe9").unwrap();
    let out = apology_check(&[path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("mend: '") && err.contains("latin1.txt' is not UTF-8"), "{err}");
}
