//! Incremental ingest: an article stored unchanged by the same extractor is skipped, a
//! changed one replaced, and the store then holds exactly what a clean or forced run
//! writes (checked on every quad, the fingerprints included).

use std::path::Path;

use super::{feed, newskg, temp_store};

const FINGERPRINT: &str = "https://w3id.org/newskg/ontology#extractionFingerprint";

/// Runs `ingest` into `store` and returns its summary line (the last line of stderr).
fn ingest(store: &Path, args: &[&str]) -> String {
    let out = newskg().args(["ingest", "--store", store.to_str().unwrap()]).args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "ingest failed: {stderr}");
    stderr.lines().last().unwrap_or_default().to_owned()
}

/// Every quad of the store, bookkeeping included, as sorted TSV rows.
fn dump(store: &Path) -> String {
    let q = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o";
    let out =
        newskg().args(["query", "--store", store.to_str().unwrap(), "-e", q, "--format", "tsv"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The store's N-Quads export.
fn export(store: &Path) -> String {
    let out = newskg().args(["export", "--store", store.to_str().unwrap(), "--format", "nquads"]).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The number of stored fingerprints.
fn fingerprints(store: &Path) -> usize {
    dump(store).lines().filter(|l| l.contains(FINGERPRINT)).count()
}

/// A folder of `n` JSONL articles and one wire story.
fn corpus(dir: &Path, n: usize) -> std::path::PathBuf {
    let folder = dir.join("articles");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("feed.jsonl"), feed(n)).unwrap();
    std::fs::write(
        folder.join("wire.txt"),
        "GENEVA (AP) — Foreign Minister Ana Ruiz met Prime Minister Tom Hale in Geneva on Tuesday.\n\n\
         \"The talks went well,\" Ruiz said.\n",
    )
    .unwrap();
    folder
}

#[test]
fn a_second_ingest_of_the_same_folder_skips_every_article_and_changes_nothing() {
    let (dir, store) = temp_store();
    let folder = corpus(dir.path(), 20);
    let folder = folder.to_str().unwrap();
    let first = ingest(&store, &[folder]);
    assert!(first.ends_with("21 new, 0 changed, 0 unchanged"), "{first}");
    let before = dump(&store);
    assert_eq!(fingerprints(&store), 21, "one fingerprint per article");
    let second = ingest(&store, &[folder]);
    assert!(second.contains("ingested 21 articles (0 triples)"), "{second}");
    assert!(second.ends_with("0 new, 0 changed, 21 unchanged"), "{second}");
    assert!(dump(&store) == before, "the second run changed the store");
    // Exports and stats leave the bookkeeping out.
    let exported = export(&store);
    assert!(!exported.contains(FINGERPRINT));
    let stats = newskg().args(["stats", "--store", store.to_str().unwrap()]).output().unwrap();
    let stats = String::from_utf8(stats.stdout).unwrap();
    assert!(stats.starts_with("articles\t21\n"), "{stats}");
    assert!(stats.contains(&format!("triples\t{}\n", exported.lines().count())), "{stats}");
}

#[test]
fn an_edited_article_is_replaced_and_the_store_is_what_a_clean_run_gives() {
    let (dir, store) = temp_store();
    let folder = corpus(dir.path(), 10);
    ingest(&store, &[folder.to_str().unwrap()]);
    // A record keeps its id when its text changes (a text file's id is its text's hash).
    let records = folder.join("feed.jsonl");
    let edited = std::fs::read_to_string(&records).unwrap().replace("Roe3 in Paris", "Roe3 in Rome");
    std::fs::write(&records, edited).unwrap();
    let line = ingest(&store, &[folder.to_str().unwrap()]);
    assert!(line.ends_with("0 new, 1 changed, 10 unchanged"), "{line}");
    let clean = dir.path().join("clean");
    ingest(&clean, &[folder.to_str().unwrap()]);
    assert!(dump(&store) == dump(&clean), "the incremental store differs from a clean run's");
    // A metadata change alone (the date a record gives) is a change too.
    let redated = std::fs::read_to_string(&records).unwrap().replacen("2024-11-12", "2024-11-13", 1);
    std::fs::write(&records, redated).unwrap();
    let line = ingest(&store, &[folder.to_str().unwrap()]);
    assert!(line.ends_with("0 new, 1 changed, 10 unchanged"), "{line}");
}

#[test]
fn force_re_extracts_everything_and_writes_the_same_store() {
    let (dir, store) = temp_store();
    let folder = corpus(dir.path(), 5);
    let folder = folder.to_str().unwrap();
    ingest(&store, &[folder]);
    let before = dump(&store);
    let line = ingest(&store, &["--force", folder]);
    assert!(line.ends_with("0 new, 6 changed, 0 unchanged"), "{line}");
    assert!(!line.contains("(0 triples)"), "{line}");
    assert!(dump(&store) == before);
}

#[test]
fn other_rules_or_settings_re_extract_every_article() {
    let (dir, store) = temp_store();
    let folder = corpus(dir.path(), 5);
    let folder = folder.to_str().unwrap();
    ingest(&store, &[folder]);
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(rules.join("lexicons")).unwrap();
    std::fs::write(rules.join("lexicons/common-words.txt"), "zyzzyva\n").unwrap();
    let rules = rules.to_str().unwrap();
    let line = ingest(&store, &["--rules", rules, folder]);
    assert!(line.ends_with("0 new, 6 changed, 0 unchanged"), "{line}");
    let line = ingest(&store, &["--rules", rules, folder]);
    assert!(line.ends_with("0 new, 0 changed, 6 unchanged"), "{line}");
    // Back to the built-in rules, then other settings of the graph.
    let line = ingest(&store, &[folder]);
    assert!(line.ends_with("0 new, 6 changed, 0 unchanged"), "{line}");
    let line = ingest(&store, &["--segments", folder]);
    assert!(line.ends_with("0 new, 6 changed, 0 unchanged"), "{line}");
    // A default date changes only the articles without a date of their own (the wire story).
    let line = ingest(&store, &["--segments", "--date", "2020-01-02", folder]);
    assert!(line.ends_with("0 new, 1 changed, 5 unchanged"), "{line}");
}

#[test]
fn a_removed_article_is_new_again() {
    let (dir, store) = temp_store();
    let folder = corpus(dir.path(), 3);
    let folder = folder.to_str().unwrap();
    ingest(&store, &[folder]);
    let before = dump(&store);
    newskg().args(["remove", "--store", store.to_str().unwrap(), "feed-00001"]).assert().success();
    assert_eq!(fingerprints(&store), 3, "the fingerprint went with the article");
    let line = ingest(&store, &[folder]);
    assert!(line.ends_with("1 new, 0 changed, 3 unchanged"), "{line}");
    assert!(dump(&store) == before);
}

#[test]
fn after_an_update_no_article_is_skipped() {
    let (dir, store) = temp_store();
    let folder = corpus(dir.path(), 3);
    let folder = folder.to_str().unwrap();
    ingest(&store, &[folder]);
    let before = dump(&store);
    // An update that changes one article graph (drops its quotations' rule ids).
    let update = "DELETE WHERE { GRAPH <https://w3id.org/newskg/id/article/feed-00000> { ?s <https://w3id.org/newskg/ontology#rule> ?r } }";
    newskg().args(["update", "--store", store.to_str().unwrap(), "-e", update]).assert().success();
    assert_eq!(fingerprints(&store), 0, "an update can change any graph: no fingerprint is trusted after it");
    let line = ingest(&store, &[folder]);
    assert!(line.ends_with("0 new, 4 changed, 0 unchanged"), "{line}");
    assert!(dump(&store) == before, "the changed graph is restored");
    // A failed update changes nothing, fingerprints included.
    let failing = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } } ; LOAD <file:///nonexistent>";
    newskg().args(["update", "--store", store.to_str().unwrap(), "-e", failing]).assert().failure();
    assert_eq!(fingerprints(&store), 4);
}

#[test]
fn an_article_given_twice_ends_as_its_last_version_as_in_a_forced_run() {
    // The store holds version 1; the input gives version 2 and then version 1 again. A
    // worker may find version 1 stored and judge it unchanged while version 2 is still on
    // its way: the last version must win, as in a run that skips nothing.
    let (dir, store) = temp_store();
    let record = |body: &str| format!("{}\n", serde_json::json!({"id": "twice", "date": "2024-11-12", "body": body}));
    let v1 = record("Mayor Ann Lee met Gov. Bo Kim in Denver on Monday.");
    let one = dir.path().join("one.jsonl");
    std::fs::write(&one, &v1).unwrap();
    ingest(&store, &[one.to_str().unwrap()]);
    let expected = dump(&store); // its header line, then the rows of version 1
    let both = dir.path().join("both.jsonl");
    // Version 2 is long (slow to extract), so version 1 right after it is looked up while
    // version 2 is extracted; then one article three times (the repeats change nothing).
    let long = "Mayor Ann Lee met Sen. Al Roy in Boston on Friday. ".repeat(400);
    let mut lines = record(&long);
    lines.push_str(&v1);
    for _ in 0..3 {
        lines.push_str(&feed(1));
    }
    std::fs::write(&both, lines).unwrap();
    let line = ingest(&store, &["--jobs", "2", both.to_str().unwrap()]);
    assert!(line.ends_with("1 new, 2 changed, 2 unchanged"), "{line}");
    let forced = dir.path().join("forced");
    ingest(&forced, &["--force", both.to_str().unwrap()]);
    let stored = dump(&store);
    assert!(stored == dump(&forced), "the store differs from a forced run's");
    let twice: Vec<&str> = stored.lines().filter(|l| l.contains("/article/twice>")).collect();
    assert!(twice.join("\n") + "\n" == expected.lines().skip(1).collect::<Vec<_>>().join("\n") + "\n");
}
