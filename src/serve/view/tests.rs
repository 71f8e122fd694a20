//! Tests of the pages through `Service::handle` (no sockets): the seed article and its
//! people, hostile strings in every field, paging newest first, the same pages with and
//! without the catalog, RDF descriptions and errors.

use std::io::Read;

use oxhttp::model::{Body, Request, StatusCode};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use super::{href, Ctx};
use crate::rdf::vocab::{nif, nkg, schema};
use crate::serve::{Options, Service};
use crate::store::Store;

const SEED: &str = "https://w3id.org/newskg/id/article/sha256%3A9276e29de8c2971cb7806003a856265d";
const MUSK: &str = "https://w3id.org/newskg/id/person/elon-musk";

fn node(s: &str) -> NamedNode {
    NamedNode::new(s).unwrap()
}

/// A store holding the example articles, as `ingest` writes them.
fn examples() -> Store {
    let store = Store::in_memory().unwrap();
    let rules = crate::Rules::builtin().unwrap();
    let minter = crate::rdf::Minter::default();
    let inputs = [std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))];
    for article in crate::article::read_inputs(&inputs, Default::default()) {
        let article = article.unwrap();
        let quads = crate::rdf::to_quads(&article, &crate::extract(&article, &rules), &minter, Default::default());
        store.replace_graph(&minter.article(&article.id).unwrap(), &quads.unwrap()).unwrap();
    }
    store
}

/// Adds the triples `(s, p, o)` to graph `g`.
fn add(store: &Store, g: &NamedNode, triples: Vec<(NamedNode, NamedNode, Term)>) {
    let quads: Vec<Quad> =
        triples.into_iter().map(|(s, p, o)| Quad::new(s, p, o, GraphName::NamedNode(g.clone()))).collect();
    store.add_quads(&quads).unwrap();
}

fn lit(s: &str) -> Term {
    Literal::new_simple_literal(s).into()
}

fn int(n: usize) -> Term {
    Literal::new_typed_literal(n.to_string(), oxigraph::model::vocab::xsd::NON_NEGATIVE_INTEGER).into()
}

fn rdf_type() -> NamedNode {
    oxigraph::model::vocab::rdf::TYPE.into_owned()
}

/// (status, content type, body) of a GET.
fn get(service: &Service, path: &str, accept: &str) -> (StatusCode, String, String) {
    let mut request = Request::builder().uri(path).header("Accept", accept).body(Body::empty()).unwrap();
    let response = service.handle(&mut request);
    let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let status = response.status();
    let mut body = String::new();
    response.into_body().read_to_string(&mut body).unwrap();
    (status, kind, body)
}

fn page(service: &Service, path: &str) -> String {
    let (status, kind, body) = get(service, path, "text/html");
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    assert!(kind.starts_with("text/html"), "{kind}");
    body
}

fn view(service: &Service, iri: &str) -> String {
    page(service, &href(&node(iri)))
}

fn build_catalog(service: &Service) {
    service.view.build(&Ctx::unlimited(&service.store)).unwrap();
}

#[test]
fn the_seed_article_shows_its_evidence_and_links_its_people() {
    let service = Service::new(examples(), Options::default());
    let html = view(&service, SEED);
    assert!(html.matches("<mark ").count() >= 10, "{} marks", html.matches("<mark ").count());
    assert!(html.contains(">Elon Musk</mark>"));
    assert!(html.contains(&format!("href=\"{}\"", href(&node(MUSK)))), "Musk is linked");
    assert!(html.contains("name.typed-chunk"), "rule ids are shown");
    assert_eq!(html.matches("<script>").count(), 1, "only the page's own script");

    let musk = view(&service, MUSK);
    assert!(musk.contains("Amir Saeid Iravani"), "Musk's page names Iravani, whom he met");
    assert!(musk.contains(">Meeting</a>"));
    assert!(musk.contains(&format!("href=\"{}\"", href(&node(SEED)))), "and links back to the article");
}

#[test]
fn fact_pages_mark_the_evidence_in_its_sentence() {
    let service = Service::new(examples(), Options::default());
    let meeting = format!("{SEED}/event/205-212-Meeting");
    let html = view(&service, &meeting);
    assert!(html.contains("<div class=\"sentence\">The <mark class=\"k-event\""), "{html}");
    assert!(html.contains(">meeting</mark>, which included Iran’s U.N. Ambassador Amir Saeid Iravani"));
    assert!(html.contains(&format!("{}#m", href(&node(SEED)))), "links to its place in the article");
    // A span: its sentence and the facts it is evidence for.
    let span = view(&service, &format!("{SEED}/span/104-113"));
    assert!(span.contains(">Elon Musk</mark>") && span.contains(&href(&node(MUSK))), "{span}");
}

#[test]
fn rdf_descriptions_and_errors() {
    let service = Service::new(examples(), Options::default());
    let (status, kind, body) = get(&service, &href(&node(MUSK)), "text/turtle");
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/turtle"));
    assert!(body.contains("\"Elon Musk\""), "{body}");
    let (_, kind, body) = get(&service, &href(&node(MUSK)), "application/n-triples");
    assert!(kind.starts_with("application/n-triples"));
    let lines: Vec<&str> = body.lines().collect();
    let mut unique = lines.clone();
    unique.dedup();
    assert_eq!(lines, unique, "no triple twice");
    assert!(lines.iter().all(|l| l.starts_with(&format!("<{MUSK}>"))));
    assert_eq!(get(&service, "/view?iri=http://example.org/nothing", "text/turtle").0, StatusCode::NOT_FOUND);
    let (status, _, body) = get(&service, "/view?iri=http://example.org/nothing", "text/html");
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Not in this store"));
    assert_eq!(get(&service, "/view", "text/html").0, StatusCode::BAD_REQUEST);
    assert_eq!(get(&service, "/view?iri=not%20an%20iri", "text/html").0, StatusCode::BAD_REQUEST);
    assert_eq!(get(&service, "/view?iri=http://example.org/x", "image/png").0, StatusCode::NOT_ACCEPTABLE);
    // Any other node: its triples and what points to it.
    let html = view(&service, "http://www.wikidata.org/entity/Q30");
    assert!(html.contains("Pointed to by") && html.contains("united-states"), "{html}");
}

/// An article whose every field is hostile.
fn hostile(store: &Store) -> (NamedNode, NamedNode) {
    let g = node("http://example.org/article/evil?a=1&b='2'");
    let person = node("http://example.org/person/o'brien&co");
    let text = "<script>window.pwned=1</script> & \"quoted\" <img src=x onerror=alert(1)> met O'Brien & <b>Co</b>.";
    let at = |s: &str| text[..text.find(s).unwrap()].chars().count();
    let span = |n: usize| node(&format!("http://example.org/article/evil/span/{n}"));
    let event = node("http://example.org/article/evil/event/1");
    add(
        store,
        &g,
        vec![
            (g.clone(), rdf_type(), nkg::ARTICLE.into_owned().into()),
            (g.clone(), schema::HEADLINE.into_owned(), lit("<script>alert('headline')</script> & \"more\"")),
            (g.clone(), schema::DATE_PUBLISHED.into_owned(), lit("2024-01-02")),
            (g.clone(), nif::IS_STRING.into_owned(), lit(text)),
            (g.clone(), nkg::MENTIONS.into_owned(), person.clone().into()),
            (person.clone(), rdf_type(), nkg::PERSON.into_owned().into()),
            (person.clone(), oxigraph::model::vocab::rdfs::LABEL.into_owned(), lit("O'Brien & <b>Co</b>")),
            (person.clone(), nkg::NAME_KEY.into_owned(), lit("o'brien & <b>co</b>")),
            (person.clone(), nkg::RULE.into_owned(), lit("<rule onclick=x>")),
            (person.clone(), nkg::EVIDENCE.into_owned(), span(1).into()),
            (span(1), nif::BEGIN_INDEX.into_owned(), int(at("O'Brien"))),
            (span(1), nif::END_INDEX.into_owned(), int(text.chars().count() - 1)),
            (span(1), rdf_type(), nkg::SPAN.into_owned().into()),
            (event.clone(), rdf_type(), nkg::EVENT.into_owned().into()),
            (event.clone(), rdf_type(), nkg::MEETING.into_owned().into()),
            (event.clone(), nkg::PARTICIPANT.into_owned(), person.clone().into()),
            (event.clone(), nkg::EVIDENCE.into_owned(), span(2).into()),
            (span(2), nif::BEGIN_INDEX.into_owned(), int(at("<img"))),
            (span(2), nif::END_INDEX.into_owned(), int(at("met") + 3)),
        ],
    );
    (g, person)
}

fn assert_escaped(html: &str) {
    for injected in ["<script>window", "<script>alert", "<img", "<b>", "<rule"] {
        assert!(!html.contains(injected), "{injected} was not escaped:\n{html}");
    }
    assert!(html.matches("<script>").count() <= 1, "only the page's own script");
}

#[test]
fn hostile_strings_are_escaped_everywhere() {
    let store = Store::in_memory().unwrap();
    let (g, person) = hostile(&store);
    let service = Service::new(store, Options::default());
    let article = view(&service, g.as_str());
    assert_escaped(&article);
    assert!(article.contains("&lt;script&gt;window.pwned=1&lt;/script&gt; &amp; &quot;quoted&quot;"), "{article}");
    assert!(article.contains(">O'Brien &amp; &lt;b&gt;Co&lt;/b&gt;</mark>"), "{article}");
    assert!(article.contains(&format!("href=\"{}\"", href(&person))), "the person is linked");
    for path in [
        href(&person),
        href(&node("http://example.org/article/evil/event/1")),
        href(&node("http://example.org/article/evil/span/2")),
        "/search?q=o%27brien".to_owned(),
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_owned(),
    ] {
        let html = page(&service, &path);
        assert_escaped(&html);
    }
    assert!(page(&service, "/search?q=o%27brien").contains("O'Brien &amp; &lt;b&gt;Co&lt;/b&gt;"));
}

/// 250 articles naming one person (every 50th without a date), each with an event.
fn many(store: &Store) -> NamedNode {
    let x = node("http://example.org/person/xavier-test");
    for i in 0..250 {
        let g = node(&format!("http://example.org/article/a{i:03}"));
        let s = node(&format!("http://example.org/article/a{i:03}/span/0-12"));
        let ev = node(&format!("http://example.org/article/a{i:03}/event/13-16"));
        let mut triples = vec![
            (g.clone(), rdf_type(), nkg::ARTICLE.into_owned().into()),
            (g.clone(), schema::HEADLINE.into_owned(), lit(&format!("Story {i}"))),
            (g.clone(), nif::IS_STRING.into_owned(), lit("Xavier Test met Yolanda Other.")),
            (g.clone(), nkg::MENTIONS.into_owned(), x.clone().into()),
            (x.clone(), rdf_type(), nkg::PERSON.into_owned().into()),
            (x.clone(), oxigraph::model::vocab::rdfs::LABEL.into_owned(), lit("Xavier Test")),
            (x.clone(), nkg::NAME_KEY.into_owned(), lit("xavier test")),
            (x.clone(), nkg::EVIDENCE.into_owned(), s.clone().into()),
            (s.clone(), nif::BEGIN_INDEX.into_owned(), int(0)),
            (s.clone(), nif::END_INDEX.into_owned(), int(12)),
            (ev.clone(), rdf_type(), nkg::MEETING.into_owned().into()),
            (ev.clone(), nkg::PARTICIPANT.into_owned(), x.clone().into()),
        ];
        if i % 50 != 7 {
            let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(i as u64 % 100);
            triples.push((g.clone(), schema::DATE_PUBLISHED.into_owned(), lit(&day.to_string())));
        }
        add(store, &g, triples);
    }
    x
}

#[test]
fn long_lists_are_paged_newest_first_with_or_without_the_catalog() {
    let store = Store::in_memory().unwrap();
    let x = many(&store);
    let service = Service::new(store, Options::default());
    let paths = [
        href(&x),
        format!("{}&list=articles&page=3", href(&x)),
        format!("{}&list=events&page=2", href(&x)),
        "/search?q=TEST".to_owned(),
    ];
    let without: Vec<String> = paths.iter().map(|p| page(&service, p)).collect();
    build_catalog(&service);
    let with: Vec<String> = paths.iter().map(|p| page(&service, p)).collect();
    let hits = |html: &str| html[html.find("<table").unwrap()..].to_owned();
    for (p, (a, b)) in paths.iter().zip(without.iter().zip(&with)) {
        if p.starts_with("/search") {
            assert_eq!(hits(a), hits(b), "{p} finds other entities with the catalog");
        } else {
            assert_eq!(a, b, "{p} differs with the catalog");
        }
    }
    assert!(with[0].contains("Events (250)"));
    let first = &with[0][with[0].find("id=\"articles\"").unwrap()..];
    assert!(first.contains("Articles (250)"));
    assert!(first.contains("Showing 1–100 of 250"));
    // Newest first: the three articles of 2024-04-09 (i = 99, 199, 299 - 1), by IRI.
    let newest = first.find("Story 99<").unwrap();
    assert!(
        newest < first.find("Story 199<").unwrap()
            && first.find("Story 199<").unwrap() < first.find("Story 98<").unwrap()
    );
    // The last page ends with the undated articles, by IRI.
    let last = &with[1];
    assert_eq!(last.matches("class=\"snippet\"").count(), 50);
    let undated: Vec<usize> =
        [7, 57, 107, 157, 207].iter().map(|i| last.find(&format!("Story {i}<")).unwrap()).collect();
    assert!(undated.windows(2).all(|w| w[0] < w[1]), "undated last, by IRI");
    assert!(last.contains("← newer") && !last.contains("older →"));
    assert!(with[3].contains("Xavier Test") && with[3].contains("250"));
}

#[test]
fn pages_after_a_write_read_the_dates_the_catalog_lacks() {
    let store = Store::in_memory().unwrap();
    let x = many(&store);
    let service = Service::new(store, Options { writable: true, ..Options::default() });
    build_catalog(&service);
    let g = node("http://example.org/article/zzz-new");
    add(
        &service.store,
        &g,
        vec![
            (g.clone(), schema::HEADLINE.into_owned(), lit("Brand new")),
            (g.clone(), schema::DATE_PUBLISHED.into_owned(), lit("2030-01-01")),
            (g.clone(), nkg::MENTIONS.into_owned(), x.clone().into()),
        ],
    );
    service.view.store_changed();
    let html = view(&service, x.as_str());
    let articles = &html[html.find("id=\"articles\"").unwrap()..];
    assert!(articles.contains("Articles (251)"));
    assert!(articles.find("Brand new").unwrap() < articles.find("Story 99<").unwrap(), "the new article is the newest");
}
