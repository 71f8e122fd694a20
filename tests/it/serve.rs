//! `newskg serve` over real HTTP: the binary is started on a free loopback port and driven
//! with an HTTP client (ureq): SPARQL Protocol queries and content negotiation, the Graph
//! Store Protocol, read-only refusals, writes with --writable, limits and CORS.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfParser};

use super::{fixture, newskg, temp_store};

/// A running `newskg serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Starts `newskg serve --store STORE --bind 127.0.0.1:0 EXTRA...` and waits for its
    /// "listening on ADDR" line (five minutes at most: no guess at how long it takes).
    pub fn start(store: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("newskg"))
            .args(["serve", "--store", store.to_str().unwrap(), "--bind", "127.0.0.1:0"])
            .args(extra)
            .env_remove("NEWSKG_STORE")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("newskg serve starts");
        let lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let (tx, rx) = mpsc::channel();
        // Reads stderr to the end (so the server never blocks on it), handing over the
        // address, or what it said before it exited.
        std::thread::spawn(move || {
            let mut seen = String::new();
            let mut told = false;
            for line in lines.map_while(Result::ok) {
                if let Some(addr) = line.split("listening on ").nth(1).filter(|_| !told) {
                    told = tx.send(Ok(addr.trim().to_owned())).is_ok();
                }
                seen.push_str(&line);
                seen.push('\n');
            }
            let _ = tx.send(Err(seen));
        });
        let addr = match rx.recv_timeout(Duration::from_secs(300)) {
            Ok(Ok(addr)) => addr,
            Ok(Err(seen)) => {
                let status = child.wait().unwrap();
                panic!("newskg serve exited ({status}) before listening:\n{seen}");
            }
            Err(e) => {
                let _ = child.kill();
                panic!("newskg serve did not say it was listening within five minutes ({e})");
            }
        };
        Server { child, base: format!("http://{addr}") }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP client that returns error statuses as responses.
pub fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(300)))
        .build()
        .into()
}

/// (status, content type, body) of a response.
pub fn read(resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String, String) {
    let mut resp = resp.expect("request is answered");
    let status = resp.status().as_u16();
    let kind = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let body = resp.body_mut().read_to_string().expect("body is text");
    (status, kind, body)
}

/// A store holding the test fixtures.
fn fixture_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, store) = temp_store();
    for f in ["wire-summit.txt", "wikinews-court.txt", "record.json"] {
        newskg().args(["ingest", "--store", store.to_str().unwrap(), fixture(f).to_str().unwrap()]).assert().success();
    }
    (dir, store)
}

fn sorted_lines(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect();
    v.sort();
    v
}

/// Parses RDF into sorted N-Triples lines.
fn triples(format: RdfFormat, body: &str) -> Vec<String> {
    let mut v: Vec<String> = RdfParser::from_format(format)
        .for_slice(body.as_bytes())
        .map(|q| {
            let q = q.expect("valid RDF");
            format!("{} {} {} .", q.subject, q.predicate, q.object)
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

const COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";

#[test]
fn queries_by_get_and_post_match_the_command_line_in_every_result_format() {
    let (_dir, store) = fixture_store();
    let server = Server::start(&store, &[]);
    let http = client();
    let q = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
             SELECT ?e ?label WHERE { ?e a <https://w3id.org/newskg/ontology#Person> ; rdfs:label ?label } ORDER BY ?e ?label";
    for (accept, cli_format, kind) in [
        ("application/sparql-results+json", "json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "xml", "application/sparql-results+xml"),
        ("text/csv", "csv", "text/csv"),
        ("text/tab-separated-values", "tsv", "text/tab-separated-values"),
    ] {
        let cli = newskg()
            .args(["query", "--store", store.to_str().unwrap(), "-e", q, "--format", cli_format])
            .output()
            .unwrap();
        assert!(cli.status.success());
        let expected = String::from_utf8(cli.stdout).unwrap();
        assert!(expected.contains("person/"), "the fixtures have people: {expected}");
        let (status, got_kind, get) =
            read(http.get(server.url("/sparql")).query("query", q).header("Accept", accept).call());
        assert_eq!(status, 200, "{get}");
        assert!(got_kind.starts_with(kind), "{got_kind} for {accept}");
        assert_eq!(get, expected, "GET with Accept: {accept}");
        let (status, _, post) = read(
            http.post(server.url("/sparql"))
                .header("Content-Type", "application/sparql-query")
                .header("Accept", accept)
                .send(q),
        );
        assert_eq!((status, &post), (200, &expected), "POST sparql-query with Accept: {accept}");
        let (status, _, form) =
            read(http.post(server.url("/query")).header("Accept", accept).send_form([("query", q)]));
        assert_eq!((status, &form), (200, &expected), "POST form with Accept: {accept}");
    }
    // No Accept header: JSON; quality values are honoured; nothing acceptable: 406.
    let (_, kind, _) = read(http.get(server.url("/sparql")).query("query", COUNT).call());
    assert!(kind.starts_with("application/sparql-results+json"), "{kind}");
    let (_, kind, _) = read(
        http.get(server.url("/sparql"))
            .query("query", COUNT)
            .header("Accept", "text/csv;q=0.5, application/sparql-results+xml")
            .call(),
    );
    assert!(kind.starts_with("application/sparql-results+xml"), "{kind}");
    let (status, _, _) =
        read(http.get(server.url("/sparql")).query("query", COUNT).header("Accept", "image/png").call());
    assert_eq!(status, 406);
    // ASK.
    let (status, _, body) = read(http.get(server.url("/sparql")).query("query", "ASK { ?s a ?t }").call());
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["boolean"], true);
}

#[test]
fn construct_and_graph_store_reads_give_the_stored_triples() {
    let (_dir, store) = fixture_store();
    let server = Server::start(&store, &[]);
    let http = client();
    let graph = "https://w3id.org/newskg/id/article/single-1";
    let export = newskg()
        .args(["export", "--store", store.to_str().unwrap(), "--graph", graph, "--format", "ntriples"])
        .output()
        .unwrap();
    let expected = sorted_lines(&String::from_utf8(export.stdout).unwrap());
    assert!(expected.len() > 10);
    for (accept, format) in [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("application/rdf+xml", RdfFormat::RdfXml),
        ("application/ld+json", RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() }),
    ] {
        let (status, kind, body) =
            read(http.get(server.url("/store")).query("graph", graph).header("Accept", accept).call());
        assert_eq!(status, 200, "{body}");
        assert!(kind.starts_with(accept), "{kind}");
        assert_eq!(triples(format, &body), expected, "graph store GET as {accept}");
        // SPARQL sees ingest's bookkeeping (the fingerprint), which reads leave out.
        let construct = format!(
            "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} \
             FILTER(?p != <https://w3id.org/newskg/ontology#extractionFingerprint>) }}"
        );
        let (status, _, body) =
            read(http.get(server.url("/sparql")).query("query", &construct).header("Accept", accept).call());
        assert_eq!(status, 200, "{body}");
        assert_eq!(triples(format, &body), expected, "CONSTRUCT as {accept}");
    }
    // JSON-LD reads naturally: compacted with the published context.
    let (_, _, body) =
        read(http.get(server.url("/store")).query("graph", graph).header("Accept", "application/ld+json").call());
    assert!(body.contains("\"@context\"") && body.contains("\"evidence\""), "{body}");
    // The whole dataset, with its graphs.
    let (status, kind, body) = read(http.get(server.url("/store")).header("Accept", "application/n-quads").call());
    assert_eq!(status, 200);
    assert!(kind.starts_with("application/n-quads"));
    assert!(body.lines().any(|l| l.ends_with(&format!("<{graph}> ."))), "quads keep their graph");
    // ?default is the union of the article graphs.
    let (status, _, body) =
        read(http.get(server.url("/store?default")).header("Accept", "application/n-triples").call());
    assert_eq!(status, 200);
    assert!(triples(RdfFormat::NTriples, &body).len() > expected.len());
    // default-graph-uri narrows the default graph to one article.
    let (_, _, body) = read(
        http.get(server.url("/sparql"))
            .query("query", COUNT)
            .query("default-graph-uri", graph)
            .header("Accept", "text/csv")
            .call(),
    );
    // (SPARQL counts the article's fingerprint too.)
    assert_eq!(body.lines().nth(1), Some((expected.len() + 1).to_string().as_str()), "{body}");
    // Unknown graph, unknown path.
    let (status, _, _) = read(http.get(server.url("/store")).query("graph", "https://example.org/none").call());
    assert_eq!(status, 404);
    let (status, _, _) = read(http.get(server.url("/nothing-here")).call());
    assert_eq!(status, 404);
}

#[test]
fn read_only_by_default_and_bad_requests_are_named() {
    let (_dir, store) = fixture_store();
    let server = Server::start(&store, &[]);
    let http = client();
    let (status, _, body) = read(
        http.post(server.url("/sparql"))
            .header("Content-Type", "application/sparql-update")
            .send("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"),
    );
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("read-only"), "{body}");
    let (status, _, _) = read(
        http.put(server.url("/store?graph=urn:x"))
            .header("Content-Type", "text/turtle")
            .send("<urn:a> <urn:b> <urn:c> ."),
    );
    assert_eq!(status, 403);
    let (status, _, _) =
        read(http.delete(server.url("/store?graph=https://w3id.org/newskg/id/article/single-1")).call());
    assert_eq!(status, 403);
    let (status, _, body) = read(http.get(server.url("/sparql")).query("query", "SELECT WHERE {").call());
    assert_eq!(status, 400);
    assert!(body.starts_with("invalid SPARQL query"), "{body}");
    let (status, _, _) = read(http.get(server.url("/sparql")).call());
    assert_eq!(status, 400);
    let (status, _, _) = read(http.post(server.url("/sparql")).header("Content-Type", "text/plain").send("x"));
    assert_eq!(status, 415);
    // SERVICE must not make the server fetch other addresses.
    let (status, _, _) = read(
        http.get(server.url("/sparql"))
            .query("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
            .call(),
    );
    assert_ne!(status, 200);
    // The store is unchanged.
    let (_, _, body) =
        read(http.get(server.url("/sparql")).query("query", "ASK { GRAPH <urn:x> { ?s ?p ?o } }").call());
    assert!(body.contains("false"), "{body}");
}

#[test]
fn the_query_page_the_queries_and_the_context_are_served() {
    let (_dir, store) = fixture_store();
    let server = Server::start(&store, &[]);
    let http = client();
    let (status, kind, body) = read(http.get(server.url("/")).call());
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/html"));
    assert!(body.contains("<textarea") && body.contains("/queries.json"), "{body}");
    let (status, _, body) = read(http.get(server.url("/queries.json")).call());
    assert_eq!(status, 200);
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|q| q["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), newskg::queries::all().len());
    assert!(names.contains(&"who-met-whom"));
    // Every ready-made query runs through the protocol.
    for q in list.as_array().unwrap() {
        let (status, _, body) =
            read(http.post(server.url("/sparql")).send_form([("query", q["sparql"].as_str().unwrap())]));
        assert_eq!(status, 200, "{}: {body}", q["name"]);
    }
    let (status, kind, body) = read(http.get(server.url("/context.jsonld")).call());
    assert_eq!(status, 200);
    assert!(kind.starts_with("application/ld+json"));
    assert_eq!(body, newskg::jsonld::CONTEXT);
}

#[test]
fn the_pages_of_the_graph_over_http() {
    let (_dir, store) = fixture_store();
    let server = Server::start(&store, &[]);
    let http = client();
    let (_, _, body) = read(http.get(server.url("/")).call());
    assert!(body.contains("\"/view?iri=\" + encodeURIComponent") && body.contains("action=\"/search\""));
    let graph = "https://w3id.org/newskg/id/article/sha256%3A83007de033fb2155181bb4da292180bc";
    let resp = http.get(server.url("/view")).query("iri", graph).header("Accept", "text/html").call().unwrap();
    let csp = resp.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert_eq!(resp.headers().get("vary").and_then(|v| v.to_str().ok()), Some("Accept"));
    let (status, kind, page) = read(Ok(resp));
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/html"));
    assert!(page.contains("<mark class=\"k-person\"") && page.contains(">Anna Keller</a>"), "{page}");
    let (status, kind, turtle) =
        read(http.get(server.url("/view")).query("iri", graph).header("Accept", "text/turtle").call());
    assert_eq!((status, kind.starts_with("text/turtle")), (200, true));
    assert!(triples(RdfFormat::Turtle, &turtle).iter().all(|t| t.starts_with(&format!("<{graph}>"))));
    let (status, _, hits) = read(http.get(server.url("/search")).query("q", "KEL").call());
    assert_eq!(status, 200);
    assert!(hits.contains(">Anna Keller</a>"), "{hits}");
    let (status, _, _) = read(http.post(server.url("/view")).query("iri", graph).send(""));
    assert_eq!(status, 405);
    // Quotations and texts by their words, through the word index.
    let (status, _, quotes) = read(http.get(server.url("/search")).query("q", "TALKING").query("in", "quotes").call());
    assert_eq!(status, 200);
    assert!(quotes.contains("<mark>talking</mark>") && quotes.contains(">Anna Keller</a>"), "{quotes}");
    assert!(quotes.contains("href=\"/search?q=TALKING&amp;in=text\""), "links to the other lists: {quotes}");
    let (_, _, texts) = read(http.get(server.url("/search")).query("q", "geneva").query("in", "text").call());
    assert!(texts.contains("<mark>GENEVA</mark>"), "{texts}");
    let (_, _, none) = read(http.get(server.url("/search")).query("q", "<&>").query("in", "quotes").call());
    assert!(none.contains("“&lt;&amp;&gt;” holds no word to search for"), "{none}");
}

#[test]
fn graph_store_writes_keep_the_word_index_and_updates_mark_it_stale() {
    let (_dir, store) = temp_store();
    let search = |words: &str| {
        let out = newskg().args(["search", "--store", store.to_str().unwrap(), words]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let g = "https://example.org/graph/1";
    let label =
        |name: &str| format!("<https://example.org/zq> <http://www.w3.org/2000/01/rdf-schema#label> \"{name}\" .");
    {
        let server = Server::start(&store, &["--writable"]);
        let http = client();
        let gsp = server.url(&format!("/store?graph={g}"));
        let (status, _, _) = read(http.put(&gsp).header("Content-Type", "text/turtle").send(label("Zelda Quill")));
        assert_eq!(status, 201);
        let (status, _, _) = read(http.put(&gsp).header("Content-Type", "text/turtle").send(label("Yara Quill")));
        assert_eq!(status, 204);
    }
    let (hits, stderr) = search("quill");
    assert!(hits.contains("Yara Quill") && !hits.contains("Zelda"), "PUT replaces: {hits}");
    assert!(!stderr.contains("stale"), "{stderr}");
    {
        let server = Server::start(&store, &["--writable"]);
        let http = client();
        let (status, _, _) = read(http.delete(server.url(&format!("/store?graph={g}"))).call());
        assert_eq!(status, 204);
    }
    let (hits, stderr) = search("quill");
    assert!(hits.is_empty() && !stderr.contains("stale"), "{hits} {stderr}");
    {
        let server = Server::start(&store, &["--writable"]);
        let update = "INSERT DATA { GRAPH <https://example.org/graph/2> { <urn:s> <urn:p> <urn:o> } }";
        let (status, _, _) = read(client().post(server.url("/update")).send_form([("update", update)]));
        assert_eq!(status, 204);
    }
    assert!(search("quill").1.contains("stale"), "an update marks the index stale");
}

#[test]
fn writable_server_takes_updates_and_graph_store_writes() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, &["--writable", "--max-body-bytes", "2000"]);
    let http = client();
    let g = "https://example.org/graph/1";
    let gsp = server.url(&format!("/store?graph={g}"));
    let ttl = "<https://example.org/a> <https://example.org/p> \"one\" , \"two\" .";
    let (status, _, body) = read(http.put(&gsp).header("Content-Type", "text/turtle").send(ttl));
    assert_eq!(status, 201, "{body}");
    let (status, _, _) = read(http.put(&gsp).header("Content-Type", "text/turtle").send(ttl));
    assert_eq!(status, 204, "PUT again replaces");
    let count = |http: &ureq::Agent| -> String {
        let (_, _, body) =
            read(http.get(server.url("/sparql")).query("query", COUNT).header("Accept", "text/csv").call());
        body.lines().nth(1).unwrap_or_default().to_owned()
    };
    assert_eq!(count(&http), "2", "PUT twice leaves two triples");
    let (status, _, _) = read(
        http.post(&gsp)
            .header("Content-Type", "application/n-triples")
            .send("<https://example.org/a> <https://example.org/p> \"three\" .\n"),
    );
    assert_eq!(status, 204);
    assert_eq!(count(&http), "3", "POST adds");
    let (status, _, body) = read(
        http.post(server.url("/update"))
            .send_form([("update", "INSERT DATA { GRAPH <https://example.org/graph/2> { <urn:s> <urn:p> <urn:o> } }")]),
    );
    assert_eq!(status, 204, "{body}");
    assert_eq!(count(&http), "4");
    let (status, _, body) = read(http.get(&gsp).header("Accept", "application/n-triples").call());
    assert_eq!(status, 200);
    assert_eq!(triples(RdfFormat::NTriples, &body).len(), 3);
    let (status, _, _) = read(http.put(&gsp).header("Content-Type", "text/turtle").send("<a> <b"));
    assert_eq!(status, 400, "invalid Turtle");
    let (status, _, _) = read(http.put(&gsp).header("Content-Type", "application/n-quads").send(""));
    assert_eq!(status, 415, "a dataset format is not a graph");
    let big = format!("<https://example.org/a> <https://example.org/p> \"{}\" .", "x".repeat(3000));
    let (status, _, _) = read(http.put(&gsp).header("Content-Type", "text/turtle").send(big.as_str()));
    assert_eq!(status, 413, "over --max-body-bytes");
    let (status, _, _) = read(http.put(server.url("/store?default")).header("Content-Type", "text/turtle").send(ttl));
    assert_eq!(status, 400, "the default graph is the union, not writable");
    let (status, _, _) = read(http.delete(&gsp).call());
    assert_eq!(status, 204);
    let (status, _, _) = read(http.get(&gsp).call());
    assert_eq!(status, 404);
    let (status, _, _) = read(http.delete(&gsp).call());
    assert_eq!(status, 404);
    assert_eq!(count(&http), "1");
}

#[test]
fn slow_queries_stop_at_the_timeout() {
    let (_dir, store) = fixture_store();
    let server = Server::start(&store, &["--timeout", "1"]);
    let http = client();
    let started = std::time::Instant::now();
    // Billions of rows, each looked up in the store (where the deadline is checked).
    let heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i OPTIONAL { ?c ?p ?i } }";
    let (status, _, body) = read(http.get(server.url("/sparql")).query("query", heavy).call());
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("time limit"), "{body}");
    assert!(started.elapsed().as_secs() < 20, "stopped near the limit, not after {:?}", started.elapsed());
    // The server still answers.
    let (status, _, _) = read(http.get(server.url("/sparql")).query("query", COUNT).call());
    assert_eq!(status, 200);
}

#[test]
fn cors_headers_only_when_asked() {
    let (_dir, store) = fixture_store();
    let plain = Server::start(&store, &[]);
    let http = client();
    let resp = http.get(plain.url("/sparql")).query("query", COUNT).call().unwrap();
    assert!(resp.headers().get("access-control-allow-origin").is_none());
    drop(plain);
    let cors = Server::start(&store, &["--cors"]);
    let resp = http.get(cors.url("/sparql")).query("query", COUNT).call().unwrap();
    assert_eq!(resp.headers().get("access-control-allow-origin").unwrap(), "*");
    let resp = http.options(cors.url("/sparql")).header("Origin", "https://example.org").call().unwrap();
    assert_eq!(resp.status().as_u16(), 204);
    assert_eq!(resp.headers().get("access-control-allow-origin").unwrap(), "*");
}

#[test]
fn serve_refuses_a_missing_store_and_a_busy_port() {
    let (dir, _) = temp_store();
    newskg()
        .args(["serve", "--store", dir.path().join("none").to_str().unwrap(), "--bind", "127.0.0.1:0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("newskg: error: store"));
    let (_dir, store) = fixture_store();
    let first = Server::start(&store, &[]);
    let addr = first.base.trim_start_matches("http://").to_owned();
    newskg()
        .args(["serve", "--store", store.to_str().unwrap(), "--bind", &addr])
        .timeout(Duration::from_secs(300))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot listen on"));
}
