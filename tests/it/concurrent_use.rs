//! Concurrent use of one store: one writer or any number of readers (Oxigraph reading a
//! store that another process writes can crash), each refused with a one-line error that
//! names the other process; the lock goes with the process and a leftover lock file does
//! not block.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;

use newskg::store::{BATCH_ARTICLES_VAR, PAUSED_FILE, PAUSE_IN_BATCH_VAR};

use super::{feed, fixture, newskg, newskg_path, stored_articles, temp_store, wait_for_pause, KillOnDrop};

const WRITING: &str = "that is writing it";

/// Waits (five minutes at most) until a reader is refused because a writer holds the store.
fn wait_for_writer(store: &std::path::Path) {
    let started = Instant::now();
    loop {
        let out = newskg().args(["stats", "--store", store.to_str().unwrap()]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains(WRITING) {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the writer did not take the store: {err}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_second_writer_and_readers_are_refused_with_the_pid_of_the_writer() {
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
    wait_for_writer(&store);

    let in_use = format!("store in use by another newskg process (PID {})", writer.id());
    for (args, writing) in [
        (vec!["ingest", "--store", s, fixture("wire-summit.txt").to_str().unwrap()], false),
        (vec!["remove", "--store", s, "single-1"], false),
        (vec!["update", "--store", s, "-e", "CLEAR ALL"], false),
        (vec!["query", "--store", s, "-e", "ASK { ?s ?p ?o }"], true),
        (vec!["stats", "--store", s], true),
        (vec!["export", "--store", s, "--format", "nquads"], true),
    ] {
        let out = newskg().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(&format!("newskg: error: store {s}: {in_use}")), "{err}");
        assert_eq!(err.contains(WRITING), writing, "{err}");
    }

    drop(stdin);
    let out = writer.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The live article was stored, and the lock went with the writer.
    assert_eq!(stored_articles(&store), Some(2));
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
    newskg().args(["ingest", "--store", s]).arg(fixture("wire-summit.txt")).assert().success();
    assert_eq!(stored_articles(&store), Some(3));
}

#[test]
fn readers_share_the_store_and_keep_writers_out() {
    use newskg::store::Store;
    let (_dir, store) = temp_store();
    let s = store.to_str().unwrap();
    // The store is made by another process: a writer's lock taken and dropped in this
    // process could live on for a moment in a child that another test thread is forking
    // (the lock belongs to the open file, which the child shares until it execs).
    newskg().args(["ingest", "--store", s]).arg(fixture("wire-summit.txt")).assert().success();
    let first = Store::open_read_only(&store).expect("a reader opens");
    let second = Store::open_read_only(&store).expect("readers share the store");
    newskg().args(["stats", "--store", s]).assert().success();
    let out = newskg().args(["ingest", "--store", s]).arg(fixture("record.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("in use by other newskg processes that are reading it"), "{err}");
    drop((first, second));
    newskg().args(["ingest", "--store", s]).arg(fixture("record.json")).assert().success();
}

#[test]
fn queries_during_an_ingest_are_refused_cleanly_and_see_everything_after() {
    const N: usize = 3000;
    let (dir, store) = temp_store();
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, feed(N)).unwrap();
    let s = store.to_str().unwrap();
    // The writer pauses in the middle of its second batch (the loader's test hook), so at
    // least one query certainly meets it, however busy the machine.
    let mut writer = KillOnDrop(
        Command::new(newskg_path())
            .args(["ingest", "--store", s])
            .arg(&input)
            .env(PAUSE_IN_BATCH_VAR, "2")
            .env(BATCH_ARTICLES_VAR, "1000")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/newskg/ontology#Article> }";
    let query = || {
        let out = newskg().args(["query", "--store", s, "-e", count, "--format", "csv"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        // Never a crash: a clear refusal, or the store not made yet, or a count.
        match out.status.code() {
            Some(2) if err.contains(WRITING) => true,
            Some(2) if err.contains("no store here") => false,
            Some(0) => false,
            other => panic!("query during ingest ended with {other:?}: {err}"),
        }
    };
    let paused = store.join(PAUSED_FILE);
    while !paused.exists() && writer.0.try_wait().unwrap().is_none() {
        query();
    }
    wait_for_pause(&mut writer.0, &store);
    assert!(query(), "a query while the writer holds the store is refused");
    std::fs::remove_file(&paused).unwrap();
    while writer.0.try_wait().unwrap().is_none() {
        query();
    }
    assert!(writer.0.wait().unwrap().success());
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
    let err = Store::open_read_only(&path).err().expect("a reader is refused while the writer holds the store");
    assert!(err.to_string().contains("that is writing it"), "{err}");
    drop(writer);
    // Other tests of this binary spawn processes: between fork and exec a child shares the
    // lock file's open description (and so its lock) for a moment. Opens that must succeed
    // are therefore tried for up to 10 s; the refusals above are immediate either way.
    fn soon<T, E: std::fmt::Display>(what: &str, open: impl Fn() -> Result<T, E>) -> T {
        let start = std::time::Instant::now();
        loop {
            match open() {
                Ok(store) => return store,
                Err(e) if start.elapsed() > std::time::Duration::from_secs(10) => panic!("{what}: {e}"),
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
    }
    let open_soon = |what: &str| soon(what, || Store::open(&path));
    drop(open_soon("the lock went with the writer"));
    let reader = soon("a reader opens after the writer", || Store::open_read_only(&path));
    assert_eq!(reader.stats().unwrap().articles, 0);
    drop(reader);
    // A lock file left by a writer that died is no obstacle.
    std::fs::write(path.join(LOCK_FILE), "999999999\n").unwrap();
    drop(open_soon("a stale lock file does not block"));
    std::fs::write(path.join(LOCK_FILE), "garbage").unwrap();
    drop(open_soon("a garbled lock file does not block"));
}
