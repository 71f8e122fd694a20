//! Crash safety: `newskg ingest` killed with SIGKILL in the middle of a batch, or right after
//! one is committed, leaves a store that opens, holds only the whole articles of the batches
//! committed before, and after a second run holds exactly what a clean run gives (same
//! N-Quads export, byte for byte).
//!
//! The moment of the kill is not a guess at timing: the loader's hidden test hooks
//! (`NEWSKG_TEST_PAUSE_IN_BATCH=N`: in the middle of its Nth batch, part of it handed to
//! Oxigraph's bulk loader, nothing of it committed; `NEWSKG_TEST_PAUSE_AFTER_BATCH=N`: right
//! after the Nth batch is committed) stop the writer and create a file in the store folder;
//! the test waits for that file, then kills the writer. So the test passes or fails the
//! same way on an idle machine and on a busy one. The batches are made small with
//! `NEWSKG_TEST_BATCH_ARTICLES` (a real batch is millions of quads).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};

use oxigraph::io::{RdfFormat, RdfParser};

use newskg::store::{BATCH_ARTICLES_VAR, PAUSED_FILE, PAUSE_AFTER_BATCH_VAR, PAUSE_IN_BATCH_VAR};

use super::{feed, newskg, newskg_path, temp_store, wait_for_pause, KillOnDrop};

/// Articles per batch of the store's bulk loader (set with its test hook).
const BATCH: usize = 1000;

/// The store's N-Quads export.
fn export(store: &Path) -> Vec<u8> {
    let out = newskg().args(["export", "--store", store.to_str().unwrap(), "--format", "nquads"]).output().unwrap();
    assert!(out.status.success(), "export after the crash: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The quads of an export by graph, as N-Quads strings.
fn by_graph(nquads: &[u8]) -> BTreeMap<String, BTreeSet<String>> {
    let mut graphs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads) {
        let q = q.expect("the export parses");
        graphs.entry(q.graph_name.to_string()).or_default().insert(q.to_string());
    }
    graphs
}

/// Ingests `N` articles, killed where the test hook `pause_var` (with `batch`) stops the
/// writer; checks that the store holds exactly the articles of the first `committed`
/// batches, whole, and that a second run completes it as a clean run does.
fn killed_and_resumed(pause_var: &str, batch: usize, committed: usize) {
    const N: usize = 4 * BATCH;
    let (dir, clean) = temp_store();
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, feed(N)).unwrap();
    newskg()
        .args(["ingest", "--store", clean.to_str().unwrap()])
        .arg(&input)
        .env(BATCH_ARTICLES_VAR, BATCH.to_string())
        .assert()
        .success();
    let reference = export(&clean);
    let reference_graphs = by_graph(&reference);
    assert_eq!(reference_graphs.len(), N);

    let crashed = dir.path().join("crashed");
    let mut writer = KillOnDrop(
        Command::new(newskg_path())
            .args(["ingest", "--store", crashed.to_str().unwrap()])
            .arg(&input)
            .env(pause_var, batch.to_string())
            .env(BATCH_ARTICLES_VAR, BATCH.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for_pause(&mut writer.0, &crashed);
    writer.0.kill().unwrap(); // SIGKILL
    assert!(writer.0.wait().unwrap().code().is_none(), "killed by a signal");
    std::fs::remove_file(crashed.join(PAUSED_FILE)).unwrap();

    // The store opens, and holds exactly the articles of the batches committed before.
    let after_crash = by_graph(&export(&crashed));
    assert_eq!(after_crash.len(), committed * BATCH, "the committed batches, whole, and nothing else");
    for (graph, quads) in &after_crash {
        assert_eq!(Some(quads), reference_graphs.get(graph), "{graph} is not whole");
    }
    // A second run (with the default batches) opens the store for writing and completes it.
    newskg().args(["ingest", "--store", crashed.to_str().unwrap()]).arg(&input).assert().success();
    assert!(export(&crashed) == reference, "the store differs from a clean run's");
}

#[test]
fn an_ingest_killed_mid_batch_leaves_whole_articles_and_a_rerun_completes_it() {
    // Killed in the middle of its third batch: the first two are in the store.
    killed_and_resumed(PAUSE_IN_BATCH_VAR, 3, 2);
}

#[test]
fn an_ingest_killed_right_after_a_commit_keeps_that_batch() {
    // Killed right after its second batch was committed, before the third began.
    killed_and_resumed(PAUSE_AFTER_BATCH_VAR, 2, 2);
}
