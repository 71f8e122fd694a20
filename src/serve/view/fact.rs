//! The page of one fact (event, quotation, post, anonymous source) or span: its fields,
//! each evidence span marked in its sentence, the facts of the article that point to it,
//! and its article.

use maud::{html, Markup};
use oxigraph::model::{NamedNode, Term};

use super::article::{kind_name, marks};
use super::highlight::{self, Chars, Mark};
use super::model::{self, ArticleModel, Kind};
use super::{external, iri, layout, link, Ctx, ViewResult};
use crate::rdf::vocab::{nif, nkg, schema};

/// The page, or `None` when the node is in no article graph.
pub fn page(ctx: &Ctx<'_>, node: &NamedNode) -> ViewResult<Option<Markup>> {
    let rows = ctx.rows(&format!("SELECT ?g WHERE {{ GRAPH ?g {{ {node} a ?t }} }} LIMIT 1"))?;
    let Some(article) = rows.first().and_then(|r| iri(r, "g")) else { return Ok(None) };
    let m = ArticleModel::load(ctx, &article)?;
    let me: Term = node.clone().into();
    let index = m.fact_index(node);
    let (title, spans): (String, Vec<(usize, usize)>) = match index.map(|i| &m.facts[i]) {
        Some(f) if f.kind == Kind::Event => (m.summary(f), f.spans.clone()),
        Some(f) => (format!("{}: {}", kind_name(&m, f), m.summary(f)), f.spans.clone()),
        None => {
            let anchor = m.graph.literal(&me, nif::ANCHOR_OF).unwrap_or("");
            (format!("Span “{}”", model::shorten(anchor, 80)), m.graph.span(&me).into_iter().collect())
        }
    };
    let chars = Chars::new(&m.text);
    let all_marks = marks(&m);
    let body = html! {
        h1 { (title) }
        p.iri { code { (node.as_str()) } }
        (fields(&m, &me))
        h2 { "Evidence" }
        @if spans.is_empty() { p.note { "No span of the text is given for it." } }
        @for (k, &(begin, end)) in spans.iter().enumerate() {
            (evidence(&chars, &all_marks, index, k, begin, end))
            @if let Some(i) = index {
                p.note { a href={ (super::href(&m.iri)) "#m" (i) "-" (k) } { "See it in the article" } }
            }
        }
        (pointed_to_by(&m, node))
        h2 { "Article" }
        p {
            (link(&m.iri, &m.title()))
            @if let Some(d) = m.field(schema::DATE_PUBLISHED) { " · " time { (d) } }
            @if let Some(s) = m.field(nkg::SOURCE_NAME) { " · " (s) }
        }
    };
    Ok(Some(layout(&title, "", body)))
}

/// The sentence(s) around one evidence span, with the span marked.
fn evidence(chars: &Chars<'_>, all: &[Mark], fact: Option<usize>, k: usize, begin: usize, end: usize) -> Markup {
    let Some(bytes) = chars.bytes(begin, end) else {
        return html! { p.note { "The span " (begin) "–" (end) " is outside the article text." } };
    };
    let sentence = highlight::sentence_around(chars.text, bytes);
    let window = chars.code_point(sentence.start)..chars.code_point(sentence.end);
    // This span, marked as the fact's kind; other facts' spans in the sentence are not shown.
    let own: Vec<Mark> = match fact {
        Some(f) => all.iter().filter(|m| m.fact == f && m.span == k).cloned().collect(),
        None => vec![Mark { begin, end, fact: 0, span: 0, class: "k-claim", title: "the span".into() }],
    };
    html! { div.sentence { (highlight::render(chars, window, &own, false)) } }
}

/// The fields of the node, in the article's graph (type and evidence are shown apart).
fn fields(m: &ArticleModel, me: &Term) -> Markup {
    let g = &m.graph;
    let skip = [nkg::EVIDENCE, nif::REFERENCE_CONTEXT, oxigraph::model::vocab::rdf::TYPE];
    html! {
        table.props {
            @for (p, o) in g.about(me).iter().filter(|(p, _)| !skip.contains(&p.as_ref())) {
                tr {
                    td { (model::iri_tail(p.as_str())) }
                    td { (value(m, o)) }
                }
            }
        }
    }
}

/// A field value: nodes of the store link to their page with their label, vocabulary
/// terms show their name, Wikidata links leave the server.
fn value(m: &ArticleModel, o: &Term) -> Markup {
    match o {
        Term::NamedNode(n) if n.as_str().starts_with(nkg::NS) => html! { (model::iri_tail(n.as_str())) },
        Term::NamedNode(n) if n.as_str().starts_with(crate::rdf::vocab::wd::NS) => {
            external(n.as_str(), &model::iri_tail(n.as_str()))
        }
        Term::NamedNode(n) => link(n, &m.graph.label(n)),
        Term::Literal(l) => html! { (l.value()) },
        other => html! { (other.to_string()) },
    }
}

/// The facts of the article that name this node (a quotation's statement, a span's fact).
fn pointed_to_by(m: &ArticleModel, node: &NamedNode) -> Markup {
    let target: Term = node.clone().into();
    let mut refs: Vec<(&NamedNode, String, String)> = Vec::new();
    for f in &m.facts {
        for (p, o) in m.graph.about(&f.node.clone().into()) {
            if *o == target {
                refs.push((&f.node, model::iri_tail(p.as_str()), format!("{}: {}", kind_name(m, f), m.summary(f))));
            }
        }
    }
    html! {
        @if !refs.is_empty() {
            h2 { "Pointed to by" }
            ul.plain { @for (n, p, what) in &refs { li { (link(n, what)) span.note { " (" (p) ")" } } } }
        }
    }
}
