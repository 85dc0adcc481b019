//! The README starts with a quick start a new operator can follow (run, a room and a link,
//! embedding, real 100ms) and points to the reference in `docs/`; every relative link resolves,
//! no table is broken by a paragraph, and the command line's help says what the docs say.

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

const DOCS: [&str; 7] = [
    "README.md",
    "ARCHITECTURE.md",
    "docs/operating.md",
    "docs/security.md",
    "docs/admin-api.md",
    "docs/deployment.md",
    "docs/performance.md",
];

#[test]
fn the_readme_starts_with_a_short_quick_start_and_keeps_the_test_command() {
    let readme = read("README.md");
    let first_section = readme.lines().find(|l| l.starts_with("## ")).unwrap();
    assert_eq!(first_section, "## Quick start");
    let quick_start: Vec<&str> = readme
        .lines()
        .skip_while(|l| *l != "## Quick start")
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect();
    assert!(quick_start.len() <= 60, "{} lines", quick_start.len());
    for step in [
        "cargo run --release",
        "/api/v1/rooms",
        "frame_ancestors",
        "PORTAL__EMULATOR__ENABLED=false",
    ] {
        assert!(
            quick_start.iter().any(|l| l.contains(step)),
            "the quick start shows {step}"
        );
    }
    assert!(
        readme.contains("npm ci --prefix tests/node && cargo test"),
        ".ci/run runs it"
    );
    for doc in &DOCS[2..] {
        assert!(readme.contains(&format!("]({doc})")), "README links {doc}");
    }
    assert!(!readme.contains("BUILD_MINUTES"));
}

#[test]
fn every_relative_link_in_the_docs_resolves_and_no_table_is_broken() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for doc in DOCS {
        let text = read(doc);
        let folder = root.join(doc).parent().unwrap().to_owned();
        for target in text
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
        {
            if target.starts_with("http") || target.starts_with('#') {
                continue;
            }
            let file = target.split('#').next().unwrap();
            assert!(
                folder.join(file).exists(),
                "{doc} links {target}, which is missing"
            );
        }
        let lines: Vec<&str> = text.lines().collect();
        let row = |l: &str| l.starts_with('|');
        for (i, pair) in lines.windows(2).enumerate() {
            let [line, next] = pair else { continue };
            // Rows that follow something else start a new table, whose header needs its
            // `|---|` line: rows after a paragraph in a table's middle render as text.
            let starts_a_table = row(line) && (i == 0 || !row(lines[i - 1]));
            assert!(
                !starts_a_table || next.starts_with("|--") || next.starts_with("| --"),
                "{doc}:{}: a table row after a paragraph: {line:?}",
                i + 1
            );
        }
    }
}

#[test]
fn the_command_lines_help_says_what_the_docs_say() {
    let help = assert_cmd::Command::cargo_bin("prebuilt-portal")
        .unwrap()
        .args(["create-room", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(!help.contains("or update"), "{help}");
    assert!(help.contains("without changing it"), "{help}");
}
