//! Checks on the project's configuration that keep the privacy promises from eroding:
//! the CSP, the capability file, the IPC command lists, the UI's use of the DOM, and
//! the absence of any network client in what ships.

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("read {path}: {e}"))
}

fn json(path: &str) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("parse {path}: {e}"))
}

#[test]
fn csp_allows_only_our_own_origin() {
    let conf = json("tauri.conf.json");
    assert_eq!(conf["build"]["frontendDist"], "ui");
    assert!(conf["build"].get("devUrl").is_none(), "no dev server: the UI is served from ui/");
    let csp = conf["app"]["security"]["csp"].as_object().expect("CSP is set");
    assert_eq!(csp["default-src"], "'self'");
    for (directive, value) in csp {
        let value = value.as_str().unwrap();
        for bad in ["unsafe-eval", "unsafe-inline", "*", "https:", "data: 'unsafe"] {
            assert!(!value.split_whitespace().any(|t| t.contains(bad)), "{directive} allows {bad}");
        }
        for origin in value.split_whitespace().filter(|t| t.starts_with("http")) {
            assert_eq!(origin, "http://ipc.localhost", "{directive} names a remote origin");
        }
    }
    let window = &conf["app"]["windows"][0];
    assert_eq!(window["title"], "Mend", "the window title never shows content");
}

#[test]
fn capability_grants_only_what_the_window_uses() {
    let cap = json("capabilities/default.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let granted: Vec<&str> =
        cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    for p in &granted {
        let core = ["core:window:allow-", "core:webview:allow-", "core:event:allow-"]
            .iter()
            .any(|prefix| p.starts_with(prefix));
        let ours = p.starts_with("allow-");
        assert!(core || ours, "unexpected permission {p}");
        for banned in ["shell", "fs:", "http", "default"] {
            assert!(!p.contains(banned), "permission {p} is broader than Mend needs");
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 1, "one capability file");
}

/// Names in the dispatch table (`commands! { … }` in src-tauri/commands/dispatch.rs),
/// build.rs's COMMANDS and the capability file must agree, so that no command is callable
/// without being granted, or dead.
#[test]
fn every_command_is_registered_listed_and_granted_exactly_once() {
    let dispatch = read("src-tauri/commands/dispatch.rs");
    let table = dispatch.split("commands! {").nth(1).and_then(|s| s.split("\n}").next()).unwrap();
    // One line per command: `Worker module::name(parameters);`.
    let mut registered: Vec<String> = table
        .lines()
        .filter_map(|line| Some(line.split_once("::")?.1.split('(').next()?.to_string()))
        .collect();
    let build = read("build.rs");
    let list =
        build.split("COMMANDS: &[&str] = &[").nth(1).and_then(|s| s.split(']').next()).unwrap();
    let mut listed: Vec<String> = list
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let cap = json("capabilities/default.json");
    let mut granted: Vec<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
        .collect();
    registered.sort();
    listed.sort();
    granted.sort();
    assert!(!registered.is_empty());
    assert_eq!(registered, listed, "the dispatch table and build.rs COMMANDS differ");
    assert_eq!(registered, granted, "registered commands and granted permissions differ");
}

fn ui_sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "js" || e == "html" || e == "css") {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("ui"), &mut out);
    assert!(out.len() >= 3, "ui/ sources found");
    out
}

#[test]
fn ui_never_interprets_text_as_markup_or_code() {
    for (path, src) in ui_sources() {
        for api in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
        ] {
            assert!(!src.contains(api), "{path} uses {api}; render text with textContent");
        }
    }
}

#[test]
fn ui_keeps_nothing_in_web_storage_and_names_no_remote_url() {
    for (path, src) in ui_sources() {
        for api in ["localStorage", "sessionStorage", "indexedDB", "document.cookie", "caches."] {
            assert!(!src.contains(api), "{path} touches {api}");
        }
        for line in src.lines() {
            let remote = line.contains("http://") || line.contains("https://");
            let allowed =
                line.contains("http://ipc.localhost") || line.contains("www.w3.org/2000/svg");
            assert!(!remote || allowed, "{path} names a remote URL: {line}");
        }
    }
}

#[test]
fn only_api_js_touches_the_tauri_global() {
    for (path, src) in ui_sources() {
        if src.contains("__TAURI__") {
            assert!(path.ends_with("ui/js/api.js"), "{path} reaches into window.__TAURI__");
        }
    }
}

/// Every desktop target Mend ships for. (Tauri pulls in reqwest only on Android and iOS,
/// where Mend is not built; that is why Cargo.lock names it.)
const DESKTOP_TARGETS: [&str; 4] = [
    "x86_64-unknown-linux-gnu",
    "x86_64-pc-windows-msvc",
    "aarch64-apple-darwin",
    "x86_64-apple-darwin",
];

#[test]
fn no_network_client_is_in_what_ships() {
    for target in DESKTOP_TARGETS {
        let out = std::process::Command::new(env!("CARGO"))
            .args(["tree", "--package", "mend", "--edges", "normal,build", "--prefix", "none"])
            .args(["--locked", "--offline", "--target", target])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo tree");
        assert!(
            out.status.success(),
            "cargo tree failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tree = String::from_utf8_lossy(&out.stdout);
        assert!(tree.contains("rusqlite"), "the tree for {target} was read");
        for client in [
            "reqwest",
            "hyper ",
            "ureq",
            "isahc",
            "curl",
            "attohttpc",
            "surf",
            "tauri-plugin-http",
            "tauri-plugin-updater",
        ] {
            assert!(
                !tree.lines().any(|l| l.starts_with(client)),
                "{client} is in Mend's dependencies for {target}"
            );
        }
    }
}

/// What the desktop shows about Mend (menu entry, package description, window title)
/// says nothing about betrayal or therapy: someone glancing at a shared computer's menu
/// learns only that a private workbook is installed (promise 6, "Discreet").
#[test]
fn what_the_desktop_shows_about_mend_is_discreet() {
    let conf = json("tauri.conf.json");
    let template_path = conf["bundle"]["linux"]["deb"]["desktopTemplate"]
        .as_str()
        .expect("the .deb uses our own desktop entry");
    let template = read(template_path);
    for line in ["Type=Application", "Exec={{exec}}", "Icon={{icon}}", "Categories=Utility;"] {
        assert!(template.lines().any(|l| l == line), "desktop entry lacks {line}");
    }
    let shown = [
        conf["productName"].as_str().unwrap().to_string(),
        conf["bundle"]["shortDescription"].as_str().unwrap().to_string(),
        conf["bundle"]["longDescription"].as_str().unwrap().to_string(),
        conf["app"]["windows"][0]["title"].as_str().unwrap().to_string(),
        template.clone(),
    ]
    .join("\n")
    .to_lowercase();
    for word in [
        "betray",
        "affair",
        "cheat",
        "infidel",
        "trust",
        "therap",
        "apolog",
        "partner",
        "trigger",
        "relationship",
        "marriage",
        "divorce",
        "crisis",
    ] {
        assert!(!shown.contains(word), "the desktop would show \"{word}\"");
    }
    assert_eq!(conf["app"]["windows"][0]["title"], "Mend");
}

/// The modules a UI module imports, resolved to paths under ui/: its static imports
/// (`import … from './x.js'`) and its dynamic ones (`import('./x.js')`).
fn imports(module: &str) -> (Vec<String>, Vec<String>) {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let src = read(&format!("ui/{module}"));
    let dir = Path::new(module).parent().unwrap();
    let resolve = |spec: &str| {
        let mut path = dir.to_path_buf();
        for part in spec.split('/') {
            match part {
                "." => {}
                ".." => {
                    path.pop();
                }
                name => path.push(name),
            }
        }
        assert!(ui.join(&path).is_file(), "{module} imports {spec}, which is not in ui/");
        path.to_string_lossy().replace('\\', "/")
    };
    let quoted = |text: &str| text.split(['\'', '"']).nth(1).map(resolve);
    let mut fixed = Vec::new();
    let mut dynamic = Vec::new();
    for line in src.lines().map(str::trim_start) {
        if (line.starts_with("import ") || line.starts_with("export ")) && line.contains(" from ") {
            fixed.extend(quoted(line.rsplit_once(" from ").unwrap().1));
        } else if line.starts_with("import '") {
            fixed.extend(quoted(line));
        }
        for (_, rest) in line.match_indices("import(").map(|(i, _)| line.split_at(i + 7)) {
            dynamic.extend(quoted(rest));
        }
    }
    (fixed, dynamic)
}

/// Every module reachable from `roots` through static imports.
fn static_graph(roots: &[String]) -> std::collections::BTreeSet<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut todo = roots.to_vec();
    while let Some(module) = todo.pop() {
        if seen.insert(module.clone()) {
            todo.extend(imports(&module).0);
        }
    }
    seen
}

/// index.html preloads exactly the modules of the first screen (app.js's static imports,
/// all levels), so WebKit fetches them at once instead of one import level at a time,
/// and nothing else, so start-up never waits for screens it does not show. Every other
/// module is reached through app.js's one dynamic import (routes.js), and every module in
/// ui/js is reached one way or the other.
#[test]
fn the_first_screen_preloads_its_modules_and_only_those() {
    let index = read("ui/index.html");
    let preloaded: std::collections::BTreeSet<String> = index
        .split("<link rel=\"modulepreload\" href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect();
    let first = static_graph(&["js/app.js".to_string()]);
    let mut expected = first.clone();
    expected.remove("js/app.js");
    assert_eq!(preloaded, expected, "ui/index.html's modulepreload list");
    assert!(index.contains("<script type=\"module\" src=\"js/app.js\"></script>"));

    let (_, lazy) = imports("js/app.js");
    assert_eq!(lazy, ["js/routes.js"], "app.js loads the other screens through routes.js");
    let later = static_graph(&lazy);
    for (path, _) in ui_sources().into_iter().filter(|(p, _)| p.ends_with(".js")) {
        let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
        let module =
            Path::new(&path).strip_prefix(&ui).unwrap().to_string_lossy().replace('\\', "/");
        assert!(
            first.contains(&module) || later.contains(&module),
            "{module} is never loaded (neither from app.js nor from routes.js)"
        );
    }
    assert!(later.len() > first.len(), "most screens load after the first one");
}
