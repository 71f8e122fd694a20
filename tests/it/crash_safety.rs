//! Crash safety: `newskg ingest` killed with SIGKILL in the middle of a batch leaves a store
//! that opens, holds only the whole articles of the batches committed before, and after a
//! second run holds exactly what a clean run gives (same N-Quads export, byte for byte).
//!
//! The moment of the kill is not a guess at timing: the loader's hidden test hook
//! (`NEWSKG_TEST_PAUSE_IN_BATCH=N`) stops the writer in the middle of its Nth batch (half
//! of it handed to Oxigraph's bulk loader, nothing of it committed) and creates a file in
//! the store folder; the test waits for that file, then kills the writer. So the test
//! passes or fails the same way on an idle machine and on a busy one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};

use oxigraph::io::{RdfFormat, RdfParser};

use newskg::store::{PAUSED_FILE, PAUSE_IN_BATCH_VAR};

use super::{feed, newskg, newskg_path, temp_store, wait_for_pause, KillOnDrop};

/// Articles per batch of the store's bulk loader.
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

#[test]
fn an_ingest_killed_mid_batch_leaves_whole_articles_and_a_rerun_completes_it() {
    const N: usize = 4 * BATCH;
    const KILLED_IN_BATCH: usize = 3;
    let (dir, clean) = temp_store();
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, feed(N)).unwrap();
    newskg().args(["ingest", "--store", clean.to_str().unwrap()]).arg(&input).assert().success();
    let reference = export(&clean);
    let reference_graphs = by_graph(&reference);
    assert_eq!(reference_graphs.len(), N);

    // A second run, killed in the middle of its third batch.
    let crashed = dir.path().join("crashed");
    let mut writer = KillOnDrop(
        Command::new(newskg_path())
            .args(["ingest", "--store", crashed.to_str().unwrap()])
            .arg(&input)
            .env(PAUSE_IN_BATCH_VAR, KILLED_IN_BATCH.to_string())
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
    assert_eq!(after_crash.len(), (KILLED_IN_BATCH - 1) * BATCH, "the committed batches, whole, and nothing else");
    for (graph, quads) in &after_crash {
        assert_eq!(Some(quads), reference_graphs.get(graph), "{graph} is not whole");
    }
    // A second run opens the store for writing and completes it.
    newskg().args(["ingest", "--store", crashed.to_str().unwrap()]).arg(&input).assert().success();
    assert!(export(&crashed) == reference, "the store differs from a clean run's");
}
