//! Integration tests, one binary. Each module is named after what it protects:
//! - `cli`: the command line (inputs, errors and exit codes, store commands);
//! - `formats`: every export format re-parses to the same triples;
//! - `html`: saved HTML pages as input (metadata, body text, offsets);
//! - `jsonld`: the compacted JSON-LD export and its context;
//! - `golden`: extraction output of the fixtures, byte for byte (`UPDATE_GOLDEN=1`);
//! - `ontology`: every term the code emits is declared in `ontologies/newskg.ttl`;
//! - `queries`: each ready-made query's rows over the fixtures;
//! - `rules`: each rule family on minimal sentences, with negative cases;
//! - `push`: `newskg push` to a real store and to a scripted server (retries, auth);
//! - `serve`: `newskg serve` over real HTTP (SPARQL Protocol, Graph Store Protocol);
//! - `shell`: help examples, shell completions, the man page;
//! - `validate`: SHACL validation of the output and of broken data.

mod cli;
mod formats;
mod golden;
mod html;
mod jsonld;
mod ontology;
mod push;
mod queries;
mod rules;
mod serve;
mod shell;
mod validate;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `newskg` binary under test.
pub fn newskg() -> Command {
    let mut c = Command::cargo_bin("newskg").expect("binary builds");
    c.env_remove("NEWSKG_STORE");
    c
}

/// A file of `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The N-Quads lines of an `extract` run, sorted.
pub fn extract_nquads(args: &[&str]) -> Vec<String> {
    let out = newskg().arg("extract").args(args).args(["--format", "nquads"]).output().expect("runs");
    assert!(out.status.success(), "extract failed: {}", String::from_utf8_lossy(&out.stderr));
    let mut lines: Vec<String> = String::from_utf8(out.stdout).expect("utf-8").lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

/// A fresh store folder inside a temporary directory.
pub fn temp_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    (dir, store)
}
