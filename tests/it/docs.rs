//! The documentation names only what exists: every file path and every Rust item path that
//! `ARCHITECTURE.md` puts in backticks is found in the repository.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file and folder of the repository that the documents may name (build output and
/// version control left out), as paths relative to the root with `/` separators.
fn repository_paths() -> Vec<String> {
    let mut paths = Vec::new();
    let walker = walkdir::WalkDir::new(root()).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        !(name == "target" || name.starts_with('.') && e.depth() > 0)
    });
    for entry in walker.filter_map(Result::ok).filter(|e| e.depth() > 0) {
        let rel = entry.path().strip_prefix(root()).expect("under the root");
        let mut rel = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            rel.push('/');
        }
        paths.push(rel);
    }
    paths
}

/// The Rust sources of `src/`, with their text.
fn sources() -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(root().join("src"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| (e.path().to_owned(), std::fs::read_to_string(e.path()).expect("readable source")))
        .collect()
}

/// The spans of `text` between backticks (inline code).
fn code_spans(text: &str) -> Vec<String> {
    let mut spans = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with("```")) {
        let mut parts = line.split('`');
        parts.next();
        while let (Some(code), Some(_)) = (parts.next(), parts.next()) {
            spans.push(code.to_owned());
        }
    }
    spans
}

const FILE_ENDINGS: &[&str] = &[".rs", ".ttl", ".jsonld", ".html", ".py", ".sh", ".md", ".toml", ".json", ".rq"];

/// Whether `code` names a file or folder (`store/lock.rs`, `extract/`), not a command line
/// or a SPARQL fragment.
fn is_file_path(code: &str) -> bool {
    !code.contains(char::is_whitespace)
        && !code.contains("::")
        && code.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && (FILE_ENDINGS.iter().any(|e| code.ends_with(e)) || code.ends_with('/') && code.len() > 1)
}

/// The Rust item path in `code` (`app::run`, `newskg::extract(&Article, &Rules) -> ...`,
/// `Article::text`), without the crate name and the arguments.
fn item_path(code: &str) -> Option<Vec<&str>> {
    let path = code.split(['(', ' ', '<']).next()?;
    let path = path.strip_prefix("newskg::").unwrap_or(path);
    let segments: Vec<&str> = path.split("::").collect();
    let is_ident = |s: &&str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (segments.len() > 1 && segments.iter().all(is_ident)).then_some(segments)
}

/// Whether `name` is declared in `source` as an item, a field or a variant.
fn declares(source: &str, name: &str) -> bool {
    let words: Vec<&str> = source.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).collect();
    let keywords = ["fn", "struct", "enum", "mod", "const", "static", "type", "trait", "use", "macro_rules"];
    words.windows(2).any(|w| w[1] == name && keywords.contains(&w[0]))
        || source.lines().any(|l| {
            let l = l.trim_start().trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            l.starts_with(&format!("{name}:"))
                || l.starts_with(&format!("{name},"))
                || l.starts_with(&format!("{name} {{"))
                || l.starts_with(&format!("{name}("))
        })
}

#[test]
fn architecture_names_only_files_and_items_that_exist() {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let paths = repository_paths();
    let sources = sources();
    let std_paths = ["std::", "core::", "oxigraph::", "oxrdf::", "sophia::", "clap::"];
    let mut missing = Vec::new();
    for code in code_spans(&doc) {
        if is_file_path(&code) {
            let found = paths.iter().any(|p| p == &code || p.ends_with(&format!("/{code}")));
            if !found {
                missing.push(format!("file {code}"));
            }
        } else if let Some(segments) = item_path(&code) {
            if std_paths.iter().any(|p| code.starts_with(p)) {
                continue;
            }
            let name = segments[segments.len() - 1];
            if !sources.iter().any(|(_, text)| declares(text, name)) {
                missing.push(format!("item {code}"));
            }
        }
    }
    assert!(missing.is_empty(), "ARCHITECTURE.md names what does not exist: {missing:#?}");
}

#[test]
fn the_checks_tell_paths_and_items_apart() {
    assert!(is_file_path("app/ordered.rs") && is_file_path("extract/") && is_file_path("ontologies/newskg.ttl"));
    assert!(!is_file_path("newskg: error: ...") && !is_file_path("GRAPH ?g") && !is_file_path("/"));
    assert_eq!(item_path("newskg::extract(&Article, &Rules) -> Extraction"), None);
    assert_eq!(item_path("app::run"), Some(vec!["app", "run"]));
    assert_eq!(item_path("newskg::rdf::to_quads(&Article)"), Some(vec!["rdf", "to_quads"]));
    assert!(declares("pub fn run(args: Cli) {}", "run") && declares("    pub text: String,", "text"));
    assert!(declares("    InvalidQuery(#[source] SyntaxError),", "InvalidQuery"));
    assert!(!declares("let run = 1; // run", "run"));
}
