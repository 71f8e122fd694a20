//! `newskg push`: sends article graphs to an external SPARQL 1.1 store, by the Graph Store
//! HTTP Protocol (one PUT per graph) or by SPARQL Update (DROP SILENT GRAPH + INSERT DATA
//! per graph, several graphs per request).
//!
//! Invariant: pushing the same graphs again leaves the remote store as it was (each graph
//! is replaced, never appended to). Server errors (5xx, 429) and connection failures are
//! retried with exponential backoff; any other client error (4xx) stops the push with the
//! server's message. Credentials come only from the caller (the binary reads them from the
//! environment) and are sent only when the server asks for them (Basic or Digest).

use std::time::Duration;

use base64::Engine;
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, Quad};

use crate::error::{Error, Result};
use crate::export::write_quads;

/// How graphs are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// Graph Store HTTP Protocol: `PUT {url}?graph=IRI` with a Turtle body.
    Gsp,
    /// SPARQL 1.1 Update: `POST {url}` with `DROP SILENT GRAPH <g>; INSERT DATA { GRAPH <g> { ... } }`.
    Update,
}

/// What `push` needs to know.
#[derive(Debug, Clone)]
pub struct Options {
    /// The Graph Store endpoint (GSP) or the update endpoint (Update).
    pub url: String,
    pub protocol: Protocol,
    /// How many times a failed request is retried.
    pub retries: u32,
    /// The first wait before a retry; doubled at each retry, at most 30 s.
    pub backoff: Duration,
    /// Per-request time limit.
    pub timeout: Duration,
    /// (user, password), sent when the server asks (Basic or Digest).
    pub credentials: Option<(String, String)>,
}

/// Triples per INSERT DATA block: some stores refuse very large ones.
const TRIPLES_PER_INSERT: usize = 2000;

/// Sends graphs to one store.
pub struct Pusher {
    agent: ureq::Agent,
    options: Options,
    /// Requests sent so far (including retries and authentication round trips).
    pub requests: usize,
    /// Basic authentication was asked for once: send it up front from then on.
    basic: bool,
}

/// A request to send (kept so it can be sent again).
struct Outgoing {
    method: &'static str,
    url: String,
    content_type: &'static str,
    body: Vec<u8>,
}

enum Attempt {
    Done,
    Retry(String),
}

impl Pusher {
    pub fn new(options: Options) -> Result<Self> {
        if !(options.url.starts_with("http://") || options.url.starts_with("https://")) {
            return Err(Error::Http(format!("--to {}: not an http:// or https:// URL", options.url)));
        }
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(options.timeout))
            .user_agent(concat!("newskg/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Pusher { agent, options, requests: 0, basic: false })
    }

    /// Sends a batch of graphs (each with its quads). With GSP each graph is its own
    /// request; with SPARQL Update the whole batch is one request.
    pub fn push(&mut self, graphs: &[(NamedNode, Vec<Quad>)]) -> Result<()> {
        match self.options.protocol {
            Protocol::Gsp => {
                for (graph, quads) in graphs {
                    let mut body = Vec::new();
                    // Turtle has no graphs: write_quads writes the graph's triples.
                    write_quads(quads, RdfFormat::Turtle, &mut body)?;
                    let url = graph_url(&self.options.url, graph);
                    self.send(&Outgoing { method: "PUT", url, content_type: "text/turtle; charset=utf-8", body })?;
                }
                Ok(())
            }
            Protocol::Update => {
                if graphs.is_empty() {
                    return Ok(());
                }
                let body = update_text(graphs).into_bytes();
                let url = self.options.url.clone();
                self.send(&Outgoing {
                    method: "POST",
                    url,
                    content_type: "application/sparql-update; charset=utf-8",
                    body,
                })
            }
        }
    }

    /// Sends one request, retrying server errors and connection failures with backoff.
    fn send(&mut self, req: &Outgoing) -> Result<()> {
        let mut wait = self.options.backoff;
        let mut tries = 0;
        loop {
            match self.attempt(req)? {
                Attempt::Done => return Ok(()),
                Attempt::Retry(why) => {
                    if tries >= self.options.retries {
                        return Err(Error::Http(format!(
                            "{} {}: {why} (gave up after {} tr{})",
                            req.method,
                            req.url,
                            tries + 1,
                            if tries == 0 { "y" } else { "ies" }
                        )));
                    }
                    tries += 1;
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(Duration::from_secs(30));
                }
            }
        }
    }

    /// One try, with an authentication round trip when the server asks for one.
    fn attempt(&mut self, req: &Outgoing) -> Result<Attempt> {
        let mut auth = match (&self.options.credentials, self.basic) {
            (Some((user, password)), true) => Some(basic(user, password)),
            _ => None,
        };
        let mut challenged = false;
        loop {
            let mut builder = ureq::http::Request::builder()
                .method(req.method)
                .uri(&req.url)
                .header("Content-Type", req.content_type)
                .header("Accept", "*/*");
            if let Some(a) = &auth {
                builder = builder.header("Authorization", a);
            }
            let request = builder.body(req.body.as_slice()).map_err(|e| Error::Http(format!("{}: {e}", req.url)))?;
            self.requests += 1;
            let mut resp = match self.agent.run(request) {
                Ok(r) => r,
                Err(e) => {
                    return match e {
                        ureq::Error::Io(_)
                        | ureq::Error::Timeout(_)
                        | ureq::Error::ConnectionFailed
                        | ureq::Error::HostNotFound
                        | ureq::Error::Protocol(_) => Ok(Attempt::Retry(format!("connection failed: {e}"))),
                        other => Err(Error::Http(format!("{} {}: {other}", req.method, req.url))),
                    }
                }
            };
            let status = resp.status().as_u16();
            if (200..300).contains(&status) {
                return Ok(Attempt::Done);
            }
            let reason = resp.status().canonical_reason().unwrap_or("").to_owned();
            let challenges: Vec<String> = resp
                .headers()
                .get_all("www-authenticate")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(str::to_owned)
                .collect();
            let text = resp.body_mut().with_config().limit(64 * 1024).read_to_string().unwrap_or_default();
            let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(300).collect();
            let message = if line.is_empty() { String::new() } else { format!(": {line}") };
            if status == 401 && !challenged {
                let Some((user, password)) = self.options.credentials.clone() else {
                    return Err(Error::Http(format!(
                        "{} {}: 401 Unauthorized{message}; set NEWSKG_PUSH_USER and NEWSKG_PUSH_PASSWORD",
                        req.method, req.url
                    )));
                };
                let scheme = |c: &&String, name: &str| c.trim_start().to_ascii_lowercase().starts_with(name);
                if let Some(c) = challenges.iter().find(|c| scheme(c, "digest")) {
                    let uri = req.url.parse::<ureq::http::Uri>().ok();
                    let path = uri.as_ref().and_then(|u| u.path_and_query()).map(|p| p.as_str()).unwrap_or("/");
                    let mut prompt = digest_auth::parse(c)
                        .map_err(|e| Error::Http(format!("{}: bad Digest challenge {c:?}: {e}", req.url)))?;
                    let context = digest_auth::AuthContext::new_with_method(
                        user.as_str(),
                        password.as_str(),
                        path,
                        Some(req.body.as_slice()),
                        digest_auth::HttpMethod(req.method.into()),
                    );
                    let answer = prompt
                        .respond(&context)
                        .map_err(|e| Error::Http(format!("{}: cannot answer the Digest challenge: {e}", req.url)))?;
                    auth = Some(answer.to_header_string());
                } else if challenges.iter().any(|c| scheme(&c, "basic")) {
                    self.basic = true;
                    auth = Some(basic(&user, &password));
                } else {
                    return Err(Error::Http(format!(
                        "{} {}: 401 Unauthorized, and no Basic or Digest challenge to answer{message}",
                        req.method, req.url
                    )));
                }
                challenged = true;
                continue;
            }
            if status >= 500 || status == 429 || status == 408 {
                return Ok(Attempt::Retry(format!("{status} {reason}{message}")));
            }
            let hint = if status == 401 { " (check NEWSKG_PUSH_USER and NEWSKG_PUSH_PASSWORD)" } else { "" };
            return Err(Error::Http(format!("{} {}: {status} {reason}{message}{hint}", req.method, req.url)));
        }
    }
}

fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

/// `url?graph=IRI` (or `&graph=` when the URL has a query already), percent-encoded.
pub fn graph_url(url: &str, graph: &NamedNode) -> String {
    let encoded: String = form_urlencoded::byte_serialize(graph.as_str().as_bytes()).collect();
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}graph={encoded}")
}

/// The SPARQL Update replacing each graph: `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g>
/// { ... } }`, with long graphs split over several INSERT DATA blocks. Terms are written in
/// N-Triples syntax, which SPARQL accepts as is.
pub fn update_text(graphs: &[(NamedNode, Vec<Quad>)]) -> String {
    let mut ops = Vec::new();
    for (graph, quads) in graphs {
        ops.push(format!("DROP SILENT GRAPH {graph}"));
        for chunk in quads.chunks(TRIPLES_PER_INSERT) {
            let mut s = format!("INSERT DATA {{ GRAPH {graph} {{\n");
            for q in chunk {
                s.push_str(&format!("{} {} {} .\n", q.subject, q.predicate, q.object));
            }
            s.push_str("} }");
            ops.push(s);
        }
    }
    ops.join(" ;\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal};

    #[test]
    fn graph_urls_are_percent_encoded() {
        let g = NamedNode::new("https://w3id.org/newskg/id/article/a%20b?x").unwrap();
        assert_eq!(
            graph_url("http://h/store", &g),
            "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Farticle%2Fa%2520b%3Fx"
        );
        assert!(graph_url("http://h/x?key=1", &g).starts_with("http://h/x?key=1&graph="));
    }

    #[test]
    fn updates_replace_each_graph_and_parse() {
        let g = NamedNode::new("https://example.org/g").unwrap();
        let s = NamedNode::new("https://example.org/s").unwrap();
        let quads: Vec<Quad> = (0..2500)
            .map(|i| {
                Quad::new(
                    s.clone(),
                    s.clone(),
                    Literal::new_simple_literal(format!("v{i} \"q\"\n}}")),
                    GraphName::NamedNode(g.clone()),
                )
            })
            .collect();
        let text = update_text(&[(g.clone(), quads)]);
        assert!(text
            .starts_with("DROP SILENT GRAPH <https://example.org/g> ;\nINSERT DATA { GRAPH <https://example.org/g> {"));
        assert_eq!(text.matches("INSERT DATA").count(), 2, "split at {TRIPLES_PER_INSERT} triples");
        let store = oxigraph::store::Store::new().unwrap();
        store.update(text.as_str()).unwrap();
        assert_eq!(store.len().unwrap(), 2500);
        store.update(text.as_str()).unwrap();
        assert_eq!(store.len().unwrap(), 2500, "applying it again changes nothing");
    }
}
