//! The graph as web pages: `/view?iri=IRI` shows any node of the store (an article with its
//! evidence highlighted, an entity across articles, an event, quotation, post, source or
//! span, else the node's triples), and `/search?q=` finds entities by name (with `&in=quotes`
//! or `&in=text`, quotations or articles by their words, through the word index). With an RDF
//! `Accept` header, `/view` answers the node's description as RDF instead.
//!
//! **Invariant:** pages are read-only and offline: no script, style, font or image from
//! another host (a Content-Security-Policy header says so to the browser too); every text
//! from the store is escaped (maud escapes what it renders, `highlight` escapes the text
//! it marks); every IRI of the store on a page links to its `/view` page; all queries of a
//! page run under one deadline.

mod article;
mod catalog;
mod entity;
mod fact;
mod highlight;
mod listing;
mod model;
mod search;
#[cfg(test)]
mod tests;
mod words;

use std::sync::OnceLock;
use std::time::Duration;

use maud::{html, Markup, PreEscaped, DOCTYPE};
use oxhttp::model::header::{self, HeaderValue};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode, Quad, Term, Variable};
use oxigraph::sparql::{CancellationToken, QueryResults, QuerySolution};

pub(super) use catalog::{start_indexer, State};

use super::{error, negotiate, not_acceptable, not_allowed, Deadline, HttpError, HttpResult, Params, Service};
use crate::rdf::vocab::nkg;
use crate::store::{QueryOptions, Store};

/// The result of building part of a page.
pub(super) type ViewResult<T> = std::result::Result<T, HttpError>;

/// Prefixes of every query of the pages.
const PREFIXES: &str = "PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
";

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("article.js");

/// The store, the catalog and the deadline of one page's queries.
pub(super) struct Ctx<'a> {
    store: &'a Store,
    /// The catalog as it was when the page was asked for (none while it is being built).
    catalog: Option<catalog::Snapshot>,
    token: CancellationToken,
    timeout: Duration,
}

impl<'a> Ctx<'a> {
    /// A context of `service` whose queries stop when the time limit has passed (while the
    /// deadline lives).
    fn start(service: &'a Service) -> (Ctx<'a>, Deadline) {
        let token = CancellationToken::new();
        let timeout = service.options.query_timeout;
        let deadline = Deadline::start(token.clone(), timeout);
        (Ctx { store: &service.store, catalog: service.view.current(), token, timeout }, deadline)
    }

    /// A context without a deadline or catalog (to build the catalog).
    fn unlimited(store: &'a Store) -> Ctx<'a> {
        Ctx { store, catalog: None, token: CancellationToken::new(), timeout: Duration::MAX }
    }

    /// The rows of a SELECT query (the page prefixes are added).
    pub fn rows(&self, sparql: &str) -> ViewResult<Vec<QuerySolution>> {
        self.rows_with(sparql, Vec::new())
    }

    /// [`Ctx::rows`] with variables bound to values.
    pub fn rows_with(&self, sparql: &str, bindings: Vec<(Variable, Term)>) -> ViewResult<Vec<QuerySolution>> {
        let options = QueryOptions { bindings, cancellation: Some(self.token.clone()), ..QueryOptions::default() };
        match self.store.query(&format!("{PREFIXES}{sparql}"), &options) {
            Ok(QueryResults::Solutions(rows)) => rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.failed(&e)),
            Ok(_) => Err(internal("a page query is not a SELECT query")),
            Err(invalid @ crate::Error::InvalidQuery(_)) => Err(internal(format!("invalid page query: {invalid}"))),
            Err(e) => Err(self.failed(&e)),
        }
    }

    fn failed(&self, e: &dyn std::fmt::Display) -> HttpError {
        if self.token.is_cancelled() {
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the page's queries ran over the time limit of {} s", self.timeout.as_secs_f32()),
            )
        } else {
            internal(format!("query evaluation failed: {e}"))
        }
    }

    /// A label of `node` from any article (the first in index order), else its IRI's tail.
    pub fn label(&self, node: &NamedNode) -> ViewResult<String> {
        let rows = self.rows(&format!("SELECT ?l WHERE {{ {node} rdfs:label ?l }} LIMIT 1"))?;
        Ok(rows.first().and_then(|r| text(r, "l")).unwrap_or_else(|| model::iri_tail(node.as_str())))
    }
}

fn internal(message: impl Into<String>) -> HttpError {
    error(StatusCode::INTERNAL_SERVER_ERROR, message)
}

/// The IRI bound to `var`.
pub(super) fn iri(row: &QuerySolution, var: &str) -> Option<NamedNode> {
    match row.get(var) {
        Some(Term::NamedNode(n)) => Some(n.clone()),
        _ => None,
    }
}

/// The lexical value of the literal bound to `var`.
pub(super) fn text(row: &QuerySolution, var: &str) -> Option<String> {
    match row.get(var) {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// The integer bound to `var` (0 when unbound or not a number).
pub(super) fn number(row: &QuerySolution, var: &str) -> u64 {
    text(row, var).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// The `/view` address of a node.
pub(super) fn href(node: &NamedNode) -> String {
    format!("/view?iri={}", form_urlencoded::byte_serialize(node.as_str().as_bytes()).collect::<String>())
}

/// A link to a node's page.
pub(super) fn link(node: &NamedNode, label: &str) -> Markup {
    html! { a href=(href(node)) { (label) } }
}

/// A link that leaves the server (opened without sending this page's address).
pub(super) fn external(url: &str, label: &str) -> Markup {
    html! { a.external href=(url) rel="noreferrer noopener" { (label) } }
}

/// A whole page: the header with the search box, then `body`.
pub(super) fn layout(title: &str, search: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · newskg" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.top {
                    a.home href="/" { "newskg" }
                    form.search action="/search" method="get" role="search" {
                        input type="search" name="q" value=(search) placeholder="Find a person, organization or place"
                            aria-label="Find an entity by name";
                        button type="submit" { "Search" }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// The inline script of the article page, as a `<script>` element.
pub(super) fn script() -> Markup {
    html! { script { (PreEscaped(SCRIPT)) } }
}

/// The Content-Security-Policy of the pages: nothing from another host, only this
/// style and this script inline (by their hashes), forms and requests to this server.
fn content_security_policy() -> &'static str {
    static CSP: OnceLock<String> = OnceLock::new();
    CSP.get_or_init(|| {
        use base64::Engine as _;
        use sha2::Digest as _;
        let hash = |s: &str| base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(s.as_bytes()));
        format!(
            "default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; img-src 'self'; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            hash(STYLE),
            hash(SCRIPT)
        )
    })
}

/// An HTML response with the pages' security headers.
pub(super) fn html_response(status: StatusCode, page: Markup) -> Response<Body> {
    let mut r = super::respond(status, "text/html; charset=utf-8", page.into_string());
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_security_policy()) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    r
}

fn get_only(request: &Request<Body>) -> ViewResult<()> {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        Ok(())
    } else {
        Err(not_allowed("GET, HEAD"))
    }
}

/// `GET /view?iri=IRI`: the node's page, or its description as RDF.
pub(super) fn view(service: &Service, request: &Request<Body>) -> HttpResult {
    get_only(request)?;
    let params = Service::query_params(request);
    let raw = params.get("iri").ok_or_else(|| super::bad_request("give the node's IRI in the `iri` parameter"))?;
    let node = NamedNode::new(raw).map_err(|e| super::bad_request(format!("iri: {raw:?} is not an IRI: {e}")))?;
    let offers: Vec<(&str, Option<RdfFormat>)> = [("text/html", None), ("application/xhtml+xml", None)]
        .into_iter()
        .chain(super::GRAPH_FORMATS.iter().map(|(media, format)| (*media, Some(*format))))
        .collect();
    let accept = Service::accept(request);
    let format = negotiate::best(accept.as_deref(), &offers).ok_or_else(|| not_acceptable(&offers))?;
    let (ctx, _deadline) = Ctx::start(service);
    let mut response = match format {
        Some(format) => describe(&ctx, &node, format)?,
        None => {
            let (status, page) = page(&ctx, &node, &params)?;
            html_response(status, page)
        }
    };
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept"));
    Ok(response)
}

/// `GET /search?q=WORDS[&in=names|quotes|text]`: entities by name (the default),
/// quotations or articles by their words.
pub(super) fn search(service: &Service, request: &Request<Body>) -> HttpResult {
    get_only(request)?;
    let params = Service::query_params(request);
    let (ctx, _deadline) = Ctx::start(service);
    let query = params.get("q").unwrap_or("");
    let page = match words::kind_of(params.get("in")) {
        crate::search::Kind::Name => search::page(&ctx, query)?,
        kind => words::page(&ctx, query, kind)?,
    };
    Ok(html_response(StatusCode::OK, page))
}

/// The node's description (its triples in every article, without repeats) as RDF.
fn describe(ctx: &Ctx<'_>, node: &NamedNode, format: RdfFormat) -> HttpResult {
    let rows = ctx.rows(&format!("SELECT DISTINCT ?p ?o WHERE {{ {node} ?p ?o }}"))?;
    let quads: Vec<Quad> = rows
        .iter()
        .filter_map(|r| Some(Quad::new(node.clone(), iri(r, "p")?, r.get("o")?.clone(), GraphName::DefaultGraph)))
        .collect();
    if quads.is_empty() && !ctx.store.has_graph(node.as_ref()).map_err(|e| internal(e.to_string()))? {
        return Err(error(StatusCode::NOT_FOUND, format!("nothing is known about <{node}> in this store")));
    }
    let mut out = Vec::new();
    crate::export::write_quads(&quads, format, &mut out).map_err(|e| internal(e.to_string()))?;
    Ok(super::respond(StatusCode::OK, super::rdf_content_type(format), out))
}

/// The classes that decide which page a node gets (entities, then facts and spans).
const ENTITY_CLASSES: &str = "nkg:Person nkg:Organization nkg:Place";
const FACT_CLASSES: &str = "nkg:Event nkg:PositionHolding nkg:Quotation nkg:AnonymousSource nkg:Span";

/// The HTML page of a node, by what it is.
fn page(ctx: &Ctx<'_>, node: &NamedNode, params: &Params) -> ViewResult<(StatusCode, Markup)> {
    if ctx.store.has_graph(node.as_ref()).map_err(|e| internal(e.to_string()))? {
        return Ok((StatusCode::OK, article::page(ctx, node)?));
    }
    let rows = ctx.rows(&format!(
        "SELECT ?t WHERE {{ VALUES ?t {{ {ENTITY_CLASSES} {FACT_CLASSES} }} FILTER EXISTS {{ {node} a ?t }} }}"
    ))?;
    let classes: Vec<NamedNode> = rows.iter().filter_map(|r| iri(r, "t")).collect();
    if classes.iter().any(|c| [nkg::PERSON, nkg::ORGANIZATION, nkg::PLACE].contains(&c.as_ref())) {
        return Ok((StatusCode::OK, entity::page(ctx, node, params)?));
    }
    if !classes.is_empty() {
        if let Some(page) = fact::page(ctx, node)? {
            return Ok((StatusCode::OK, page));
        }
    }
    generic(ctx, node)
}

/// Any other node: its triples and the nodes that point to it (the first few hundred).
fn generic(ctx: &Ctx<'_>, node: &NamedNode) -> ViewResult<(StatusCode, Markup)> {
    let out = ctx.rows(&format!("SELECT DISTINCT ?p ?o WHERE {{ {node} ?p ?o }} ORDER BY ?p ?o LIMIT 500"))?;
    let inc = ctx.rows(&format!("SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {node} }} LIMIT 200"))?;
    let name = model::iri_tail(node.as_str());
    if out.is_empty() && inc.is_empty() {
        let body = html! {
            h1 { "Not in this store" }
            p { "The store knows nothing about " code { (node.as_str()) } "." }
            @if node.as_str().starts_with("http://") || node.as_str().starts_with("https://") {
                p { "The address itself, outside this server: " (external(node.as_str(), node.as_str())) }
            }
        };
        return Ok((StatusCode::NOT_FOUND, layout("Not found", "", body)));
    }
    let body = html! {
        h1 { (name) }
        p.iri { code { (node.as_str()) } }
        @if !out.is_empty() {
            h2 { "Properties" }
            table.props { @for r in &out { tr {
                td { (r.get("p").map(predicate_name).unwrap_or_default()) }
                td { (r.get("o").map(term).unwrap_or_default()) }
            } } }
        }
        @if !inc.is_empty() {
            h2 { "Pointed to by" }
            table.props { @for r in &inc { tr {
                td { (r.get("s").map(term).unwrap_or_default()) }
                td { (r.get("p").map(predicate_name).unwrap_or_default()) }
            } } }
            @if inc.len() == 200 { p.note { "(the first 200)" } }
        }
    };
    Ok((StatusCode::OK, layout(&name, "", body)))
}

/// A predicate as its local name.
fn predicate_name(p: &Term) -> String {
    match p {
        Term::NamedNode(n) => model::iri_tail(n.as_str()),
        other => other.to_string(),
    }
}

/// A term on a page: IRIs link to their page, literals are shown as text.
pub(super) fn term(t: &Term) -> Markup {
    match t {
        Term::NamedNode(n) => link(n, n.as_str()),
        Term::Literal(l) => html! { (l.value()) },
        other => html! { (other.to_string()) },
    }
}

/// Paging of a long list: which slice of `total` rows page `n` (from 1) shows.
pub(super) fn page_range(total: usize, n: usize, size: usize) -> std::ops::Range<usize> {
    let start = (n.saturating_sub(1) * size).min(total);
    start..(start + size).min(total)
}
