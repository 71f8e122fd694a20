//! Saved HTML pages as input: metadata from JSON-LD or meta tags, text from the article
//! body, offsets into that text, and the walk, stdin and error paths.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use predicates::prelude::*;

use super::{extract_nquads, newskg};

const NEWS_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Scholz and Macron meet | Example Times</title>
<meta property="og:title" content="Not this one">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Scholz and Macron meet in Paris",
 "datePublished": "2020-02-02T08:00:00Z",
 "author": {"@type": "Person", "name": "Lena Frost"},
 "publisher": {"@type": "NewsMediaOrganization", "name": "Example Times"},
 "url": "https://times.example.org/2020/02/scholz-macron"}
</script>
</head><body>
<header><nav><ul><li>World</li></ul><p>Subscribe to the Example Times</p></nav></header>
<main><article>
  <h1>Scholz and Macron meet in Paris</h1>
  <p class="byline">By Lena Frost</p>
  <p>PARIS — German Chancellor Olaf Scholz met French President Emmanuel
     Macron in Paris on Saturday.</p>
  <p>“We spoke about Europe,” Scholz said. Zoë Martín, a spokesperson, confirmed the talks.</p>
  <aside><p>Related: Macron visits Berlin</p></aside>
</article></main>
<footer><p>© 2020 Example Times</p></footer>
</body></html>"#;

/// (subject, predicate, object) of every quad of an extract run, parsed.
fn quads(nq: &[String]) -> Vec<oxigraph::model::Quad> {
    RdfParser::from_format(RdfFormat::NQuads).for_slice(nq.join("\n").as_bytes()).map(|q| q.unwrap()).collect()
}

#[test]
fn a_news_page_becomes_an_article_with_offsets_into_its_body_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("story.html");
    std::fs::write(&page, NEWS_PAGE).unwrap();
    let nq = extract_nquads(&[page.to_str().unwrap()]);
    let all = nq.join("\n");
    let article = "<https://w3id.org/newskg/id/article/https%3A%2F%2Ftimes.example.org%2F2020%2F02%2Fscholz-macron>";
    assert!(
        all.contains(&format!("{article} <https://schema.org/headline> \"Scholz and Macron meet in Paris\"")),
        "{all}"
    );
    assert!(all.contains("<https://schema.org/datePublished> \"2020-02-02\"^^<http://www.w3.org/2001/XMLSchema#date>"));
    assert!(all.contains("<https://schema.org/author> <https://w3id.org/newskg/id/person/lena-frost>"));
    assert!(all.contains("<https://w3id.org/newskg/ontology#sourceName> \"Example Times\""));
    assert!(all.contains("<https://schema.org/url> <https://times.example.org/2020/02/scholz-macron>"));
    let quads = quads(&nq);
    let text = quads
        .iter()
        .find(|q| q.predicate.as_str().ends_with("nif-core#isString"))
        .map(|q| match &q.object {
            Term::Literal(l) => l.value().to_owned(),
            _ => panic!("isString is a literal"),
        })
        .unwrap();
    assert_eq!(
        text,
        "PARIS — German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Saturday.\n\
         “We spoke about Europe,” Scholz said. Zoë Martín, a spokesperson, confirmed the talks."
    );
    // (An advertisement block between the paragraphs of so short a page stays in:
    // trafilatura's rules do not take it out.)
    for noise in ["Subscribe", "Related", "©", "By Lena"] {
        assert!(!text.contains(noise), "{noise} is not body text");
    }
    // Every span's anchor is the slice of the text its offsets (code points) give.
    let chars: Vec<char> = text.chars().collect();
    let value = |s: &oxigraph::model::NamedOrBlankNode, p: &str| -> String {
        quads
            .iter()
            .find(|q| &q.subject == s && q.predicate.as_str().ends_with(p))
            .map(|q| match &q.object {
                Term::Literal(l) => l.value().to_owned(),
                o => o.to_string(),
            })
            .unwrap()
    };
    let spans: Vec<_> =
        quads.iter().filter(|q| q.predicate.as_str().ends_with("#anchorOf")).map(|q| q.subject.clone()).collect();
    assert!(spans.len() > 5, "entities, sentences and paragraphs have spans");
    for s in &spans {
        let (b, e): (usize, usize) = (value(s, "#beginIndex").parse().unwrap(), value(s, "#endIndex").parse().unwrap());
        assert_eq!(chars[b..e].iter().collect::<String>(), value(s, "#anchorOf"), "span {s}");
    }
    assert!(all.contains("<https://w3id.org/newskg/id/person/olaf-scholz>"), "extraction runs on the body");
    assert!(all.contains("<http://www.w3.org/2000/01/rdf-schema#label> \"Emmanuel Macron\""));
}

#[test]
fn directories_stdin_and_forced_format_read_html() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.htm"), NEWS_PAGE).unwrap();
    std::fs::write(dir.path().join("ignored.css"), "p { color: red }").unwrap();
    let out = newskg().args(["extract", dir.path().to_str().unwrap(), "--format", "nquads"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().contains("Scholz and Macron meet in Paris"));
    // stdin: sniffed from the doctype, or forced.
    for args in [
        vec!["extract", "-", "--format", "nquads"],
        vec!["extract", "-", "--input-format", "html", "--format", "nquads"],
    ] {
        newskg()
            .args(&args)
            .write_stdin(NEWS_PAGE)
            .assert()
            .success()
            .stdout(predicate::str::contains("<https://w3id.org/newskg/id/person/olaf-scholz>"));
    }
    // Meta tags and the densest block of paragraphs, without JSON-LD or <article>.
    let page = r#"<html><head><meta property="og:title" content="Court charges mayor">
<meta property="article:published_time" content="2014-03-12T10:00:00+01:00"><meta name="author" content="Ana Ruiz">
</head><body><div class="menu"><p>Home</p></div><div id="story">
<p>The court charged former mayor Tom Baker on Tuesday.</p><p>Prosecutors said the contracts were rigged.</p>
</div></body></html>"#;
    newskg()
        .args(["extract", "-", "--format", "nquads"])
        .write_stdin(page)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("<https://schema.org/headline> \"Court charges mayor\"")
                .and(predicate::str::contains("\"2014-03-12\"^^<http://www.w3.org/2001/XMLSchema#date>"))
                .and(predicate::str::contains("\"The court charged former mayor Tom Baker on Tuesday.\\nProsecutors said the contracts were rigged.\"")),
        );
}

#[test]
fn a_page_without_body_text_is_an_error_for_that_page_only() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.html"), "<html><body><nav><p>Menu</p></nav></body></html>").unwrap();
    std::fs::write(dir.path().join("good.html"), NEWS_PAGE).unwrap();
    newskg()
        .args(["extract", dir.path().to_str().unwrap(), "--format", "nquads"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("empty.html: empty article"))
        .stdout(predicate::str::contains("Scholz and Macron meet in Paris"));
}
