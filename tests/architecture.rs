//! The shape of the house: the core crate has no GUI dependency, and no two
//! modules of a crate import each other, directly or round a longer loop
//! (read from the `crate::` paths of each module's code, comments left out).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Crates a GUI brings in; none may be a dependency of the core. (The
/// `image` codecs are no GUI: the core reads the page picture to check the
/// marks an engine read, `picture::stops_inked`.)
const GUI_CRATES: [&str; 9] = [
    "eframe",
    "egui",
    "epaint",
    "winit",
    "glow",
    "wgpu",
    "rfd",
    "arboard",
    "accesskit",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/edit/flip.rs` → `edit`);
/// `None` for the crate root and the binary.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The modules a file's code names as `crate::module`, comments and
/// strings-in-comments left out.
fn imports(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut in_test = false;
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("#[cfg(test)]") {
            // Unit tests may reach anywhere.
            in_test = true;
        }
        if in_test || line.starts_with("//") {
            continue;
        }
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
            // `use crate::{a, b::c}`: every module of the group.
            if let Some(group) = rest.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or("");
                for part in group.split(',') {
                    let name: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.insert(name);
                    }
                }
            }
        }
    }
    out
}

/// Module → the modules it imports, for the crate whose sources are in
/// `src`.
fn import_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(src, f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(src, file) else {
            continue;
        };
        let code = std::fs::read_to_string(file).expect("a readable source file");
        let entry = graph.entry(module.clone()).or_default();
        for m in imports(&code) {
            if m != module && modules.contains(&m) {
                entry.insert(m);
            }
        }
    }
    graph
}

/// Every loop of imports, each as the modules on it in order.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        at: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(i) = path.iter().position(|m| m == at) {
            found.push(path[i..].to_vec());
            return;
        }
        if done.contains(at) {
            return;
        }
        path.push(at.to_owned());
        for next in graph.get(at).into_iter().flatten() {
            walk(graph, next, path, done, found);
        }
        path.pop();
        done.insert(at.to_owned());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        walk(graph, m, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

#[test]
fn imports_are_read_from_code_not_comments() {
    let code = "use crate::page::{Span, Role};\nuse crate::{io, fixture::Fixture};\n\
                // crate::app is only mentioned\n/// [`crate::ui`] in a doc\n\
                let x = crate::find::next(); // crate::queue\n\
                #[cfg(test)]\nmod tests { use crate::saver; }\n";
    let found: Vec<String> = imports(code).into_iter().collect();
    assert_eq!(found, ["find", "fixture", "io", "page"]);
    let mut g = BTreeMap::new();
    g.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    g.insert("b".to_owned(), BTreeSet::from(["c".to_owned()]));
    g.insert("c".to_owned(), BTreeSet::from(["a".to_owned()]));
    assert_eq!(
        cycles(&g),
        [vec!["a", "b", "c"]],
        "a loop of three is found"
    );
    g.insert("c".to_owned(), BTreeSet::new());
    assert!(cycles(&g).is_empty());
}

#[test]
fn no_module_of_the_core_imports_one_that_imports_it() {
    let graph = import_graph(&root().join("crates/proofdesk-core/src"));
    assert!(graph.len() >= 15, "the core's modules are read: {graph:?}");
    assert!(graph["segment"].contains("layout"), "edges are read");
    let found = cycles(&graph);
    assert!(found.is_empty(), "import cycles in the core: {found:?}");
}

#[test]
fn the_core_has_no_gui_dependency() {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--package",
            "proofdesk-core",
            "--edges",
            "normal",
            "--prefix",
            "none",
        ])
        .current_dir(root())
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let crates: BTreeSet<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(crates.contains("proofdesk-core") && crates.contains("serde_json"));
    let gui: Vec<&&str> = GUI_CRATES.iter().filter(|c| crates.contains(**c)).collect();
    assert!(gui.is_empty(), "the core depends on {gui:?}");
}
#[test]
fn no_module_of_the_desk_imports_one_that_imports_it() {
    let graph = import_graph(&root().join("src"));
    assert!(graph.contains_key("app") && graph.contains_key("ui"));
    let found = cycles(&graph);
    assert!(found.is_empty(), "import cycles in the desk: {found:?}");
}
