//! `newskg push`: graphs arrive whole and idempotently in a real SPARQL store (`newskg serve
//! --writable`, by both protocols), and a scripted HTTP server checks retries on 5xx,
//! stopping on 4xx, giving up on unreachable stores, and Basic and Digest authentication.
//! (`scripts/test-push.sh` pushes to Virtuoso and the Oxigraph server.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::thread::JoinHandle;

use predicates::prelude::*;

use super::serve::Server;
use super::{fixture, newskg, temp_store};

/// A request as the scripted server saw it.
#[derive(Debug)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// An HTTP server that answers each connection with the next scripted (status, extra
/// header, body) and records the requests. Returns its base URL.
fn scripted(responses: Vec<(u16, Option<&'static str>, &'static str)>) -> (String, JoinHandle<Vec<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for (status, header, body) in responses {
            let (mut stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut parts = line.split_whitespace();
            let (method, target) = (parts.next().unwrap_or("").to_owned(), parts.next().unwrap_or("").to_owned());
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    headers.push((k.trim().to_owned(), v.trim().to_owned()));
                }
            }
            let len: usize = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map(|(_, v)| v.parse().unwrap())
                .unwrap_or(0);
            let mut request_body = vec![0; len];
            reader.read_exact(&mut request_body).unwrap();
            seen.push(Seen { method, target, headers, body: String::from_utf8(request_body).unwrap() });
            let extra = header.map(|h| format!("{h}\r\n")).unwrap_or_default();
            write!(
                stream,
                "HTTP/1.1 {status} Scripted\r\nContent-Length: {}\r\nContent-Type: text/plain\r\nConnection: close\r\n{extra}\r\n{body}",
                body.len()
            )
            .unwrap();
            stream.flush().unwrap();
        }
        seen
    });
    (url, handle)
}

fn push() -> assert_cmd::Command {
    let mut c = newskg();
    c.arg("push").env_remove("NEWSKG_PUSH_USER").env_remove("NEWSKG_PUSH_PASSWORD");
    c.timeout(std::time::Duration::from_secs(60));
    c
}

fn export(store: &std::path::Path) -> String {
    let out = newskg().args(["export", "--store", store.to_str().unwrap(), "--format", "nquads"]).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn graphs_arrive_whole_and_pushing_again_changes_nothing_by_both_protocols() {
    let (_src_dir, source) = temp_store();
    newskg().args(["ingest", "--store", source.to_str().unwrap(), fixture("").to_str().unwrap()]).assert().code(1); // records.jsonl has bad lines; the good articles are stored
    let expected = export(&source);
    assert!(expected.lines().count() > 100);
    for protocol in ["gsp", "update"] {
        let (_dir, target) = temp_store();
        let server = Server::start(&target, &["--writable"]);
        let to = if protocol == "gsp" { server.url("/store") } else { server.url("/update") };
        for _ in 0..2 {
            push()
                .args(["--to", &to, "--protocol", protocol, "--batch", "2", "--store", source.to_str().unwrap()])
                .assert()
                .success()
                .stderr(predicate::str::contains("newskg: pushed 5 graphs"));
        }
        drop(server);
        assert_eq!(export(&target), expected, "{protocol}: the target holds exactly the source's quads");
    }
}

#[test]
fn inputs_are_extracted_and_pushed_without_a_store() {
    let (_dir, target) = temp_store();
    let server = Server::start(&target, &["--writable"]);
    push()
        .args(["--to", &server.url("/store"), fixture("record.json").to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("pushed 1 graph ("));
    drop(server);
    let nq = export(&target);
    assert!(nq.contains("<https://w3id.org/newskg/id/article/single-1> <https://schema.org/headline>"), "{nq}");
}

#[test]
fn server_errors_are_retried_with_backoff() {
    let (url, server) = scripted(vec![(503, None, "busy"), (500, None, "oops"), (204, None, "")]);
    push()
        .args(["--to", &format!("{url}/store"), "--backoff-ms", "10", fixture("record.json").to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("in 3 requests"));
    let seen = server.join().unwrap();
    assert_eq!(seen.len(), 3);
    for s in &seen {
        assert_eq!(s.method, "PUT");
        assert_eq!(s.target, "/store?graph=https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Farticle%2Fsingle-1");
        assert!(s.header("content-type").unwrap().starts_with("text/turtle"));
        assert!(s.header("authorization").is_none(), "no credentials unless asked and given");
        assert_eq!(s.body, seen[0].body, "the same graph each time");
    }
    assert!(seen[0].body.contains("Lawmakers back climate accord"));
}

#[test]
fn a_client_error_stops_the_push_with_the_servers_message() {
    let (url, server) = scripted(vec![(400, None, "Bad graph name")]);
    push()
        .args(["--to", &format!("{url}/update"), "--protocol", "update", fixture("record.json").to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("newskg: error: push to")
                .and(predicate::str::contains("400 Bad Request: Bad graph name")),
        );
    let seen = server.join().unwrap();
    assert_eq!(seen.len(), 1, "no retry after a 4xx");
    assert_eq!(seen[0].method, "POST");
    assert!(seen[0].header("content-type").unwrap().starts_with("application/sparql-update"));
    assert!(seen[0].body.starts_with("DROP SILENT GRAPH <https://w3id.org/newskg/id/article/single-1> ;"));
}

#[test]
fn an_unreachable_store_is_retried_then_reported() {
    // A port nothing listens on: bind one, then close it.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    push()
        .args(["--to", &format!("http://127.0.0.1:{port}/store"), "--retries", "2", "--backoff-ms", "10"])
        .arg(fixture("record.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("connection failed").and(predicate::str::contains("gave up after 3 tries")));
}

#[test]
fn basic_credentials_come_from_the_environment_when_asked() {
    let (url, server) =
        scripted(vec![(401, Some("WWW-Authenticate: Basic realm=\"kg\""), ""), (201, None, ""), (201, None, "")]);
    let (_dir, source) = temp_store();
    for f in ["record.json", "wire-summit.txt"] {
        newskg().args(["ingest", "--store", source.to_str().unwrap(), fixture(f).to_str().unwrap()]).assert().success();
    }
    push()
        .args(["--to", &format!("{url}/store"), "--store", source.to_str().unwrap()])
        .env("NEWSKG_PUSH_USER", "user")
        .env("NEWSKG_PUSH_PASSWORD", "secret")
        .assert()
        .success();
    let seen = server.join().unwrap();
    assert_eq!(seen[0].header("authorization"), None);
    // base64("user:secret")
    assert_eq!(seen[1].header("authorization"), Some("Basic dXNlcjpzZWNyZXQ="));
    assert_eq!(seen[2].header("authorization"), Some("Basic dXNlcjpzZWNyZXQ="), "sent up front once asked for");
}

#[test]
fn digest_challenges_are_answered() {
    let challenge = "WWW-Authenticate: Digest realm=\"virtuoso\", nonce=\"abc123\", qop=\"auth\", opaque=\"xyz\"";
    let (url, server) = scripted(vec![(401, Some(challenge), ""), (204, None, "")]);
    push()
        .args(["--to", &format!("{url}/sparql-graph-crud-auth"), fixture("record.json").to_str().unwrap()])
        .env("NEWSKG_PUSH_USER", "dba")
        .env("NEWSKG_PUSH_PASSWORD", "dba")
        .assert()
        .success();
    let seen = server.join().unwrap();
    let auth = seen[1].header("authorization").unwrap();
    assert!(auth.starts_with("Digest username=\"dba\", realm=\"virtuoso\", nonce=\"abc123\""), "{auth}");
    assert!(auth.contains(&format!("uri=\"{}\"", seen[1].target)), "{auth}");
    assert!(auth.contains("response=\"") && auth.contains("opaque=\"xyz\""), "{auth}");
}

#[test]
fn a_401_without_credentials_names_the_variables() {
    let (url, server) = scripted(vec![(401, Some("WWW-Authenticate: Basic realm=\"kg\""), "")]);
    push()
        .args(["--to", &format!("{url}/store"), fixture("record.json").to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("401 Unauthorized").and(predicate::str::contains("NEWSKG_PUSH_USER")));
    server.join().unwrap();
}

#[test]
fn inputs_take_the_reading_and_extraction_flags_of_extract() {
    let (_dir, target) = temp_store();
    let server = Server::start(&target, &["--writable"]);
    push()
        .args(["--to", &server.url("/store"), "-", "--input-format", "json", "--base", "http://example.org/kg/"])
        .args(["--jobs", "1"])
        .write_stdin(std::fs::read_to_string(fixture("record.json")).unwrap())
        .assert()
        .success()
        .stderr(predicate::str::contains("pushed 1 graph ("));
    drop(server);
    let nq = export(&target);
    assert!(nq.contains("<http://example.org/kg/article/single-1> <https://schema.org/headline>"), "{nq}");
    assert!(!nq.contains("https://w3id.org/newskg/id/article/"), "{nq}");
}
