//! Integration tests, one binary. Each module is named after what it protects:
//! - `bad_inputs`: binary, non-UTF-8, empty, huge and hostile inputs give one-line errors
//!   naming them, and the rest of the batch is stored;
//! - `cli`: the command line (inputs, errors and exit codes, store commands);
//! - `concurrent_use`: one writer at a time (refused with its PID), readers meanwhile;
//! - `crash_safety`: an ingest killed mid-batch leaves whole articles, a rerun completes it;
//! - `docs`: `ARCHITECTURE.md` names only files and items that exist;
//! - `entities`: entity names (areas, clubs, generated gazetteers) on written sentences;
//! - `events`: event triggers (lemma inflections, their constraints) and statement speakers
//!   on sentences written for them, with negative cases;
//! - `formats`: every export format re-parses to the same triples;
//! - `html`: saved HTML pages as input (metadata, body text, offsets);
//! - `identity`: entity IRIs across articles (global for full names, scoped for one word);
//! - `incremental`: ingest skips articles stored unchanged, and the store is then what a
//!   clean or forced run writes;
//! - `jsonld`: the compacted JSON-LD export and its context;
//! - `labels`: entity labels and alternative labels that differ only in case;
//! - `golden`: extraction output of the fixtures, byte for byte (`UPDATE_GOLDEN=1`);
//! - `invariants`: the extract-path invariants shared with the fuzz targets (`fuzz/`);
//! - `ontology`: every term the code emits is declared in `ontologies/newskg.ttl`;
//! - `posts`: posts held (titles, appositions, roles, status) on sentences written for them;
//! - `props`: property tests of names and quotes in RDF, the readers and IRI minting;
//! - `queries`: each ready-made query's rows over the fixtures;
//! - `readers`: scraper records (news-please, trafilatura, newspaper4k), web archives of
//!   real saved pages, articles not in English;
//! - `rules`: each rule family on minimal sentences, with negative cases;
//! - `quotes`: quotation speakers on minimal sentences, with negative cases;
//! - `push`: `newskg push` to a real store and to a scripted server (retries, auth);
//! - `search`: word search, the word index kept in step, stale detection, `reindex`;
//! - `serve`: `newskg serve` over real HTTP (SPARQL Protocol, Graph Store Protocol);
//! - `shell`: help examples, shell completions, the man page;
//! - `typing`: a name's class (head words, cues, venues, outlets) and person names linked
//!   across initials and suffixes, on sentences written for them, with negative cases;
//! - `validate`: SHACL validation of the output and of broken data.

mod acronyms;
mod bad_inputs;
mod cli;
mod concurrent_use;
mod crash_safety;
mod docs;
mod entities;
mod event_args;
mod event_voice;
mod events;
mod formats;
mod golden;
mod html;
mod identity;
mod incremental;
mod invariants;
mod jsonld;
mod labels;
mod name_edges;
mod names;
mod ontology;
mod posts;
mod posts_joined;
mod posts_near;
mod posts_owner;
mod props;
mod push;
mod queries;
mod quotes;
mod quotes_described;
mod readers;
mod rules;
mod search;
mod serve;
mod shell;
mod sources_cited;
mod sources_findings;
mod speakers;
mod typing;
mod typing_cues;
mod validate;

use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use newskg::article::read_plain;
use newskg::extract::Extraction;
use newskg::{extract, Rules};

/// The built-in rules, loaded once for every test that extracts from sentences.
pub fn builtin_rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("built-in rules load"))
}

/// The extraction of `text` read as a plain-text article, with the built-in rules.
pub fn extract_text(text: &str) -> Extraction {
    extract(&read_plain("test", text.to_owned()), builtin_rules())
}

/// The labels of every source cited in `text` (named or anonymous), sorted and without
/// repeats.
pub fn cited_sources(text: &str) -> Vec<String> {
    let ex = extract_text(text);
    let mut out: Vec<String> = ex
        .attributions
        .iter()
        .map(|a| match a.source {
            newskg::extract::Source::Entity(e) => ex.entities[e].label.clone(),
            newskg::extract::Source::Anonymous(i) => ex.anonymous_sources[i].label.clone(),
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The speaker of each quotation in `text`, in text order: a label, "anonymous" or "none".
pub fn quote_speakers(text: &str) -> Vec<String> {
    let ex = extract_text(text);
    ex.quotes
        .iter()
        .map(|q| match &q.speaker {
            Some(newskg::extract::Speaker::Entity(e)) => ex.entities[*e].label.clone(),
            Some(newskg::extract::Speaker::Anonymous(_)) => "anonymous".to_owned(),
            None => "none".to_owned(),
        })
        .collect()
}

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

/// The path of the `newskg` binary, for tests that start it as a child process.
pub fn newskg_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("newskg")
}

/// `n` small JSONL articles, each with a title, names, a meeting and a quotation.
pub fn feed(n: usize) -> String {
    (0..n)
        .map(|i| {
            let body = format!(
                "Sen. Jane Doe{i} met Mayor John Roe{i} in Paris on Monday. \"We agreed on item {i},\" Doe{i} said."
            );
            format!("{}\n", serde_json::json!({"id": format!("feed-{i:05}"), "date": "2024-11-12", "body": body}))
        })
        .collect()
}

/// The number of articles in a store, as `newskg stats` reads it (`None` when it cannot
/// be read yet).
pub fn stored_articles(store: &Path) -> Option<u64> {
    let out = newskg().args(["stats", "--store", store.to_str().unwrap()]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    out.status.success().then(|| stdout.lines().next()?.strip_prefix("articles\t")?.parse().ok()).flatten()
}

/// A child process killed when dropped (so a failed test leaves no writer behind).
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until the writer has paused in the store `store` (its test hook's file is there);
/// fails if the writer ends first or nothing happens for five minutes.
pub fn wait_for_pause(writer: &mut Child, store: &Path) {
    let paused = store.join(newskg::store::PAUSED_FILE);
    let started = Instant::now();
    while !paused.exists() {
        if let Some(status) = writer.try_wait().unwrap() {
            panic!("the writer ended ({status}) before it paused");
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the writer did not pause within five minutes");
        std::thread::sleep(Duration::from_millis(10));
    }
}
