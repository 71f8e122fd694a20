//! Articles as users have them: records written by news scrapers (news-please,
//! trafilatura, newspaper4k), web archives of real saved pages, and articles not in
//! English.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use super::newskg;

/// The N-Quads of `newskg extract` on `inputs`, and its stderr; the exit code must be `code`.
fn extract(inputs: &[&Path], code: i32) -> (String, String) {
    let out = newskg().arg("extract").args(inputs).args(["--format", "nquads"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    (String::from_utf8(out.stdout).unwrap(), err)
}

fn article_iri(id: &str) -> String {
    let encoded: String = id
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("<https://w3id.org/newskg/id/article/{encoded}>")
}

/// Whether `nq` has the triple `article p o` (o as written in N-Quads).
fn has(nq: &str, article: &str, p: &str, o: &str) -> bool {
    nq.lines().any(|l| l.starts_with(&format!("{article} {p} {o} ")))
}

const BODY: &str = "The city council of Springfield approved a new budget on Tuesday, Mayor Ana Ruiz said. \
                    The vote was 7 to 2, and the plan takes effect in January.";

#[test]
fn news_please_trafilatura_and_newspaper4k_records_are_read_as_the_tools_write_them() {
    let dir = tempfile::tempdir().unwrap();
    // Field for field as each tool writes a record (values of our own).
    let news_please = serde_json::json!({
        "authors": ["Lena Frost", "Omar Haddad"], "date_download": "2019-11-19 10:05:12",
        "date_modify": null, "date_publish": "2019-11-19 02:24:00",
        "description": "The council approved the budget.", "filename": "https%3A%2F%2Fnews.example.org%2Fbudget.json",
        "image_url": "https://news.example.org/budget.jpg", "language": "en", "localpath": null,
        "maintext": BODY, "source_domain": "news.example.org", "title": "Council approves budget",
        "title_page": null, "title_rss": null, "url": "https://news.example.org/budget"
    });
    let trafilatura = serde_json::json!({
        "title": "Council approves budget", "author": "Lena Frost; Omar Haddad", "hostname": "example.com",
        "date": "2019-11-19", "fingerprint": "87ae309d4a62a6f2", "id": null, "license": null, "comments": "",
        "raw_text": BODY, "text": BODY, "language": null, "image": "https://example.com/budget.jpg",
        "pagetype": "article", "filedate": "2024-12-06", "source": "https://example.com/budget",
        "source-hostname": "Example Daily", "excerpt": "The council approved the budget.", "categories": "", "tags": ""
    });
    let newspaper = serde_json::json!({
        "url": "https://example.net/budget", "read_more_link": "", "language": "en",
        "title": "Council approves budget", "top_image": "", "meta_img": "https://example.net/budget.jpg",
        "images": [], "movies": [], "keywords": [], "keyword_scores": {}, "meta_keywords": ["Politics"],
        "tags": null, "authors": ["Lena Frost", "Omar Haddad"], "publish_date": "2019-11-19T02:24:00",
        "summary": "", "meta_description": "The council approved the budget.", "meta_lang": "en",
        "meta_favicon": "/favicon.ico", "meta_site_name": "Example Net", "canonical_link": "https://example.net/budget",
        "text": BODY
    });
    let path = dir.path().join("scraped.jsonl");
    let lines: Vec<String> = [&news_please, &trafilatura, &newspaper].iter().map(|r| r.to_string()).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let (nq, _) = extract(&[&path], 0);
    for (url, source) in [
        ("https://news.example.org/budget", "news.example.org"),
        ("https://example.com/budget", "Example Daily"),
        ("https://example.net/budget", "Example Net"),
    ] {
        let a = article_iri(url);
        assert!(has(&nq, &a, "<https://schema.org/headline>", "\"Council approves budget\""), "{url}\n{nq}");
        assert!(
            has(
                &nq,
                &a,
                "<https://schema.org/datePublished>",
                "\"2019-11-19\"^^<http://www.w3.org/2001/XMLSchema#date>"
            ),
            "{url}"
        );
        assert!(has(&nq, &a, "<https://schema.org/url>", &format!("<{url}>")), "{url}");
        assert!(has(&nq, &a, "<https://w3id.org/newskg/ontology#sourceName>", &format!("\"{source}\"")), "{url}");
        for person in ["lena-frost", "omar-haddad"] {
            let iri = format!("<https://w3id.org/newskg/id/person/{person}>");
            assert!(has(&nq, &a, "<https://schema.org/author>", &iri), "{url}: {person}");
        }
        assert!(has(&nq, &a, "<https://schema.org/inLanguage>", "\"en\""), "{url}");
        assert!(nq.contains(&format!(
            "{a} <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> \"The city council"
        )));
    }
    assert!(nq.contains("<https://w3id.org/newskg/id/person/ana-ruiz>"), "extraction runs on the text");
}

#[test]
fn an_unknown_record_names_the_fields_it_has_and_a_null_maintext_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.jsonl");
    let lines = [
        serde_json::json!({"content": BODY, "heading": "H", "link": "https://e.x/1"}),
        serde_json::json!({"maintext": null, "title": "T", "url": "https://e.x/2", "date_publish": null}),
    ];
    std::fs::write(&path, lines.iter().map(|l| l.to_string()).collect::<Vec<_>>().join("\n")).unwrap();
    let p = path.display().to_string();
    newskg().args(["extract", &p, "--format", "nquads"]).assert().code(1).stderr(
        predicate::str::contains(format!(
            "newskg: error: {p}:1: record has no \"body\" or \"text\" field (news-please: \"maintext\"); \
                 its fields: \"content\", \"heading\", \"link\"\n"
        ))
        .and(predicate::str::contains(format!(
            "newskg: error: {p}:2: news-please record without text (\"maintext\" missing or null); \
                 its fields: \"date_publish\", \"maintext\", \"title\", \"url\"\n"
        ))),
    );
}

#[test]
fn an_article_not_in_english_is_stored_with_its_text_and_language_and_no_facts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("de.json");
    let record = serde_json::json!({"id": "de-1", "headline": "Stadtrat beschließt Haushalt",
        "body": "Der Stadtrat von Springfield hat am Dienstag einen neuen Haushalt beschlossen, sagte \
                 Bürgermeisterin Ana Ruiz. Die Abstimmung endete mit sieben zu zwei Stimmen, und der Plan \
                 tritt im Januar in Kraft."});
    std::fs::write(&path, record.to_string()).unwrap();
    let (nq, err) = extract(&[&path], 0);
    let a = article_iri("de-1");
    assert!(has(&nq, &a, "<https://schema.org/inLanguage>", "\"de\""), "{nq}");
    assert!(has(&nq, &a, "<https://schema.org/headline>", "\"Stadtrat beschließt Haushalt\""));
    assert!(nq.contains("nif-core#isString> \"Der Stadtrat von Springfield"), "the text is stored");
    assert!(!nq.contains("/id/person/") && !nq.contains("ontology#mentions"), "no extracted facts:\n{nq}");
    assert!(
        err.contains("newskg: 1 article not in English (de 1): text and metadata only, no extracted facts"),
        "{err}"
    );
}

/// The real saved pages of the evaluation kit (`../shared/eval/html/pages`), decompressed.
fn saved_pages(n: usize) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/html/pages");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the evaluation kit lies beside the project)", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut pages = Vec::new();
    for f in files {
        let mut html = String::new();
        let gz = flate2::read::GzDecoder::new(std::fs::File::open(&f).unwrap());
        if std::io::Read::read_to_string(&mut std::io::BufReader::new(gz), &mut html).is_ok() && html.len() < 1_000_000
        {
            pages.push(html);
        }
        if pages.len() == n {
            break;
        }
    }
    pages
}

/// One WARC record (headers in order, then the block), gzipped as its own member.
fn warc_record(headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut record = b"WARC/1.0\r\n".to_vec();
    for (k, v) in headers {
        record.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    record.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&record).unwrap();
    gz.finish().unwrap()
}

fn response(uri: &str, id: usize, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block =
        format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len())
            .into_bytes();
    block.extend_from_slice(body);
    warc_record(
        &[
            ("WARC-Type", "response"),
            ("WARC-Record-ID", &format!("<urn:uuid:00000000-0000-0000-0000-{id:012}>")),
            ("WARC-Date", "2019-11-19T10:00:00Z"),
            ("WARC-Target-URI", uri),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        &block,
    )
}

#[test]
fn a_web_archive_of_saved_pages_is_read_record_by_record_past_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let pages = saved_pages(3);
    assert_eq!(pages.len(), 3);
    let mut archive = warc_record(
        &[("WARC-Type", "warcinfo"), ("WARC-Record-ID", "<urn:uuid:1>"), ("WARC-Date", "2019-11-19T10:00:00Z")],
        b"software: newskg test\r\n",
    );
    for (i, page) in pages.iter().enumerate() {
        archive.extend(response(
            &format!("https://archive.example.org/page/{i}"),
            i,
            "text/html; charset=utf-8",
            page.as_bytes(),
        ));
    }
    archive.extend(response("https://archive.example.org/logo.png", 7, "image/png", b"\x89PNG\r\n\x1a\n"));
    // A broken record: no Content-Length, garbage for a block.
    let mut broken = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    broken.write_all(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: yesterday\r\n\r\n<html>junk\r\n\r\n").unwrap();
    archive.extend(broken.finish().unwrap());
    // A page without a date of its own, after the broken record: the date is the record's.
    let undated = format!("<html><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>");
    archive.extend(response("https://archive.example.org/undated", 9, "text/html", undated.as_bytes()));
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, &archive).unwrap();

    let (nq, err) = extract(&[&path], 1);
    let p = path.display().to_string();
    assert!(
        err.contains(&format!("newskg: error: {p}[5]: broken WARC record: record without Content-Length\n")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "newskg: {p}: 4 HTML pages, 1 responses not HTML skipped, 1 other records (request, metadata...) skipped, \
             1 records failed\n"
        )),
        "{err}"
    );
    for i in 0..3 {
        let url = format!("https://archive.example.org/page/{i}");
        let a = article_iri(&url);
        assert!(has(&nq, &a, "<https://schema.org/url>", &format!("<{url}>")), "{url}\n{err}");
        let text = nq
            .lines()
            .find(|l| {
                l.starts_with(&format!("{a} <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString>"))
            })
            .unwrap_or_else(|| panic!("{url} has a text"));
        assert!(text.len() > 500, "{url}: the article body is read: {text:.300}");
    }
    let a = article_iri("https://archive.example.org/undated");
    assert!(has(
        &nq,
        &a,
        "<https://schema.org/datePublished>",
        "\"2019-11-19\"^^<http://www.w3.org/2001/XMLSchema#date>"
    ));
    assert!(nq.contains("<https://w3id.org/newskg/id/person/ana-ruiz>"));

    // Uncompressed, and named by --input-format: the same pages.
    let plain = dir.path().join("crawl.bin");
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(archive.as_slice()), &mut raw).unwrap();
    std::fs::write(&plain, raw).unwrap();
    let out = newskg()
        .args(["extract", plain.to_str().unwrap(), "--input-format", "warc", "--format", "nquads"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), nq);
}
