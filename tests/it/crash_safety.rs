//! Crash safety: `newskg ingest` killed with SIGKILL in the middle of a large batch leaves
//! a store that opens, holds only whole articles, and after a second run holds exactly
//! what a clean run gives (same N-Quads export, byte for byte).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use oxigraph::io::{RdfFormat, RdfParser};

use super::{feed, newskg, newskg_path, temp_store};

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
    const N: usize = 4000;
    let (dir, clean) = temp_store();
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, feed(N)).unwrap();
    let started = Instant::now();
    newskg().args(["ingest", "--store", clean.to_str().unwrap()]).arg(&input).assert().success();
    let clean_run = started.elapsed();
    let reference = export(&clean);
    let reference_graphs = by_graph(&reference);
    assert_eq!(reference_graphs.len(), N);

    // Kill a second run part-way. Readers cannot look while the writer holds the store,
    // so the moment is a share of the clean run's time; try later moments until the kill
    // leaves some articles but not all (batches are committed every 1,000 articles).
    let crashed = dir.path().join("crashed");
    let mut after_crash = BTreeMap::new();
    for share in [0.5, 0.65, 0.8, 0.9, 0.95] {
        let _ = std::fs::remove_dir_all(&crashed);
        let mut child = Command::new(newskg_path())
            .args(["ingest", "--store", crashed.to_str().unwrap()])
            .arg(&input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(clean_run.mul_f64(share));
        if child.try_wait().unwrap().is_some() {
            continue; // finished already
        }
        child.kill().unwrap(); // SIGKILL
        assert!(child.wait().unwrap().code().is_none(), "killed by a signal");
        // The store opens, and every article in it is whole.
        after_crash = by_graph(&export(&crashed));
        if !after_crash.is_empty() && after_crash.len() < N {
            break;
        }
    }
    assert!(!after_crash.is_empty() && after_crash.len() < N, "no kill left part of the batch");
    for (graph, quads) in &after_crash {
        assert_eq!(Some(quads), reference_graphs.get(graph), "{graph} is not whole");
    }
    // A second run opens the store for writing and completes it.
    newskg().args(["ingest", "--store", crashed.to_str().unwrap()]).arg(&input).assert().success();
    assert!(export(&crashed) == reference, "the store differs from a clean run's");
}
