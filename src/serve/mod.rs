//! `newskg serve`: the store over HTTP. The SPARQL 1.1 Protocol (queries by GET and POST,
//! updates when writable), the SPARQL 1.1 Graph Store HTTP Protocol (reading graphs; PUT,
//! POST and DELETE when writable), a query page at `/`, the JSON-LD context at
//! `/context.jsonld`, the ready-made queries at `/queries.json`, and the graph as web
//! pages: `/view?iri=` for any node, `/search?q=` for entities by name, quotations and
//! texts by their words (`view/`).
//!
//! Invariant: read-only unless the service was made writable; every query runs under a
//! deadline; request bodies over the size limit are refused before they are parsed; no
//! query can make the server fetch another address (`SERVICE` is refused). Graph Store
//! writes keep the word index in step (`crate::search::write_graph`); a SPARQL update
//! marks it stale first (`crate::search::mark_stale`).

mod graph_store;
mod negotiate;
mod view;

use std::io::Read;
use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use oxhttp::model::header::{self, HeaderValue};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::{CancellationToken, QueryResults};

use crate::error::{Error, Result};
use crate::results::{write_results, ResultsFormat};
use crate::store::{DefaultGraph, QueryOptions, Store};

/// The page served at `/`.
const INDEX_HTML: &str = include_str!("index.html");

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen; port 0 picks a free port.
    pub bind: SocketAddr,
    /// Allow SPARQL Update and Graph Store writes.
    pub writable: bool,
    /// Send `Access-Control-Allow-Origin: *` and answer CORS preflight requests.
    pub cors: bool,
    /// The largest request body accepted (bytes).
    pub max_body_bytes: u64,
    /// How long a query may run.
    pub query_timeout: Duration,
    /// How many connections are served at once.
    pub max_connections: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            writable: false,
            cors: false,
            max_body_bytes: 16 * 1024 * 1024,
            query_timeout: Duration::from_secs(30),
            max_connections: 64,
        }
    }
}

/// Result formats of SELECT and ASK, by media type, preferred first.
const RESULT_FORMATS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
];

const JSONLD: RdfFormat = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };

/// RDF formats for graphs (CONSTRUCT, DESCRIBE, a Graph Store GET), preferred first.
const GRAPH_FORMATS: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/ld+json", JSONLD),
    ("application/trig", RdfFormat::TriG),
    ("application/n-quads", RdfFormat::NQuads),
    ("text/plain", RdfFormat::NTriples),
    ("application/x-turtle", RdfFormat::Turtle),
];

/// RDF formats for the whole dataset (a Graph Store GET without a graph), preferred first.
const DATASET_FORMATS: &[(&str, RdfFormat)] = &[
    ("application/trig", RdfFormat::TriG),
    ("application/n-quads", RdfFormat::NQuads),
    ("application/ld+json", JSONLD),
];

/// The request handler, independent of sockets.
pub struct Service {
    store: Store,
    options: Options,
    /// The pages' catalog (entity names for search, article dates), built in the background.
    view: view::State,
}

/// An HTTP error: a status and a one-line message sent as text/plain.
#[derive(Debug)]
struct HttpError {
    status: StatusCode,
    message: String,
    allow: Option<&'static str>,
}

fn error(status: StatusCode, message: impl Into<String>) -> HttpError {
    HttpError { status, message: message.into(), allow: None }
}

fn bad_request(message: impl Into<String>) -> HttpError {
    error(StatusCode::BAD_REQUEST, message)
}

fn not_allowed(allow: &'static str) -> HttpError {
    HttpError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: format!("allowed methods: {allow}"),
        allow: Some(allow),
    }
}

type HttpResult = std::result::Result<Response<Body>, HttpError>;

fn respond(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response<Body> {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r
}

fn no_content() -> Response<Body> {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    r
}

/// The key/value pairs of a query string or a form body.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(s: &[u8]) -> Self {
        Params(form_urlencoded::parse(s).map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
    }
    fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
    fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
    }
    fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }
    fn extend(&mut self, other: Params) {
        self.0.extend(other.0);
    }
}

/// Cancels a token when dropped too late: a query deadline.
struct Deadline {
    _stop: mpsc::Sender<()>,
}

impl Deadline {
    fn start(token: CancellationToken, after: Duration) -> Self {
        let (stop, wait) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(after) {
                token.cancel();
            }
        });
        Deadline { _stop: stop }
    }
}

impl Service {
    /// A service over an open store (opened read-only unless `options.writable`).
    pub fn new(store: Store, options: Options) -> Self {
        Service { store, options, view: view::State::default() }
    }

    /// Answers one request.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let head = request.method() == Method::HEAD;
        let writes = matches!(*request.method(), Method::POST | Method::PUT | Method::DELETE);
        let mut response = self.route(request).unwrap_or_else(|e| {
            let mut r = respond(e.status, "text/plain; charset=utf-8", format!("{}\n", e.message));
            if let Some(allow) = e.allow {
                r.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
            }
            r
        });
        if writes && self.options.writable && response.status().is_success() {
            self.view.store_changed();
        }
        if head {
            *response.body_mut() = Body::empty();
        }
        if self.options.cors {
            let h = response.headers_mut();
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
            h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Content-Type"));
        }
        response
    }

    fn route(&self, request: &mut Request<Body>) -> HttpResult {
        let path = request.uri().path().to_owned();
        let method = request.method().clone();
        if method == Method::OPTIONS {
            return Ok(self.preflight());
        }
        let get = method == Method::GET || method == Method::HEAD;
        match path.as_str() {
            "/" | "/index.html" if get => Ok(respond(StatusCode::OK, "text/html; charset=utf-8", INDEX_HTML)),
            "/" | "/index.html" => Err(not_allowed("GET, HEAD")),
            "/context.jsonld" if get => Ok(respond(StatusCode::OK, "application/ld+json", crate::jsonld::CONTEXT)),
            "/context.jsonld" => Err(not_allowed("GET, HEAD")),
            "/queries.json" if get => Ok(respond(StatusCode::OK, "application/json", queries_json())),
            "/queries.json" => Err(not_allowed("GET, HEAD")),
            "/sparql" | "/query" | "/update" => self.sparql(request, &path),
            "/store" => self.graph_store(request),
            "/view" => view::view(self, request),
            "/search" => view::search(self, request),
            _ => Err(error(
                StatusCode::NOT_FOUND,
                format!("no such resource: {path} (try /, /sparql, /store, /view?iri= or /search?q=)"),
            )),
        }
    }

    fn preflight(&self) -> Response<Body> {
        let mut r = no_content();
        let h = r.headers_mut();
        h.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, POST, PUT, DELETE, OPTIONS"));
        if self.options.cors {
            // oxhttp refuses to write Access-Control-Allow-Methods (a "forbidden" name for
            // clients); browsers accept the simple methods without it, and GET/POST are
            // what the protocol needs from a page.
            h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Content-Type, Accept"));
            h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        }
        r
    }

    fn query_params(request: &Request<Body>) -> Params {
        Params::parse(request.uri().query().unwrap_or("").as_bytes())
    }

    fn content_type(request: &Request<Body>) -> Option<String> {
        request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(negotiate::media_type)
    }

    fn accept(request: &Request<Body>) -> Option<String> {
        request.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }

    /// Reads the body, refusing one over the size limit.
    fn body(&self, request: &mut Request<Body>) -> std::result::Result<Vec<u8>, HttpError> {
        let limit = self.options.max_body_bytes;
        let too_large =
            || error(StatusCode::PAYLOAD_TOO_LARGE, format!("request body over the limit of {limit} bytes"));
        if request.body().len().is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        request
            .body_mut()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| bad_request(format!("reading the request body: {e}")))?;
        if bytes.len() as u64 > limit {
            return Err(too_large());
        }
        Ok(bytes)
    }

    fn body_text(&self, request: &mut Request<Body>) -> std::result::Result<String, HttpError> {
        String::from_utf8(self.body(request)?).map_err(|_| bad_request("the request body is not valid UTF-8"))
    }

    /// The SPARQL 1.1 Protocol: `/sparql` takes queries and updates, `/query` queries
    /// and `/update` updates.
    fn sparql(&self, request: &mut Request<Body>, path: &str) -> HttpResult {
        let mut params = Self::query_params(request);
        let method = request.method().clone();
        let accept = Self::accept(request);
        if method == Method::GET || method == Method::HEAD {
            if path == "/update" {
                return Err(not_allowed("POST"));
            }
            return match params.get("query") {
                Some(q) => self.query(q, &params, accept.as_deref()),
                None if params.has("update") => {
                    Err(bad_request("updates must be sent with POST (SPARQL 1.1 Protocol, section 2.2)"))
                }
                None => Err(bad_request("give a SPARQL query in the `query` parameter")),
            };
        }
        if method != Method::POST {
            return Err(not_allowed("GET, HEAD, POST"));
        }
        let kind = Self::content_type(request).unwrap_or_default();
        let (query, update) = match kind.as_str() {
            "application/x-www-form-urlencoded" => {
                params.extend(Params::parse(&self.body(request)?));
                (params.get("query").map(str::to_owned), params.get("update").map(str::to_owned))
            }
            "application/sparql-query" => (Some(self.body_text(request)?), None),
            "application/sparql-update" => (None, Some(self.body_text(request)?)),
            other => {
                return Err(error(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!(
                        "content type {other:?} is not one of application/sparql-query, application/sparql-update \
                         and application/x-www-form-urlencoded"
                    ),
                ))
            }
        };
        match (query, update) {
            (Some(_), Some(_)) => Err(bad_request("give either `query` or `update`, not both")),
            (Some(q), None) if path != "/update" => self.query(&q, &params, accept.as_deref()),
            (None, Some(u)) if path != "/query" => self.update(&u, &params),
            (Some(_), None) => Err(bad_request("/update takes updates; send queries to /query or /sparql")),
            (None, Some(_)) => Err(bad_request("/query takes queries; send updates to /update or /sparql")),
            (None, None) => Err(bad_request("give a SPARQL query (`query`) or update (`update`)")),
        }
    }

    fn query(&self, sparql: &str, params: &Params, accept: Option<&str>) -> HttpResult {
        let iris = |key: &str| -> std::result::Result<Vec<NamedNode>, HttpError> {
            params
                .all(key)
                .map(|v| NamedNode::new(v).map_err(|e| bad_request(format!("{key}: {v:?} is not an IRI: {e}"))))
                .collect()
        };
        let default_graphs = iris("default-graph-uri")?;
        let token = CancellationToken::new();
        let options = QueryOptions {
            default_graph: if default_graphs.is_empty() {
                DefaultGraph::QueryOrUnion
            } else {
                DefaultGraph::Merge(default_graphs)
            },
            named_graphs: iris("named-graph-uri")?,
            cancellation: Some(token.clone()),
            ..QueryOptions::default()
        };
        let _deadline = Deadline::start(token.clone(), self.options.query_timeout);
        let failed = |e: Error| match e {
            Error::InvalidQuery(_) => bad_request(e.to_string()),
            _ if token.is_cancelled() => error(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the query ran over the time limit of {} s", self.options.query_timeout.as_secs_f32()),
            ),
            _ => error(StatusCode::INTERNAL_SERVER_ERROR, format!("query evaluation failed: {e}")),
        };
        let results = self.store.query(sparql, &options).map_err(failed)?;
        let (format, content_type) = match &results {
            QueryResults::Graph(_) => {
                let format = negotiate::best(accept, GRAPH_FORMATS).ok_or_else(|| not_acceptable(GRAPH_FORMATS))?;
                (ResultsFormat::Rdf(format), rdf_content_type(format))
            }
            QueryResults::Boolean(_) | QueryResults::Solutions(_) => {
                let format = negotiate::best(accept, RESULT_FORMATS).ok_or_else(|| not_acceptable(RESULT_FORMATS))?;
                (ResultsFormat::Sparql(format), results_content_type(format))
            }
        };
        let mut out = Vec::new();
        write_results(results, format, &mut out).map_err(failed)?;
        Ok(respond(StatusCode::OK, content_type, out))
    }

    fn update(&self, sparql: &str, params: &Params) -> HttpResult {
        if !self.options.writable {
            return Err(error(StatusCode::FORBIDDEN, "this server is read-only (start it with --writable)"));
        }
        if params.has("using-graph-uri") || params.has("using-named-graph-uri") {
            return Err(bad_request(
                "using-graph-uri and using-named-graph-uri are not supported; use USING in the update",
            ));
        }
        let _parsed = oxigraph::sparql::SparqlEvaluator::new()
            .parse_update(sparql)
            .map_err(|e| bad_request(format!("invalid SPARQL update: {e}")))?;
        crate::search::mark_stale(&self.store).map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        self.store
            .update(sparql)
            .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, format!("update failed: {e}")))?;
        self.store.flush().map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        Ok(no_content())
    }
}

fn not_acceptable<T>(offers: &[(&str, T)]) -> HttpError {
    let types: Vec<&str> = offers.iter().map(|(m, _)| *m).collect();
    error(
        StatusCode::NOT_ACCEPTABLE,
        format!("no acceptable format; this resource is available as {}", types.join(", ")),
    )
}

fn rdf_content_type(format: RdfFormat) -> &'static str {
    match format {
        RdfFormat::Turtle => "text/turtle; charset=utf-8",
        RdfFormat::NTriples => "application/n-triples",
        RdfFormat::RdfXml => "application/rdf+xml",
        RdfFormat::TriG => "application/trig; charset=utf-8",
        RdfFormat::NQuads => "application/n-quads",
        RdfFormat::JsonLd { .. } => "application/ld+json",
        _ => "application/octet-stream",
    }
}

fn results_content_type(format: QueryResultsFormat) -> &'static str {
    match format {
        QueryResultsFormat::Json => "application/sparql-results+json",
        QueryResultsFormat::Xml => "application/sparql-results+xml",
        QueryResultsFormat::Csv => "text/csv; charset=utf-8",
        QueryResultsFormat::Tsv => "text/tab-separated-values; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The ready-made queries as JSON, for the query page.
fn queries_json() -> String {
    let list: Vec<serde_json::Value> = crate::queries::all()
        .into_iter()
        .map(|q| {
            serde_json::json!({
                "name": q.name,
                "description": q.description,
                "params": q.params.iter().map(|p| serde_json::json!({"name": p.name, "description": p.description})).collect::<Vec<_>>(),
                "sparql": q.sparql,
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into())
}

/// Serves until the process is stopped. `on_listening` is called with the address once
/// the server accepts connections (with the real port when port 0 was asked for).
pub fn run(service: Service, on_listening: impl FnOnce(SocketAddr)) -> Result<()> {
    let options = service.options.clone();
    let io = |e: std::io::Error| Error::Http(format!("cannot listen on {}: {e}", options.bind));
    // oxhttp binds by address and does not say which port it got: find a free one first.
    let addr = if options.bind.port() == 0 {
        TcpListener::bind(options.bind).and_then(|l| l.local_addr()).map_err(io)?
    } else {
        options.bind
    };
    let service = Arc::new(service);
    view::start_indexer(&service);
    let server = oxhttp::Server::new(move |request| service.handle(request))
        .bind(addr)
        .with_global_timeout(options.query_timeout.max(Duration::from_secs(10)) * 2)
        .with_max_concurrent_connections(options.max_connections)
        .with_server_name(concat!("newskg/", env!("CARGO_PKG_VERSION")))
        .map_err(|e| Error::Http(e.to_string()))?;
    let listening = server.spawn().map_err(io)?;
    on_listening(addr);
    listening.join().map_err(|e| Error::Http(format!("server stopped: {e}")))
}
