//! The SPARQL 1.1 Graph Store HTTP Protocol (indirect identification) of the server:
//! read one article graph, the default graph (their union) or the whole dataset; with
//! `--writable`, put, post and delete named graphs, keeping the word index in step.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};

use oxhttp::model::{Body, Method, Request, StatusCode};

use super::{
    bad_request, error, negotiate, no_content, not_acceptable, not_allowed, rdf_content_type, respond, HttpError,
    HttpResult, Service, DATASET_FORMATS, GRAPH_FORMATS,
};
use crate::error::Error;
use crate::export::write_quads;
use crate::fingerprint::is_bookkeeping;

/// What a Graph Store request is about.
enum Target {
    Graph(NamedNode),
    Default,
    Dataset,
}

impl Service {
    /// The Graph Store HTTP Protocol, indirect identification: `?graph=IRI`, `?default`
    /// (the union of the article graphs, read-only), or nothing (the whole dataset).
    pub(super) fn graph_store(&self, request: &mut Request<Body>) -> HttpResult {
        let params = Self::query_params(request);
        let method = request.method().clone();
        let accept = Self::accept(request);
        let graph = match (params.get("graph"), params.has("default")) {
            (Some(_), true) => return Err(bad_request("give either `graph` or `default`, not both")),
            (Some(g), false) => {
                Target::Graph(NamedNode::new(g).map_err(|e| bad_request(format!("graph: {g:?} is not an IRI: {e}")))?)
            }
            (None, true) => Target::Default,
            (None, false) => Target::Dataset,
        };
        let internal = |e: Error| error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
        let writes = if self.options.writable { "GET, HEAD, PUT, POST, DELETE" } else { "GET, HEAD" };
        match method {
            Method::GET | Method::HEAD => {
                let (quads, offers) = match &graph {
                    Target::Graph(g) => {
                        if !self.store.has_graph(g.as_ref()).map_err(internal)? {
                            return Err(error(StatusCode::NOT_FOUND, format!("no graph <{g}> in the store")));
                        }
                        (self.store.quads(Some(g)).map_err(internal)?, GRAPH_FORMATS)
                    }
                    Target::Default => (self.store.quads(None).map_err(internal)?, GRAPH_FORMATS),
                    Target::Dataset => (self.store.quads(None).map_err(internal)?, DATASET_FORMATS),
                };
                let format = negotiate::best(accept.as_deref(), offers).ok_or_else(|| not_acceptable(offers))?;
                let quads: Vec<Quad> = if matches!(graph, Target::Dataset) {
                    quads
                } else {
                    quads
                        .into_iter()
                        .map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph))
                        .collect()
                };
                let mut out = Vec::new();
                write_quads(&quads, format, &mut out).map_err(internal)?;
                Ok(respond(StatusCode::OK, rdf_content_type(format), out))
            }
            Method::PUT | Method::POST | Method::DELETE if !self.options.writable => Err(HttpError {
                allow: Some("GET, HEAD"),
                ..error(StatusCode::FORBIDDEN, "this server is read-only (start it with --writable)")
            }),
            Method::PUT | Method::POST | Method::DELETE => {
                let Target::Graph(g) = graph else {
                    return Err(bad_request(
                        "writes need a named graph (?graph=IRI): newskg keeps every article in its own graph, \
                         and the default graph is their union",
                    ));
                };
                if method == Method::DELETE {
                    let store = &self.store;
                    if !crate::search::write_graph(store, &g, || store.remove_graph(&g)).map_err(internal)? {
                        return Err(error(StatusCode::NOT_FOUND, format!("no graph <{g}> in the store")));
                    }
                    self.store.flush().map_err(internal)?;
                    return Ok(no_content());
                }
                let existed = self.store.has_graph(g.as_ref()).map_err(internal)?;
                let kind = Self::content_type(request).unwrap_or_default();
                let format = RdfFormat::from_media_type(&kind)
                    .filter(|f| !f.supports_datasets() || matches!(f, RdfFormat::JsonLd { .. }))
                    .ok_or_else(|| {
                        error(
                            StatusCode::UNSUPPORTED_MEDIA_TYPE,
                            format!("content type {kind:?} is not an RDF graph format (text/turtle, application/n-triples, application/rdf+xml, application/ld+json)"),
                        )
                    })?;
                let body = self.body(request)?;
                let quads = RdfParser::from_format(format)
                    .with_default_graph(g.clone())
                    .without_named_graphs()
                    .rename_blank_nodes()
                    .for_slice(&body)
                    .collect::<std::result::Result<Vec<_>, _>>()
                    .map_err(|e| bad_request(format!("invalid {} body: {e}", format.name())))?;
                // A fingerprint is ingest's to write: a graph written here has none.
                let quads: Vec<Quad> = quads.into_iter().filter(|q| !is_bookkeeping(q)).collect();
                let store = &self.store;
                crate::search::write_graph(store, &g, || match method {
                    Method::PUT => store.replace_graph(&g, &quads),
                    _ => store.add_quads(&quads),
                })
                .map_err(internal)?;
                self.store.flush().map_err(internal)?;
                Ok(if existed {
                    no_content()
                } else {
                    respond(StatusCode::CREATED, "text/plain; charset=utf-8", format!("created <{g}>\n"))
                })
            }
            _ => Err(not_allowed(writes)),
        }
    }
}
