//! Bad input: binary files, invalid UTF-8, empty and huge files, broken and hostile JSON,
//! HTML junk, hostile pages (deep nesting, a million attributes, one huge text node), and
//! names and quotes full of awkward characters. Each bad input gets one
//! clear line (`newskg: error: INPUT: reason`), nothing panics, the rest of the batch is
//! stored, and the exit code is 1 when something failed. Large inputs are made here.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Output;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};

use super::invariants::check_anchors;
use super::{newskg, temp_store};

/// Runs `newskg ingest` on `inputs` into `store` (extra `args` first).
fn ingest(store: &Path, args: &[&str], inputs: &[&Path]) -> Output {
    newskg().args(["ingest", "--store", store.to_str().unwrap()]).args(args).args(inputs).output().unwrap()
}

/// Stderr of a run, checked: no panic, and every line is a one-line message of newskg.
fn stderr_lines(out: &Output) -> String {
    let err = String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "a panic:\n{err}");
    for line in err.lines() {
        assert!(line.starts_with("newskg: "), "not a newskg message: {line:?}\n{err}");
    }
    err
}

/// The `newskg: error:` line naming `input`, which must exist and be unique.
fn error_for<'a>(err: &'a str, input: &str) -> &'a str {
    let prefix = format!("newskg: error: {input}");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with(&prefix)).collect();
    assert_eq!(lines.len(), 1, "expected one error line for {input}:\n{err}");
    lines[0]
}

/// The quads of the store, grouped by graph (article).
fn store_quads(store: &Path) -> Vec<Quad> {
    let out = newskg().args(["export", "--store", store.to_str().unwrap(), "--format", "nquads"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    RdfParser::from_format(RdfFormat::NQuads).for_slice(&out.stdout).map(|q| q.expect("export parses")).collect()
}

/// Article identifiers in the store.
fn stored_ids(store: &Path) -> Vec<String> {
    let mut ids: Vec<String> = store_quads(store)
        .into_iter()
        .filter(|q| q.predicate.as_str() == "https://schema.org/identifier")
        .filter_map(|q| match q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

fn jsonl(records: &[serde_json::Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

#[test]
fn every_kind_of_bad_file_gets_one_line_and_the_batch_goes_on() {
    let (dir, store) = temp_store();
    let d = dir.path();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("a-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00".to_vec()),
        ("b-latin1.txt", b"Sen. Jos\xe9 Garc\xeda said, \"hello\".".to_vec()),
        ("c-empty.txt", Vec::new()),
        ("d-blank.txt", b" \n\t\r\n  \n".to_vec()),
        ("e-broken.json", br#"{"id": "x", "body": "unterminated"#.to_vec()),
        ("f-wrong-type.json", br#"{"id": "w", "body": ["not", "a", "string"]}"#.to_vec()),
        ("g-scalar.json", b"42".to_vec()),
        ("h-good.txt", b"Chancellor Olaf Scholz met President Emmanuel Macron in Paris.".to_vec()),
        (
            "i-html.txt",
            b"<html><head><script>alert('x')</script><style>p{}</style></head>\n<body><p>Sen. Jane &amp; Doe <b>said</b>, &quot;no&quot;.</p><div><<<>>></div></body></html>".to_vec(),
        ),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in &files {
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        paths.push(p);
    }
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let out = ingest(&store, &[], &refs);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_lines(&out);
    let name = |n: &str| d.join(n).display().to_string();
    assert!(
        error_for(&err, &name("a-binary.txt")).ends_with("looks like a binary file (NUL byte at offset 8), skipped")
    );
    assert!(error_for(&err, &name("b-latin1.txt")).ends_with("not valid UTF-8 (first bad byte at offset 8)"));
    assert!(error_for(&err, &name("c-empty.txt")).ends_with("empty article, nothing to extract"));
    assert!(error_for(&err, &name("d-blank.txt")).ends_with("empty article, nothing to extract"));
    assert!(error_for(&err, &name("e-broken.json")).contains(": invalid JSON: EOF while parsing"));
    assert!(error_for(&err, &name("f-wrong-type.json")).ends_with("field \"body\" should be a string, not an array"));
    assert!(error_for(&err, &name("g-scalar.json")).ends_with("a record must be a JSON object"));
    assert!(err.contains("; 7 failed"), "{err}");
    assert_eq!(stored_ids(&store).len(), 2, "the good article and the HTML junk are stored");
}

#[test]
fn oversized_articles_are_skipped_with_a_message() {
    let (dir, store) = temp_store();
    // A 50 MB single line, over the default limit of 8 MiB: skipped before it is read.
    let giant = dir.path().join("giant.txt");
    std::fs::write(&giant, "Sen. Jane Doe said no. ".repeat(50 * 1000 * 1000 / 23)).unwrap();
    // A JSONL file whose middle line is over a small limit.
    let lines = dir.path().join("lines.jsonl");
    let big_body = "Word ".repeat(400);
    std::fs::write(
        &lines,
        jsonl(&[
            serde_json::json!({"id": "small-1", "body": "Sen. Jane Doe spoke."}),
            serde_json::json!({"id": "big", "body": big_body}),
            serde_json::json!({"id": "small-3", "body": "Sen. John Roe spoke."}),
        ]),
    )
    .unwrap();
    // Skipped from its size alone (the error names the size from the file's metadata).
    let out = ingest(&store, &[], &[&giant]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_lines(&out);
    assert!(
        error_for(&err, &giant.display().to_string()).ends_with(&format!(
            "article is {} bytes, over the limit of 8388608 bytes (--max-article-bytes), skipped",
            std::fs::metadata(&giant).unwrap().len()
        )),
        "{err}"
    );
    let out = ingest(&store, &["--max-article-bytes", "1000"], &[&lines]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_lines(&out);
    assert!(error_for(&err, &format!("{}:2", lines.display())).contains("over the limit of 1000 bytes"), "{err}");
    assert_eq!(stored_ids(&store), ["small-1", "small-3"]);
    // Over the limit on stdin too.
    let out = newskg()
        .args(["extract", "-", "--max-article-bytes", "100"])
        .write_stdin("Sen. Jane Doe spoke. ".repeat(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_lines(&out).contains("newskg: error: -: article is 420 bytes, over the limit of 100 bytes"));
}

#[test]
fn a_multi_megabyte_paragraph_is_extracted() {
    // One line of 2 MB without a sentence end, full of names, titles and trigger words:
    // extraction was quadratic in the sentence and the article (hours for 8 MiB). Speed
    // itself is measured by the benchmarks (bench/), not here: this guards the result.
    let mut text = String::new();
    let words = ["Sen.", "Jane", "Doe", "met", "Paris", "officials", "on", "Monday", "and", "said", "\"yes\"", "U.S."];
    let mut i = 0usize;
    while text.len() < 2_000_000 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i = i.wrapping_mul(7).wrapping_add(3) % 1_000_003;
    }
    let (dir, _store) = temp_store();
    let path = dir.path().join("paragraph.txt");
    std::fs::write(&path, &text).unwrap();
    let out = newskg().args(["extract", "--format", "nquads"]).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The words are shuffled, so which names come out depends on the order; what must come
    // out is people, places and the senators' posts, as N-Quads that parse.
    let nquads = String::from_utf8_lossy(&out.stdout);
    for class in ["Person", "Place", "PositionHolding"] {
        assert!(nquads.contains(&format!("<https://w3id.org/newskg/ontology#{class}>")), "no {class}");
    }
    assert!(nquads.lines().all(|l| l.ends_with(" .")), "not N-Quads");
}

#[test]
fn a_jsonl_file_with_broken_lines_in_the_middle_stores_the_others() {
    let (dir, store) = temp_store();
    let path = dir.path().join("feed.jsonl");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"\xEF\xBB\xBF{\"id\": \"one\", \"body\": \"Sen. Jane Doe spoke in Paris.\"}\n");
    bytes.extend_from_slice(b"{\"id\": \"two\", \"body\": \"broken\n");
    bytes.extend_from_slice(b"{\"id\": \"three\", \"body\": \"Caf\xe9 owner Jean Roe spoke.\"}\n");
    bytes.extend_from_slice(b"\n   \n");
    bytes.extend_from_slice(b"{\"id\": \"four\", \"body\": \"Sen. John Roe spoke.\"}\r\n");
    bytes.extend_from_slice(b"[1, 2]\n");
    bytes.extend_from_slice(b"{\"id\": \"six\", \"text\": \"The mayor spoke.\", \"headline\": 7}\n");
    bytes.extend_from_slice(b"{\"id\": \"seven\", \"text\": \"The mayor spoke again.\"}");
    std::fs::write(&path, bytes).unwrap();
    let out = ingest(&store, &[], &[&path]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_lines(&out);
    let at = |n: usize| format!("{}:{n}", path.display());
    assert!(error_for(&err, &at(2)).contains(": invalid JSON: EOF while parsing a string"), "{err}");
    assert!(error_for(&err, &at(3)).ends_with("not valid UTF-8 (first bad byte at offset 28)"), "{err}");
    assert!(error_for(&err, &at(7)).ends_with("a record must be a JSON object"), "{err}");
    assert!(error_for(&err, &at(8)).ends_with("field \"headline\" should be a string, not a number"), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with("newskg: error:")).count(), 4, "{err}");
    assert_eq!(stored_ids(&store), ["four", "one", "seven"]);
}

#[test]
fn deeply_nested_json_is_a_clean_error_not_a_stack_overflow() {
    let (dir, store) = temp_store();
    let arrays = dir.path().join("arrays.json");
    std::fs::write(&arrays, format!("{}{}", "[".repeat(200_000), "]".repeat(200_000))).unwrap();
    let objects = dir.path().join("objects.jsonl");
    let deep = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    std::fs::write(&objects, format!("{deep}\n{{\"id\": \"ok\", \"body\": \"Sen. Jane Doe spoke.\"}}\n")).unwrap();
    // Nesting in an ignored field, under serde_json's limit of 128: read, and ignored.
    let fine = dir.path().join("fine.json");
    let nested = format!("{}{}", "[".repeat(100), "]".repeat(100));
    std::fs::write(&fine, format!(r#"{{"id": "nested", "extra": {nested}, "body": "Sen. John Roe spoke."}}"#)).unwrap();
    let out = ingest(&store, &[], &[&arrays, &objects, &fine]);
    assert_eq!(out.status.code(), Some(1), "a crash has no exit code: {out:?}");
    let err = stderr_lines(&out);
    assert!(error_for(&err, &arrays.display().to_string()).contains("invalid JSON: recursion limit exceeded"), "{err}");
    assert!(
        error_for(&err, &format!("{}:1", objects.display())).contains("invalid JSON: recursion limit exceeded"),
        "{err}"
    );
    assert_eq!(stored_ids(&store), ["nested", "ok"]);
}

#[test]
fn a_huge_json_array_is_read_record_by_record() {
    let (dir, store) = temp_store();
    let path = dir.path().join("many.json");
    let mut records: Vec<serde_json::Value> = (0..3000)
        .map(|i| serde_json::json!({"id": format!("r{i:04}"), "body": format!("Sen. Jane Doe{i} met Mayor John Roe{i} in Paris.")}))
        .collect();
    records[1500] = serde_json::json!({"id": "bad", "body": null, "title": "no body"});
    records[2000] = serde_json::json!({"id": "worse", "body": "x", "authors": [{"no-name": 1}]});
    std::fs::write(&path, serde_json::Value::Array(records).to_string()).unwrap();
    let out = ingest(&store, &[], &[&path]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_lines(&out);
    let p = path.display().to_string();
    let no_body = error_for(&err, &format!("{p}[1500]"));
    assert!(no_body.contains(": record has no \"body\" or \"text\" field"), "{no_body}");
    assert!(no_body.ends_with("its fields: \"body\", \"id\", \"title\""), "{no_body}");
    assert!(error_for(&err, &format!("{p}[2000]"))
        .ends_with("field \"authors\" should be a name or a list of names, not an object"));
    assert!(err.contains("ingested 2998 articles"), "{err}");
}

#[test]
fn json_fields_of_the_wrong_type_are_named() {
    let cases = [
        (r#"{"body": 12}"#, "field \"body\" should be a string, not a number"),
        (r#"{"body": "x", "id": true}"#, "field \"id\" should be a string, not a boolean"),
        (r#"{"body": "x", "id": {"a": 1}}"#, "field \"id\" should be a string, not an object"),
        (r#"{"body": "x", "url": ["u"]}"#, "field \"url\" should be a string, not an array"),
        (r#"{"body": "x", "date": 20240101}"#, "field \"date\" should be a string, not a number"),
        (r#"{"body": "x", "title": false}"#, "field \"title\" should be a string, not a boolean"),
        (r#"{"body": "x", "authors": 3}"#, "field \"authors\" should be a name or a list of names, not a number"),
        (r#"{"body": "x", "source": [null]}"#, "field \"source\" should be a name or a list of names, not null"),
        (
            r#"{"body": "x", "publisher": {"name": 5}}"#,
            "field \"publisher\" should be a name or a list of names, not an object",
        ),
        (r#"{"text": "   "}"#, "empty article, nothing to extract"),
        ("null", "a record must be a JSON object"),
        (r#""just a string""#, "a record must be a JSON object"),
    ];
    let input: String = cases.iter().map(|(l, _)| format!("{l}\n")).collect();
    let out = newskg()
        .args(["extract", "-", "--input-format", "jsonl", "--format", "nquads"])
        .write_stdin(format!("{input}{{\"id\": \"fine\", \"body\": \"Sen. Jane Doe spoke.\"}}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_lines(&out);
    for (i, (_, reason)) in cases.iter().enumerate() {
        let line = error_for(&err, &format!("-:{}:", i + 1));
        assert!(line.ends_with(reason), "line {}: {line}", i + 1);
    }
    assert!(String::from_utf8(out.stdout).unwrap().contains("/article/fine>"));
}

/// Names, quotes and metadata made of awkward characters.
const AWKWARD: &[&str] = &[
    "O\"Brien",
    "Jean \"The Hammer\" Roe",
    "<script>alert(1)</script>",
    "Back\\Slash \\\" Smith",
    "Line\nBreak",
    "Tab\tand\rReturn",
    "Ctrl\u{1}\u{7}\u{1b}[31m\u{7f}Chars",
    "\u{0}Nul In Json",
    "\u{202e}Right To Left Override\u{202c}",
    "محمد بن سلمان",
    "בנימין נתניהו",
    "Zoë 🤖🇺🇳 Ünïcode",
    "\u{feff}Bom \u{200b}Zero Width",
    "\u{fffd}Replacement \u{fffe}\u{ffff}Nonchars",
    "𝔉𝔯𝔞𝔨𝔱𝔲𝔯 Name",
    "' OR 1=1; DROP TABLE articles; --",
    "}} ] ) . ; # @prefix <x> \"\"\" '''",
];

#[test]
fn awkward_characters_in_names_quotes_and_metadata_survive_the_store() {
    let (dir, store) = temp_store();
    let long_name = (0..1100).map(|i| format!("Name{i:05}")).collect::<Vec<_>>().join(" ");
    assert!(long_name.chars().count() > 10_000);
    let mut names: Vec<String> = AWKWARD.iter().map(|s| s.to_string()).collect();
    names.push(long_name);
    let mut records = Vec::new();
    let mut bodies = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let mut body = String::new();
        write!(body, "Sen. {name} said, \"{name} — {name}\" on Monday.\n“{name}”, said Mayor {name}.").unwrap();
        let id = format!("awk-{i}");
        bodies.insert(id.clone(), body.clone());
        records.push(serde_json::json!({
            "id": id, "body": body, "headline": name, "authors": [name, {"name": name}],
            "source": {"name": name}, "url": format!("https://example.com/{i}?q={name}"), "date": "2024-11-12",
        }));
    }
    let path = dir.path().join("awkward.jsonl");
    std::fs::write(&path, jsonl(&records)).unwrap();
    let out = ingest(&store, &[], &[&path]);
    let err = stderr_lines(&out);
    assert!(out.status.success(), "{err}");
    let quads = store_quads(&store);
    // The article text and headline come back exactly; every anchor is the text at its offsets.
    for (id, body) in &bodies {
        let graph = format!("https://w3id.org/newskg/id/article/{id}");
        let in_graph: Vec<Quad> =
            quads.iter().filter(|q| q.graph_name.to_string() == format!("<{graph}>")).cloned().collect();
        let text = in_graph
            .iter()
            .find(|q| q.predicate.as_str().ends_with("nif-core#isString"))
            .map(|q| match &q.object {
                Term::Literal(l) => l.value().to_owned(),
                other => panic!("{other}"),
            })
            .unwrap_or_else(|| panic!("no text for {id}"));
        assert_eq!(&text, body, "{id}");
        check_anchors(body, &in_graph);
    }
    // Every export format re-parses.
    for (name, format) in [("turtle", RdfFormat::Turtle), ("trig", RdfFormat::TriG), ("rdfxml", RdfFormat::RdfXml)] {
        let out = newskg().args(["export", "--store", store.to_str().unwrap(), "--format", name]).output().unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let mut n = 0;
        for q in RdfParser::from_format(format).for_slice(&out.stdout) {
            q.unwrap_or_else(|e| panic!("{name} does not re-parse: {e}"));
            n += 1;
        }
        assert!(n > 0);
    }
}

#[test]
fn a_ten_thousand_character_name_gets_a_bounded_iri() {
    let name = format!("Sen. {} Smith", "Abcdefghij".repeat(1000));
    let out = newskg()
        .args(["extract", "-", "--format", "nquads"])
        .write_stdin(format!("{name} said, \"No.\"\n"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let nq = String::from_utf8(out.stdout).unwrap();
    let person = nq
        .split_whitespace()
        .find(|t| t.starts_with("<https://w3id.org/newskg/id/person/"))
        .expect("a person is found");
    assert!(person.len() < 200, "{person}");
    assert!(nq.contains(&format!("\"{} Smith\"", "Abcdefghij".repeat(1000))), "the full name is the label");
}

#[test]
fn a_sixty_thousand_record_json_array_of_eleven_megabytes_is_read_in_full() {
    use newskg::article::{read_inputs, ReadOptions};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.json");
    let records: Vec<serde_json::Value> = (0..60_000)
        .map(|i| {
            serde_json::json!({"id": format!("r{i:05}"), "url": format!("https://news.example.org/{i}"),
                "headline": format!("Council {i} meets"),
                "body": format!("The council of district {i} met again on Tuesday to vote on the budget, officials said.")})
        })
        .collect();
    std::fs::write(&path, serde_json::Value::Array(records).to_string()).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 11_000_000 && size > newskg::article::DEFAULT_MAX_ARTICLE_BYTES as u64, "{size} bytes");
    let mut read = 0;
    for (i, article) in read_inputs(std::slice::from_ref(&path), ReadOptions::default()).enumerate() {
        let article = article.unwrap_or_else(|e| panic!("record {i}: {e}"));
        assert_eq!(article.id, format!("r{i:05}"));
        assert_eq!(article.input, format!("{}[{i}]", path.display()));
        read += 1;
    }
    assert_eq!(read, 60_000);
    // The limit is per record: one record over it fails alone.
    let small = ReadOptions { max_article_bytes: 200, ..ReadOptions::default() };
    let results: Vec<_> = read_inputs(&[path], small).take(3).collect();
    assert!(results.iter().all(Result::is_ok), "small records stay under a 200-byte limit");
}

/// Reads a generated page with the library's HTML reader: its text and warnings.
fn read_page(html: &str) -> (String, Vec<String>) {
    let article = newskg::article::read_html("page.html", html).expect("the page has text");
    (article.text, article.metadata.warnings)
}

const STORY: &str = "<p>The court charged the former mayor on Tuesday with taking bribes from builders.</p>";

fn nested(depth: usize) -> String {
    format!("<html><body>{}{STORY}{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth))
}

#[test]
fn a_sixty_thousand_deep_page_is_read_in_time_linear_in_its_size() {
    let (text, warnings) = read_page(&nested(60_000));
    assert_eq!(text, "The court charged the former mayor on Tuesday with taking bribes from builders.");
    assert!(warnings[0].starts_with("page nested deeper than"), "{warnings:?}");
    // Reading stays linear in the depth: `benches/readers.rs` times 30,000 and 60,000.
}

#[test]
fn a_million_attributes_and_a_huge_text_node_are_read() {
    let attrs: String = (0..1_000_000).map(|i| format!(" a{}", i % 1000)).collect();
    let page = format!("<html><body><div{attrs}>{STORY}</div></body></html>");
    let (text, warnings) = read_page(&page);
    assert!(text.contains("charged the former mayor"), "{text}");
    assert!(warnings[0].contains("999936 attributes left out"), "{warnings:?}");
    let huge = |words: usize| format!("<html><body><p>{}</p></body></html>", "The mayor spoke. ".repeat(words));
    let (text, _) = read_page(&huge(100_000));
    assert_eq!(text.len(), "The mayor spoke. ".len() * 100_000 - 1);
}

#[test]
fn hostile_nesting_shapes_are_flattened_and_read() {
    let shapes = [
        ("self-closing divs", format!("<html><body>{}{STORY}</body></html>", "<div/>".repeat(20_000))),
        (
            "unclosed spans around divs",
            format!("<html><body>{}{STORY}</body></html>", "<span><div></span>".repeat(20_000)),
        ),
        ("nested tables", format!("<html><body>{}{STORY}</body></html>", "<table><tr><td>".repeat(5_000))),
        (
            "unclosed formatting",
            format!(
                "<html><body>{}{STORY}</body></html>",
                (0..20_000).map(|i| format!("<b id=b{i}>x ")).collect::<String>()
            ),
        ),
    ];
    for (shape, page) in shapes {
        let start = std::time::Instant::now();
        let (text, warnings) = read_page(&page);
        assert!(text.contains("charged the former mayor"), "{shape}: {text:.200}");
        assert!(!warnings.is_empty(), "{shape}: flattened with a warning");
        assert!(start.elapsed().as_secs_f64() < 20.0, "{shape}: {:?}", start.elapsed());
    }
}
