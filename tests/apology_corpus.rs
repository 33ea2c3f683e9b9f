//! The apology checker against the labelled corpus in `tests/corpus/apology/`.
//!
//! For every kind: recall, the share of items expecting that kind on which it is found.
//! For clean apologies: the share left with no finding at all. Prints a table (run with
//! `-- --nocapture`) and fails if any kind's recall or the clean share is below 0.90.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use mend::apology::{check, Kind};

const MIN_RECALL: f64 = 0.90;
const MIN_CLEAN: f64 = 0.90;
const MIN_ITEMS: usize = 150;
const MIN_PER_KIND: usize = 10;
const MIN_CLEAN_ITEMS: usize = 40;

struct Item {
    source: String,
    text: String,
    expect: BTreeSet<Kind>,
    clean: bool,
    tags: Vec<String>,
}

/// Parses one corpus file: `=== kind kind #tag` headers, each followed by its text.
fn parse(name: &str, content: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if let Some(header) = line.strip_prefix("===") {
            let (mut expect, mut clean, mut tags) = (BTreeSet::new(), false, Vec::new());
            for word in header.split_whitespace() {
                if let Some(tag) = word.strip_prefix('#') {
                    tags.push(tag.to_string());
                } else if word == "clean" {
                    clean = true;
                } else {
                    let kind = Kind::from_name(word)
                        .unwrap_or_else(|| panic!("{name}:{}: unknown kind '{word}'", n + 1));
                    expect.insert(kind);
                }
            }
            assert!(clean == expect.is_empty(), "{name}:{}: clean xor kinds", n + 1);
            let source = format!("{name}:{}", n + 1);
            items.push(Item { source, text: String::new(), expect, clean, tags });
        } else if let Some(item) = items.last_mut() {
            item.text.push_str(line);
            item.text.push('\n');
        }
    }
    for item in &mut items {
        item.text = item.text.trim().to_string();
        assert!(!item.text.is_empty(), "{}: empty item", item.source);
    }
    items
}

fn corpus() -> Vec<Item> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/apology");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            parse(&name, &std::fs::read_to_string(p).expect("read corpus file"))
        })
        .collect()
}

fn short(text: &str) -> String {
    let one_line = text.replace('\n', " / ");
    if one_line.chars().count() > 90 {
        format!("{}…", one_line.chars().take(89).collect::<String>())
    } else {
        one_line
    }
}

#[test]
fn corpus_recall_per_kind_and_clean_share() {
    let items = corpus();
    let mut expected: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut found: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut extra: BTreeMap<Kind, usize> = BTreeMap::new();
    let (mut clean_total, mut clean_ok) = (0usize, 0usize);
    let mut clean_by_tag: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();

    for item in &items {
        let report = check(&item.text);
        let got: BTreeSet<Kind> = report.findings.iter().map(|f| f.kind).collect();
        if item.clean {
            clean_total += 1;
            let ok = got.is_empty();
            clean_ok += usize::from(ok);
            for tag in item.tags.iter().map(String::as_str).chain(["all"]) {
                let e = clean_by_tag.entry(tag.to_string()).or_default();
                e.0 += 1;
                e.1 += usize::from(ok);
            }
            if !ok {
                let what: Vec<String> = report
                    .findings
                    .iter()
                    .map(|f| format!("{} «{}»", f.kind.as_str(), f.excerpt))
                    .collect();
                false_alarms.push(format!(
                    "  {}  {}\n      → {}",
                    item.source,
                    short(&item.text),
                    what.join(", ")
                ));
            }
            continue;
        }
        for &kind in &item.expect {
            *expected.entry(kind).or_default() += 1;
            if got.contains(&kind) {
                *found.entry(kind).or_default() += 1;
            } else {
                misses.push(format!(
                    "  {}  missed {}: {}",
                    item.source,
                    kind.as_str(),
                    short(&item.text)
                ));
            }
        }
        for kind in got.difference(&item.expect) {
            *extra.entry(*kind).or_default() += 1;
        }
    }

    println!(
        "\nApology checker corpus: {} items ({} flawed, {} clean)\n",
        items.len(),
        items.len() - clean_total,
        clean_total
    );
    println!(
        "  {:<20} {:>8} {:>6} {:>8}   also found on other flawed items",
        "kind", "expected", "found", "recall"
    );
    let mut worst = 1.0f64;
    for kind in Kind::ALL {
        let (e, f) =
            (expected.get(&kind).copied().unwrap_or(0), found.get(&kind).copied().unwrap_or(0));
        let recall = if e == 0 { 0.0 } else { f as f64 / e as f64 };
        worst = worst.min(recall);
        println!(
            "  {:<20} {:>8} {:>6} {:>8.3}   {}",
            kind.as_str(),
            e,
            f,
            recall,
            extra.get(&kind).copied().unwrap_or(0)
        );
    }
    let clean_share = clean_ok as f64 / clean_total.max(1) as f64;
    println!("\n  clean apologies with no finding: {clean_ok}/{clean_total} = {clean_share:.3}");
    for (tag, (n, ok)) in &clean_by_tag {
        if tag != "all" {
            println!("    #{tag:<14} {ok}/{n}");
        }
    }
    if !misses.is_empty() {
        println!("\nMisses:\n{}", misses.join("\n"));
    }
    if !false_alarms.is_empty() {
        println!("\nFindings on clean items:\n{}", false_alarms.join("\n"));
    }
    println!();

    assert!(items.len() >= MIN_ITEMS, "corpus has {} items, want ≥ {MIN_ITEMS}", items.len());
    assert!(clean_total >= MIN_CLEAN_ITEMS, "{clean_total} clean items, want ≥ {MIN_CLEAN_ITEMS}");
    for kind in Kind::ALL {
        let e = expected.get(&kind).copied().unwrap_or(0);
        assert!(e >= MIN_PER_KIND, "{}: {e} items, want ≥ {MIN_PER_KIND}", kind.as_str());
    }
    assert!(worst >= MIN_RECALL, "a kind's recall is {worst:.3}, below {MIN_RECALL}");
    assert!(clean_share >= MIN_CLEAN, "clean share {clean_share:.3} is below {MIN_CLEAN}");
}

#[test]
fn every_finding_in_the_corpus_has_valid_offsets() {
    for item in corpus() {
        let chars: Vec<char> = item.text.chars().collect();
        for f in check(&item.text).findings {
            assert!(f.start < f.end && f.end <= chars.len(), "{}: {f:?}", item.source);
            assert_eq!(
                f.excerpt,
                chars[f.start..f.end].iter().collect::<String>(),
                "{}",
                item.source
            );
        }
    }
}
