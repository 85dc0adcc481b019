//! The code's layers point one way (README, "How the code is laid out"): each module may use only
//! the modules below it, and only the web layer, startup and the emulator (its own small server)
//! know actix-web. Read from the source, so a stray `use` fails here before review.

use std::path::{Path, PathBuf};

/// Bottom to top; a module may use those with a lower rank.
const LAYERS: [(&str, u8); 12] = [
    ("domain", 0),
    ("settings", 1),
    ("telemetry", 2),
    ("store", 3),
    ("hms", 3),
    ("emulator", 4),
    ("resolver", 5),
    ("portal", 6),
    ("web", 7),
    ("startup", 8),
    ("cli", 9),
    ("main", 10),
];

/// Layers that are not an HTTP server and must not know actix-web.
const WITHOUT_ACTIX: [&str; 7] = [
    "domain",
    "settings",
    "telemetry",
    "store",
    "hms",
    "resolver",
    "portal",
];

fn rank(module: &str) -> Option<u8> {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, r)| *r)
}

/// The Rust files of a module: `src/<name>.rs` or everything under `src/<name>/`.
fn files_of(module: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let single = src.join(format!("{module}.rs"));
    if single.is_file() {
        return vec![single];
    }
    let mut files = Vec::new();
    let mut folders = vec![src.join(module)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    assert!(!files.is_empty(), "no source files for {module}");
    files
}

/// Top-level modules named as `crate::<name>`, `crate::{a, b::c}` (or with `prebuilt_portal::`
/// from main.rs); not inside a string such as a log target.
fn modules_used(source: &str) -> Vec<String> {
    let name = |text: &str| -> String {
        text.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut used = Vec::new();
    let code = source.lines().filter(|l| !l.trim_start().starts_with("//"));
    for line in code {
        for prefix in ["crate::", "prebuilt_portal::"] {
            for (at, _) in line.match_indices(prefix) {
                if line[..at].matches('"').count() % 2 == 1 {
                    continue;
                }
                let rest = &line[at + prefix.len()..];
                match rest.strip_prefix('{') {
                    Some(group) => {
                        let group = group.split('}').next().unwrap_or("");
                        used.extend(group.split(',').map(name).filter(|n| !n.is_empty()));
                    }
                    None => used.push(name(rest)),
                }
            }
        }
    }
    used
}

#[test]
fn every_layer_uses_only_the_layers_below_it() {
    let mut violations = Vec::new();
    for (module, own_rank) in LAYERS {
        for file in files_of(module) {
            let source = std::fs::read_to_string(&file).unwrap();
            for used in modules_used(&source) {
                if used == module {
                    continue;
                }
                match rank(&used) {
                    Some(rank) if rank < own_rank => {}
                    _ => violations.push(format!("{} uses {used}", file.display())),
                }
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn only_the_web_layer_startup_and_the_emulator_know_actix_web() {
    let mut violations = Vec::new();
    for module in WITHOUT_ACTIX {
        for file in files_of(module) {
            let source = std::fs::read_to_string(&file).unwrap();
            if source.contains("actix") {
                violations.push(file.display().to_string());
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn the_layer_check_notices_an_upward_import() {
    assert_eq!(modules_used("use crate::web::state::AppState;"), ["web"]);
    assert_eq!(
        modules_used("use prebuilt_portal::{cli, startup::Application};"),
        ["cli", "startup"]
    );
    assert!(modules_used(r#"target: "prebuilt_portal::access""#).is_empty());
    assert!(rank("web") > rank("portal"));
    assert_eq!(rank("nonexistent"), None);
}

/// The web layer and the CLI reach 100ms, the resolver and the emulator only through the
/// portal's services (startup, which wires them, may).
const BEHIND_THE_PORTAL: [&str; 3] = ["resolver", "hms", "emulator"];

#[test]
fn the_web_layer_and_the_cli_go_through_the_portal() {
    let mut violations = Vec::new();
    for module in ["web", "cli"] {
        for file in files_of(module) {
            let source = std::fs::read_to_string(&file).unwrap();
            for used in modules_used(&source) {
                if BEHIND_THE_PORTAL.contains(&used.as_str()) {
                    violations.push(format!("{} uses {used}", file.display()));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn main_only_starts_the_command_line() {
    let main =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap();
    assert!(
        main.lines().count() <= 30,
        "src/main.rs is {} lines",
        main.lines().count()
    );
}
