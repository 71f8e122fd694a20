//! Word search: `newskg search`, `reindex`, the word index kept in step with ingest and
//! remove, stale detection after updates and crashes, and the word filters of the
//! ready-made queries.

use std::path::Path;
use std::process::Stdio;

use predicates::prelude::PredicateBooleanExt;

use super::{feed, newskg, newskg_path, temp_store, wait_for_pause, KillOnDrop};

/// Two articles of our own: names with accents and apostrophes, a quotation.
fn articles() -> String {
    let a = serde_json::json!({
        "id": "tariff-talk", "date": "2024-11-12", "title": "Ministers weigh new tariffs",
        "body": "Finance Minister Karl Müller met Sen. Maria O'Brien in Berlin on Monday. \
                 \"The tariff on steel stays until spring,\" Müller said. Trade groups were not consulted."
    });
    let b = serde_json::json!({
        "id": "harbour", "date": "2024-11-13", "title": "Harbour reopens",
        "body": "Mayor Lena Fischer reopened the harbour in Hamburg on Tuesday. \
                 \"Ships are welcome again,\" Fischer said."
    });
    format!("{a}\n{b}\n")
}

fn ingest(store: &Path, jsonl: &str) {
    let dir = store.parent().unwrap();
    let input = dir.join(format!("in-{}.jsonl", jsonl.len()));
    std::fs::write(&input, jsonl).unwrap();
    newskg().args(["ingest", "--store", store.to_str().unwrap()]).arg(&input).assert().success();
}

/// `newskg search` with these arguments: (stdout lines, stderr).
fn search(store: &Path, args: &[&str]) -> (Vec<String>, String) {
    let out = newskg().args(["search", "--store", store.to_str().unwrap()]).args(args).output().unwrap();
    assert!(out.status.success(), "search {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    (stdout.lines().map(str::to_owned).collect(), String::from_utf8(out.stderr).unwrap())
}

/// The article ids of the hits of a search.
fn articles_found(store: &Path, args: &[&str]) -> Vec<String> {
    let mut ids: Vec<String> = search(store, args).0.iter().map(|l| l.split('\t').nth(1).unwrap().to_owned()).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn ingested_articles_are_found_by_their_words_in_any_case() {
    let (_dir, store) = temp_store();
    ingest(&store, &articles());
    // A name, in another case, with punctuation around it and its accent dropped.
    let (lines, stderr) = search(&store, &["MULLER,", "--in", "names"]);
    assert!(!lines.is_empty(), "{stderr}");
    let fields: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(&fields[..3], ["2024-11-12", "tariff-talk", "names"], "{lines:?}");
    assert!(fields[4].contains("**Müller**"), "the snippet marks the word: {lines:?}");
    // The apostrophe cuts words: "o'brien" is "o" and "brien".
    assert_eq!(articles_found(&store, &["o'brien"]), ["tariff-talk"]);
    // A word said in a quotation, with the speaker as the hit's title.
    let (lines, _) = search(&store, &["Tariff", "--in", "quotes"]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("\tquotes\t") && lines[0].contains("**tariff**"), "{lines:?}");
    // Words of the text only, and of the headline.
    assert_eq!(articles_found(&store, &["consulted", "--in", "text"]), ["tariff-talk"]);
    assert_eq!(articles_found(&store, &["reopens", "--in", "text"]), ["harbour"]);
    // Every word must match; a word found nowhere gives no hit.
    assert_eq!(articles_found(&store, &["harbour", "steel"]), Vec::<String>::new());
    assert_eq!(articles_found(&store, &["zeppelin"]), Vec::<String>::new());
    assert!(articles_found(&store, &["tariff", "--in", "names"]).is_empty(), "quotes are not names");
}

#[test]
fn removed_and_replaced_articles_leave_the_index() {
    let (_dir, store) = temp_store();
    ingest(&store, &articles());
    assert_eq!(articles_found(&store, &["fischer"]), ["harbour"]);
    newskg().args(["remove", "--store", store.to_str().unwrap(), "harbour"]).assert().success();
    assert!(articles_found(&store, &["fischer"]).is_empty());
    assert_eq!(articles_found(&store, &["muller"]), ["tariff-talk"]);
    // The same article again with another text: the old words are gone.
    let changed = serde_json::json!({"id": "tariff-talk", "date": "2024-11-12", "body": "Karl Weber resigned."});
    ingest(&store, &format!("{changed}\n"));
    assert!(articles_found(&store, &["steel"]).is_empty());
    assert_eq!(articles_found(&store, &["weber"]), ["tariff-talk"]);
    let (_, stderr) = search(&store, &["weber"]);
    assert!(!stderr.contains("stale"), "{stderr}");
}

#[test]
fn an_update_leaves_the_index_stale_until_reindex() {
    let (_dir, store) = temp_store();
    ingest(&store, &articles());
    let s = store.to_str().unwrap();
    newskg()
        .args(["update", "--store", s, "-e"])
        .arg("DELETE WHERE { GRAPH ?g { ?e <http://www.w3.org/2000/01/rdf-schema#label> \"Lena Fischer\" } }")
        .assert()
        .success()
        .stderr(predicates::str::contains("reindex"));
    let (_, stderr) = search(&store, &["fischer", "--in", "names"]);
    assert!(stderr.contains("stale") && stderr.contains("newskg reindex"), "{stderr}");
    newskg().args(["reindex", "--store", s]).assert().success().stderr(predicates::str::contains("indexed 2 articles"));
    let (lines, stderr) = search(&store, &["fischer", "--in", "names"]);
    assert!(!stderr.contains("stale"), "{stderr}");
    assert!(lines.iter().all(|l| !l.contains("\tLena Fischer\t")), "the label deleted is gone: {lines:?}");
}

#[test]
fn a_crash_between_store_and_index_is_detected_and_reindex_repairs_it() {
    let (dir, store) = temp_store();
    let s = store.to_str().unwrap();
    ingest(&store, &articles());
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, feed(30)).unwrap();
    // Pause in the first bulk batch of this run (the store is being written, the index
    // not yet committed), then kill.
    let child = std::process::Command::new(newskg_path())
        .args(["ingest", "--store", s])
        .arg(&input)
        .env(newskg::store::PAUSE_IN_BATCH_VAR, "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut writer = KillOnDrop(child);
    wait_for_pause(&mut writer.0, &store);
    writer.0.kill().unwrap();
    writer.0.wait().unwrap();
    drop(writer);
    std::fs::remove_file(store.join(newskg::store::PAUSED_FILE)).ok();
    let (_, stderr) = search(&store, &["muller"]);
    assert!(stderr.contains("stale"), "a killed ingest leaves the index stale: {stderr}");
    newskg().args(["reindex", "--store", s]).assert().success();
    let (lines, stderr) = search(&store, &["muller"]);
    assert!(!stderr.contains("stale") && !lines.is_empty(), "{stderr}");
}

#[test]
fn empty_and_missing_searches_are_clear_errors() {
    let (_dir, store) = temp_store();
    ingest(&store, &articles());
    let s = store.to_str().unwrap();
    newskg()
        .args(["search", "--store", s, " ,.; "])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nothing to search for"));
    newskg()
        .args(["query", "posts-held", "--store", s, "--param", "holder=--"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--param holder").and(predicates::str::contains("nothing to search for")));
    std::fs::remove_dir_all(store.join(newskg::search::INDEX_DIR)).unwrap();
    newskg()
        .args(["search", "--store", s, "muller"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no word index").and(predicates::str::contains("newskg reindex")));
}

/// The output (TSV with its header) and stderr of a ready-made query that must succeed,
/// with `--limit` when given.
fn query_output(store: &Path, name: &str, param: &str, limit: Option<&str>) -> (String, String) {
    let out = newskg()
        .args(["query", name, "--store", store.to_str().unwrap(), "--format", "tsv", "--param", param])
        .args(limit.map(|l| ["--limit", l]).iter().flatten())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The rows of a ready-made query (TSV without its header).
fn query_rows(store: &Path, name: &str, param: &str) -> (Vec<String>, String) {
    let (out, stderr) = query_output(store, name, param, None);
    (out.lines().skip(1).map(str::to_owned).collect(), stderr)
}

/// Removes the store's word index and checks that every case, at every limit, gives the
/// rows `through_index` got through it (in `cases` then `limits` order), now by the text
/// filter.
fn same_rows_without_the_index(store: &Path, cases: &[(&str, &str)], limits: &[&str], through_index: &[String]) {
    std::fs::remove_dir_all(store.join(newskg::search::INDEX_DIR)).unwrap();
    let mut i = 0;
    for &(name, param) in cases {
        for &limit in limits {
            let (rows, stderr) = query_output(store, name, param, Some(limit));
            assert!(stderr.contains("no word index"), "{stderr}");
            assert_eq!(through_index[i], rows, "{name} {param} --limit {limit}");
            i += 1;
        }
    }
}

#[test]
fn the_queries_name_filters_match_words_through_the_index() {
    let (_dir, store) = temp_store();
    ingest(&store, &feed(12));
    // "Doe1" is a word of "Jane Doe1" only, not of "Jane Doe10" or "Jane Doe11".
    let (rows, stderr) = query_rows(&store, "quotes-by-speaker", "speaker_filter=DOE1");
    assert_eq!(rows.len(), 1, "{rows:?} {stderr}");
    assert!(rows[0].starts_with("\"Jane Doe1\"\t") && rows[0].contains("item 1\""), "{rows:?}");
    let (rows, _) = query_rows(&store, "posts-held", "holder=jane doe7");
    assert!(!rows.is_empty() && rows.iter().all(|r| r.starts_with("\"Jane Doe7\"")), "{rows:?}");
    // Either participant of a meeting.
    let (rows, _) = query_rows(&store, "who-met-whom", "name=roe3");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("Jane Doe3") && rows[0].contains("John Roe3"), "{rows:?}");
    let (rows, _) = query_rows(&store, "who-met-whom", "name=nobody");
    assert!(rows.is_empty());
    // Without the index, the query's own text filter runs, and says so.
    std::fs::remove_dir_all(store.join(newskg::search::INDEX_DIR)).unwrap();
    let (rows, stderr) = query_rows(&store, "quotes-by-speaker", "speaker_filter=DOE1");
    assert!(stderr.contains("no word index"), "{stderr}");
    assert_eq!(rows.len(), 3, "text, not words: Doe1, Doe10, Doe11: {rows:?}");
}

#[test]
fn word_filters_give_the_rows_of_the_text_filter_found_batch_by_batch() {
    // 150 articles over a week, one in ten undated, so that the first rows of the
    // filtered queries are found over several batches of articles (newest first) and the
    // undated ones come last. "Doe" and "Jane" are whole words of the names, so the
    // index's word match and the text filter without an index keep the same rows.
    let (_dir, store) = temp_store();
    let jsonl: String = (0..150)
        .map(|i| {
            let body =
                format!("Sen. Jane Doe met Mayor John Roe{i} in Paris on Monday. \"We agreed on item {i},\" Doe said.");
            let mut record = serde_json::json!({"id": format!("batch-{i:03}"), "body": body});
            if i % 10 != 9 {
                record["date"] = format!("2024-11-{:02}", 1 + i % 7).into();
            }
            format!("{record}\n")
        })
        .collect();
    ingest(&store, &jsonl);
    let run = |name: &str, param: &str, limit: &str| query_output(&store, name, param, Some(limit));
    let cases =
        [("posts-held", "holder=DOE"), ("quotes-by-speaker", "speaker_filter=doe"), ("who-met-whom", "name=jane")];
    let limits = ["1", "50", "100", "149", "1000", "0"];
    let mut through_index = Vec::new();
    for (name, param) in cases {
        for limit in limits {
            let (rows, stderr) = run(name, param, limit);
            assert!(!stderr.contains("no word index"), "{stderr}");
            through_index.push(rows);
        }
        let all = through_index.last().unwrap();
        assert!(all.lines().count() > 140, "{name} {param}: {all}");
    }
    same_rows_without_the_index(&store, &cases, &limits, &through_index);
}

#[test]
fn names_without_the_role_a_query_needs_are_skipped_with_the_same_rows() {
    // Jane Doe speaks and meets in some articles, only holds a post or is only named in
    // others; John Roe meets her in some and only visits in others; Lyon is never a
    // speaker, holder or participant. Through the index, names lacking the role the query
    // needs are skipped; the rows stay those of the text filter, for every limit (a wrong
    // early skip of a batch or an article would lose rows of the later ones).
    let (_dir, store) = temp_store();
    let jsonl: String = (0..60)
        .map(|i| {
            let body = match i % 3 {
                0 => format!("Sen. Jane Doe met Mayor John Roe in Paris on Monday. \"We agreed on item {i},\" Doe said."),
                1 => format!(
                    "Mayor John Roe visited Lyon on Monday. \"The town will keep item {i} open,\" Roe said. Jane Doe stayed."
                ),
                _ => format!("Sen. Jane Doe opened a school in Lyon on Monday, item {i}."),
            };
            let record = serde_json::json!({"id": format!("role-{i:03}"), "date": format!("2024-11-{:02}", 1 + i % 9), "body": body});
            format!("{record}\n")
        })
        .collect();
    ingest(&store, &jsonl);
    let run = |name: &str, param: &str, limit: &str| query_output(&store, name, param, Some(limit));
    let cases = [
        ("quotes-by-speaker", "speaker_filter=doe"),
        ("quotes-by-speaker", "speaker_filter=roe"),
        ("quotes-by-speaker", "speaker_filter=lyon"),
        ("posts-held", "holder=doe"),
        ("posts-held", "holder=lyon"),
        ("who-met-whom", "name=roe"),
        ("who-met-whom", "name=lyon"),
    ];
    let limits = ["1", "7", "19", "0"];
    let mut through_index = Vec::new();
    for (name, param) in cases {
        for limit in limits {
            let (rows, stderr) = run(name, param, limit);
            assert!(!stderr.contains("no word index"), "{stderr}");
            assert!(rows.starts_with('?'), "the header, even without rows: {name} {param}: {rows:?}");
            through_index.push(rows);
        }
    }
    let count = |i: usize| through_index[i * limits.len() + limits.len() - 1].lines().count() - 1;
    assert_eq!((count(0), count(1), count(2)), (20, 20, 0), "Doe and Roe speak in 20 articles each, Lyon never");
    assert!(count(3) >= 20 && count(4) == 0 && count(5) == 20 && count(6) == 0, "{through_index:?}");
    // The index skips the names of Lyon (never a speaker) and of Roe where he only visits.
    let roles_of = |query: &str, variables: &[&str]| {
        let parsed = spargebra::SparqlParser::new().parse_query(newskg::queries::find(query).unwrap().sparql).unwrap();
        let variables: Vec<_> = variables.iter().map(|v| oxigraph::model::Variable::new_unchecked(*v)).collect();
        newskg::search::required_roles(&parsed, &variables)
    };
    let (speaker, meets) = (roles_of("quotes-by-speaker", &["s"]), roles_of("who-met-whom", &["x", "y"]));
    let any = newskg::search::Roles::default();
    let pairs = |found: &[(&str, &newskg::search::Roles)]| {
        let read = newskg::store::Store::open_read_only(&store).unwrap();
        let index = newskg::search::SearchIndex::open_existing(&store).unwrap();
        let count = |(word, roles): &(&str, &newskg::search::Roles)| {
            let words = newskg::search::Query::new(word, Some(newskg::search::Kind::Name), 0).unwrap();
            index.names_matching(&read, &words, roles).unwrap().pairs.len()
        };
        found.iter().map(count).collect::<Vec<_>>()
    };
    // Lyon is named in 40 articles, never a speaker; Roe speaks in 20, is a participant of a
    // statement in those and of a meeting in 20 others.
    let asked = [("lyon", &speaker), ("lyon", &any), ("roe", &speaker), ("roe", &meets)];
    assert_eq!(pairs(&asked), [0, 40, 20, 20]);
    // The index rebuilt from the store records the same roles as the one kept at ingest.
    newskg().args(["reindex", "--store", store.to_str().unwrap()]).assert().success();
    assert_eq!(pairs(&asked), [0, 40, 20, 20], "after reindex");
    same_rows_without_the_index(&store, &cases, &limits, &through_index);
}
