//! The command line: input layouts, error reporting, exit codes, store commands.

use predicates::prelude::*;

use super::{extract_nquads, fixture, newskg, temp_store};

#[test]
fn version_and_help_with_examples() {
    newskg().arg("--version").assert().success().stdout(predicate::str::starts_with("newskg "));
    for cmd in ["extract", "ingest", "remove", "optimize", "stats", "query", "update", "export"] {
        newskg().args([cmd, "--help"]).assert().success().stdout(predicate::str::contains("Example"));
    }
}

#[test]
fn wire_copy_metadata_becomes_rdf() {
    let nq = extract_nquads(&[fixture("wire-summit.txt").to_str().unwrap()]).join("\n");
    assert!(nq.contains("<https://w3id.org/newskg/ontology#dateline> \"GENEVA\""), "{nq}");
    assert!(nq.contains("<https://w3id.org/newskg/ontology#photoCredit> \"example.org\""));
    assert!(nq.contains("<https://w3id.org/newskg/ontology#sourceName> \"example.org\""));
    assert!(nq.contains("<https://w3id.org/newskg/ontology#datelinePlace> <https://w3id.org/newskg/id/place/geneva>"));
    assert!(nq.contains("<https://schema.org/contributor> <https://w3id.org/newskg/id/person/tim-oakes>"));
}

#[test]
fn wikinews_layout_gives_headline_and_date() {
    let nq = extract_nquads(&[fixture("wikinews-court.txt").to_str().unwrap()]).join("\n");
    assert!(nq.contains("<https://schema.org/headline> \"Court charges former mayor over harbour contracts\""));
    assert!(nq.contains("<https://schema.org/datePublished> \"2014-03-12\"^^<http://www.w3.org/2001/XMLSchema#date>"));
}

#[test]
fn json_record_fields_are_read_and_ids_are_stable() {
    let nq = extract_nquads(&[fixture("record.json").to_str().unwrap()]).join("\n");
    assert!(nq.contains(
        "<https://w3id.org/newskg/id/article/single-1> <https://schema.org/headline> \"Lawmakers back climate accord\""
    ));
    assert!(nq.contains("<https://w3id.org/newskg/id/article/single-1> <https://schema.org/author> <https://w3id.org/newskg/id/person/lena-frost>"));
    assert!(nq.contains("<https://w3id.org/newskg/ontology#sourceName> \"Reuters\""));
}

#[test]
fn paragraphs_and_sentences_are_written_on_request_and_cited_sentences_always() {
    let input = fixture("wire-summit.txt");
    let input = input.to_str().unwrap();
    let default = extract_nquads(&[input]);
    let all = extract_nquads(&[input, "--segments"]);
    let typed = |lines: &[String], class: &str| {
        lines.iter().filter(|l| l.contains(&format!("#type> <https://w3id.org/newskg/ontology#{class}>"))).count()
    };
    assert_eq!(typed(&default, "Paragraph"), 0);
    assert!(typed(&all, "Paragraph") > 3 && typed(&all, "Sentence") > typed(&default, "Sentence"));
    // --segments only adds: the default output is a subset of it.
    assert!(default.iter().all(|l| all.contains(l)));
    // A sentence that a source is cited for is described (a span) without --segments.
    let cited: Vec<&str> = default
        .iter()
        .filter(|l| l.contains("/sentence/") && l.contains("#attributedTo>"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert!(!cited.is_empty(), "the fixture cites a source for a sentence");
    for s in cited {
        assert!(
            default.iter().any(|l| l.starts_with(&format!(
                "{s} <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf>"
            ))),
            "{s} has no span"
        );
    }
}

#[test]
fn jsonl_bad_lines_fail_alone_and_name_the_line() {
    let out =
        newskg().args(["extract", fixture("records.jsonl").to_str().unwrap(), "--format", "nquads"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("records.jsonl:2: record has no \"body\" or \"text\" field"), "{err}");
    assert!(err.contains("records.jsonl:3: invalid JSON"), "{err}");
    let nq = String::from_utf8(out.stdout).unwrap();
    assert!(nq.contains("article/rec-1>") && nq.contains("article/rec-3>"));
}

#[test]
fn stdin_is_read_with_a_dash_and_date_option_applies() {
    let out = newskg()
        .args(["extract", "-", "--format", "nquads", "--date", "2020-02-02"])
        .write_stdin("Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let nq = String::from_utf8(out.stdout).unwrap();
    assert!(nq.contains("\"2020-02-02\"^^<http://www.w3.org/2001/XMLSchema#date>"), "{nq}");
    assert!(nq.contains("\"2020-01-27\"^^<http://www.w3.org/2001/XMLSchema#date>"), "Monday before 2020-02-02: {nq}");
}

#[test]
fn directories_are_walked_and_output_is_deterministic() {
    let dir = fixture("");
    let a = newskg().args(["extract", dir.to_str().unwrap(), "--format", "trig"]).output().unwrap();
    let b = newskg().args(["extract", dir.to_str().unwrap(), "--format", "trig"]).output().unwrap();
    assert_eq!(a.status.code(), Some(1), "records.jsonl has bad lines");
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout, "same input, same bytes");
}

#[test]
fn bad_inputs_are_reported_and_the_batch_goes_on() {
    let (dir, store) = temp_store();
    let bad_utf8 = dir.path().join("bad.txt");
    std::fs::write(&bad_utf8, b"Valid start \xff\xfe then junk").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"  \n").unwrap();
    let binary = dir.path().join("blob.txt");
    std::fs::write(&binary, b"PK\x03\x04\x00\x00binary").unwrap();
    let out = newskg()
        .args(["ingest", "--store", store.to_str().unwrap()])
        .args([&bad_utf8, &empty, &binary, &fixture("wire-summit.txt"), &fixture("records.jsonl")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.txt: not valid UTF-8 (first bad byte at offset 12)"), "{err}");
    assert!(err.contains("empty.txt: empty article"), "{err}");
    assert!(err.contains("blob.txt: looks like a binary file"), "{err}");
    for line in err.lines().filter(|l| l.contains("error")) {
        assert!(line.starts_with("newskg: error: "), "{line}");
    }
    newskg()
        .args(["stats", "--store", store.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("articles\t3\n"));
}

#[test]
fn optimize_keeps_every_quad() {
    let (_dir, store) = temp_store();
    let s = store.to_str().unwrap();
    newskg()
        .args(["ingest", "--store", s])
        .arg(fixture("wire-summit.txt"))
        .arg(fixture("records.jsonl"))
        .assert()
        .code(1);
    let export = || newskg().args(["export", "--store", s, "--format", "nquads"]).output().unwrap().stdout;
    let before = export();
    assert!(before.len() > 1000);
    newskg().args(["optimize", "--store", s]).assert().success().stdout("");
    assert_eq!(export(), before);
}

#[test]
fn ingest_twice_keeps_the_same_triples_and_remove_deletes_one_article() {
    let (_dir, store) = temp_store();
    let s = store.to_str().unwrap();
    let stats = || String::from_utf8(newskg().args(["stats", "--store", s]).output().unwrap().stdout).unwrap();
    newskg()
        .args(["ingest", "--store", s])
        .arg(fixture("wire-summit.txt"))
        .arg(fixture("record.json"))
        .assert()
        .success();
    let first = stats();
    newskg()
        .args(["ingest", "--store", s])
        .arg(fixture("wire-summit.txt"))
        .arg(fixture("record.json"))
        .assert()
        .success();
    assert_eq!(first, stats(), "re-ingest is idempotent");
    assert!(first.contains("articles\t2\n"), "{first}");
    newskg().args(["remove", "--store", s, "single-1"]).assert().success();
    assert!(stats().contains("articles\t1\n"));
    newskg()
        .args(["remove", "--store", s, "no-such-article"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-article: no such article"));
}

#[test]
fn queries_report_bad_sparql_and_unknown_names_clearly() {
    let (_dir, store) = temp_store();
    let s = store.to_str().unwrap();
    newskg().args(["ingest", "--store", s]).arg(fixture("record.json")).assert().success();
    newskg()
        .args(["query", "--store", s, "-e", "SELECT WHERE {"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("newskg: error: invalid SPARQL query"));
    newskg()
        .args(["query", "--store", s, "no-such-query"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-query: neither a ready-made query"));
    newskg()
        .args(["query", "--store", s, "-e", "ASK { ?s ?p ?o }", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("true"));
}

#[test]
fn update_changes_the_store() {
    let (_dir, store) = temp_store();
    let s = store.to_str().unwrap();
    newskg().args(["ingest", "--store", s]).arg(fixture("record.json")).assert().success();
    newskg()
        .args(["update", "--store", s, "-e", "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> \"c\" } }"])
        .assert()
        .success();
    newskg()
        .args(["query", "--store", s, "-e", "SELECT ?o WHERE { <urn:x:a> <urn:x:b> ?o }", "--format", "csv"])
        .assert()
        .success()
        .stdout("o\r\nc\r\n");
}

#[test]
fn the_store_location_comes_from_the_environment() {
    let (_dir, store) = temp_store();
    newskg().env("NEWSKG_STORE", &store).arg("ingest").arg(fixture("record.json")).assert().success();
    assert!(store.join("CURRENT").exists());
}

#[test]
fn queries_lists_every_ready_made_query() {
    let out = newskg().arg("queries").output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    for q in [
        "who-met-whom",
        "quotes-by-speaker",
        "posts-held",
        "events",
        "sources-cited",
        "entity-profile",
        "articles-mentioning",
    ] {
        assert!(s.contains(q), "{q} missing from:\n{s}");
    }
}

#[test]
fn enumerated_flags_take_their_values_and_aliases_and_refuse_others_as_clap_does() {
    for (args, values) in [
        (vec!["export", "--format", "foo"], "turtle, trig, ntriples, nquads, rdfxml, jsonld"),
        (vec!["extract", "x.txt", "--format", "foo"], "turtle, trig, ntriples, nquads, rdfxml, jsonld"),
        (vec!["extract", "x.txt", "--input-format", "foo"], "text, json, jsonl, html"),
        (vec!["query", "-e", "ASK {}", "--format", "foo"], "table, csv, tsv, json, xml, turtle, trig"),
        (vec!["push", "--to", "http://127.0.0.1:1/", "--protocol", "foo"], "gsp, update"),
        (vec!["validate", "--format", "foo"], "text, turtle"),
    ] {
        let out = newskg().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("error: invalid value 'foo' for '--"), "{args:?}: {err}");
        assert!(err.contains(&format!("[possible values: {values}")), "{args:?}: {err}");
    }
    // Aliases and any case, as the format names were read before.
    let input = fixture("record.json");
    let turtle = newskg().args(["extract", input.to_str().unwrap(), "--format", "turtle"]).output().unwrap();
    let ttl = newskg().args(["extract", input.to_str().unwrap(), "-f", "TTL"]).output().unwrap();
    assert!(turtle.status.success() && !turtle.stdout.is_empty());
    assert_eq!(turtle.stdout, ttl.stdout);
    let stdin = std::fs::read_to_string(fixture("records.jsonl")).unwrap();
    let jsonl = newskg().args(["extract", "-", "--input-format", "ndjson"]).write_stdin(stdin).output().unwrap();
    assert!(String::from_utf8(jsonl.stdout).unwrap().contains("article/rec-1>"));
}

#[test]
fn a_query_format_that_does_not_fit_the_results_is_refused_by_name() {
    let (_dir, store) = temp_store();
    let s = store.to_str().unwrap();
    newskg().args(["ingest", "--store", s]).arg(fixture("record.json")).assert().success();
    newskg()
        .args(["query", "--store", s, "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "turtle"])
        .assert()
        .code(2)
        .stderr("newskg: error: unknown result format \"turtle\" (table, csv, tsv, json or xml)\n");
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/newskg/ontology#Person> ; ?p ?o }";
    newskg()
        .args(["query", "--store", s, "-e", construct, "--format", "csv"])
        .assert()
        .code(2)
        .stderr("newskg: error: unknown RDF format \"csv\" (one of turtle, trig, ntriples, nquads, rdfxml, jsonld)\n");
    // xml is SPARQL results XML for rows, RDF/XML for triples.
    newskg()
        .args(["query", "--store", s, "-e", construct, "--format", "xml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("<rdf:RDF"));
    newskg()
        .args(["query", "--store", s, "-e", "ASK { ?s ?p ?o }", "--format", "xml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"));
}
