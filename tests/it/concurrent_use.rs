//! Concurrent use of one store: one writer at a time, refused with the writer's PID in a
//! one-line error; queries, stats and exports run while a writer holds the store; the lock
//! goes with the process and a leftover lock file does not block.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;

use super::{feed, fixture, newskg, newskg_path, stored_articles, temp_store};

/// Waits (two minutes at most) until the store holds `n` articles.
fn wait_for_articles(store: &std::path::Path, n: u64) {
    let started = Instant::now();
    while stored_articles(store) != Some(n) {
        assert!(started.elapsed() < Duration::from_secs(120), "the writer did not store {n} articles");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_second_writer_is_refused_with_the_pid_of_the_first_and_readers_go_on() {
    let (_dir, store) = temp_store();
    let s = store.to_str().unwrap();
    newskg().args(["ingest", "--store", s]).arg(fixture("record.json")).assert().success();
    // A writer that holds the store while it waits for more input on stdin.
    let mut writer = Command::new(newskg_path())
        .args(["ingest", "--store", s, "-", "--input-format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = writer.stdin.take().unwrap();
    writeln!(stdin, r#"{{"id": "live-1", "body": "Sen. Jane Doe met Mayor John Roe in Paris."}}"#).unwrap();
    stdin.flush().unwrap();
    wait_for_articles(&store, 2);

    let in_use = format!("store in use by another newskg process (PID {})", writer.id());
    for args in [
        vec!["ingest", "--store", s, fixture("wire-summit.txt").to_str().unwrap()],
        vec!["remove", "--store", s, "single-1"],
        vec!["update", "--store", s, "-e", "CLEAR ALL"],
    ] {
        let out = newskg().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(&format!("newskg: error: store {s}: {in_use}")), "{err}");
    }
    // Readers work meanwhile.
    newskg()
        .args([
            "query",
            "--store",
            s,
            "-e",
            "ASK { ?a <https://schema.org/identifier> \"live-1\" }",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("true"));
    newskg().args(["stats", "--store", s]).assert().success().stdout(predicate::str::contains("articles\t2\n"));
    newskg().args(["export", "--store", s, "--format", "nquads"]).assert().success();

    drop(stdin);
    let out = writer.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The lock went with the writer.
    newskg().args(["ingest", "--store", s]).arg(fixture("wire-summit.txt")).assert().success();
    wait_for_articles(&store, 3);
}

#[test]
fn queries_run_while_an_ingest_is_in_progress() {
    const N: usize = 3000;
    let (dir, store) = temp_store();
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, feed(N)).unwrap();
    let s = store.to_str().unwrap();
    let mut writer = Command::new(newskg_path())
        .args(["ingest", "--store", s])
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/newskg/ontology#Article> }";
    let (mut during, mut last) = (0, 0u64);
    while writer.try_wait().unwrap().is_none() {
        let out = newskg().args(["query", "--store", s, "-e", count, "--format", "csv"]).output().unwrap();
        if out.status.code() == Some(2) && String::from_utf8_lossy(&out.stderr).contains("no store here") {
            continue; // the writer has not created the store yet
        }
        let still_writing = writer.try_wait().unwrap().is_none();
        assert!(out.status.success(), "query during ingest: {}", String::from_utf8_lossy(&out.stderr));
        let n: u64 = String::from_utf8(out.stdout).unwrap().lines().nth(1).unwrap().trim().parse().unwrap();
        assert!(n >= last, "the count went down from {last} to {n}");
        last = n;
        if still_writing {
            during += 1;
        }
    }
    assert!(writer.wait().unwrap().success());
    assert!(during >= 2, "only {during} queries ran while the ingest was running");
    assert_eq!(stored_articles(&store), Some(N as u64));
}

#[test]
fn the_lock_is_taken_by_store_open_and_released_on_drop() {
    use newskg::store::{Store, LOCK_FILE};
    let (_dir, path) = temp_store();
    let writer = Store::open(&path).unwrap();
    let pid = std::fs::read_to_string(path.join(LOCK_FILE)).unwrap();
    assert_eq!(pid.trim(), std::process::id().to_string());
    let err = Store::open(&path).err().expect("a second writer is refused").to_string();
    assert!(err.contains(&format!("store in use by another newskg process (PID {})", std::process::id())), "{err}");
    writer.flush().unwrap();
    let reader = Store::open_read_only(&path).expect("a reader opens while the writer holds the store");
    assert_eq!(reader.stats().unwrap().articles, 0);
    drop(writer);
    drop(Store::open(&path).expect("the lock went with the writer"));
    // A lock file left by a writer that died is no obstacle.
    std::fs::write(path.join(LOCK_FILE), "999999999\n").unwrap();
    drop(Store::open(&path).expect("a stale lock file does not block"));
    std::fs::write(path.join(LOCK_FILE), "garbage").unwrap();
    drop(Store::open(&path).expect("a garbled lock file does not block"));
}
