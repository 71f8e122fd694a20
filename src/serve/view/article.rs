//! The article page: metadata, the full text with each fact's evidence highlighted, and
//! the side list of facts (each linking to its highlights, its page and the pages of the
//! entities it names).

use maud::{html, Markup};
use oxigraph::model::{NamedNode, Term};

use super::highlight::{self, Chars, Mark};
use super::model::{self, ArticleModel, Fact, Kind};
use super::{external, layout, link, Ctx, ViewResult};
use crate::rdf::vocab::{nkg, schema};

pub fn page(ctx: &Ctx<'_>, article: &NamedNode) -> ViewResult<Markup> {
    let m = ArticleModel::load(ctx, article)?;
    let chars = Chars::new(&m.text);
    let marks = marks(&m);
    let title = m.title();
    let body = html! {
        h1 { (title) }
        (metadata(&m))
        p.legend.note {
            "Highlights: "
            mark.k-person { "person" } mark.k-org { "organization" } mark.k-place { "place" }
            mark.k-post { "post" } mark.k-event { "event" } mark.k-quote { "quotation" }
            mark.k-source { "anonymous source" } mark.k-claim { "claim with a source" }
            "Click one for its fact and rule."
        }
        div.cols {
            div.text #text { (highlight::render(&chars, 0..chars.len(), &marks, true)) }
            aside.facts #facts {
                @let count = m.facts.len();
                h2 { (count) " facts" }
                @for kind in kinds(&m) {
                    h3 { (kind.heading()) }
                    ul { @for (i, f) in m.facts.iter().enumerate().filter(|(_, f)| f.kind == kind) {
                        (item(&m, i, f))
                    } }
                }
            }
        }
        div #info hidden {
            button #info-close type="button" aria-label="Close" { "×" }
            ul #info-list {}
        }
        (super::script())
    };
    Ok(layout(&title, "", body))
}

/// The kinds of fact the article has, in page order.
fn kinds(m: &ArticleModel) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = m.facts.iter().map(|f| f.kind).collect();
    kinds.dedup();
    kinds
}

/// One highlight per evidence span of each fact.
pub fn marks(m: &ArticleModel) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (i, f) in m.facts.iter().enumerate() {
        let title = format!("{}: {}{}", kind_name(m, f), m.summary(f), rule_suffix(f));
        for (k, &(begin, end)) in f.spans.iter().enumerate() {
            marks.push(Mark { begin, end, fact: i, span: k, class: f.kind.class(), title: title.clone() });
        }
    }
    marks
}

fn rule_suffix(f: &Fact) -> String {
    f.rule.as_deref().map_or_else(String::new, |r| format!(" · rule {r}"))
}

/// "Person", "Meeting", "Post", ...
pub fn kind_name(m: &ArticleModel, f: &Fact) -> String {
    match f.kind {
        Kind::Event => model::event_class(&m.graph, &f.node.clone().into()),
        Kind::Person => "Person".into(),
        Kind::Organization => "Organization".into(),
        Kind::Place => "Place".into(),
        Kind::Post => "Post".into(),
        Kind::Quotation => "Quotation".into(),
        Kind::Source => "Anonymous source".into(),
        Kind::Claim => "Claim".into(),
    }
}

fn metadata(m: &ArticleModel) -> Markup {
    let links = |p| {
        let nodes = m.links(p);
        html! { @for (i, n) in nodes.iter().enumerate() { @if i > 0 { ", " } (link(n, &m.graph.label(n))) } }
    };
    let me: Term = m.iri.clone().into();
    let url = m.graph.objects(&me, schema::URL).next().cloned();
    html! {
        dl.meta {
            @if let Some(d) = m.field(schema::DATE_PUBLISHED) { dt { "Published" } dd { time { (d) } } }
            @if let Some(d) = m.field(nkg::DATELINE) {
                dt { "Dateline" } dd { (d) @if !m.links(nkg::DATELINE_PLACE).is_empty() { " (" (links(nkg::DATELINE_PLACE)) ")" } }
            }
            @if !m.links(schema::AUTHOR).is_empty() { dt { "By" } dd { (links(schema::AUTHOR)) } }
            @if !m.links(schema::CONTRIBUTOR).is_empty() { dt { "Contributors" } dd { (links(schema::CONTRIBUTOR)) } }
            @if let Some(s) = m.field(nkg::SOURCE_NAME) { dt { "Source" } dd { (s) } }
            @match &url {
                Some(Term::NamedNode(u)) => { dt { "URL" } dd { (external(u.as_str(), u.as_str())) } }
                Some(Term::Literal(u)) => { dt { "URL" } dd { (u.value()) } }
                _ => {}
            }
            @if let Some(c) = m.field(nkg::PHOTO_CREDIT) { dt { "Photo credit" } dd { (c) } }
            @for note in m.graph.literals(&me, nkg::CONTRIBUTION_NOTE) { dt { "Note" } dd { (note) } }
            @if let Some(id) = m.field(schema::IDENTIFIER) { dt { "Identifier" } dd { code { (id) } } }
            dt { "Graph" } dd { code { (m.iri.as_str()) } }
        }
    }
}

/// A fact in the side list: a link to its first highlight, what it says (with links to
/// the entities it names), its rule and a link to its page.
fn item(m: &ArticleModel, i: usize, f: &Fact) -> Markup {
    let g = &m.graph;
    let node: Term = f.node.clone().into();
    let names = |p| {
        let nodes = g.iris(&node, p);
        html! { @for (k, n) in nodes.iter().enumerate() { @if k > 0 { ", " } (link(n, &g.label(n))) } }
    };
    html! {
        li id={ "f" (i) } data-f=(i) data-node=(f.node.as_str()) {
            @if f.spans.is_empty() { span.note { "(no span) " } } @else {
                a.jump href={ "#m" (i) "-0" } title="Show in the text" { "¶" }
            }
            @match f.kind {
                Kind::Person | Kind::Organization | Kind::Place => {
                    (link(&f.node, &g.label(&f.node)))
                    @let alts = model::alt_labels(g, &node);
                    @if !alts.is_empty() { span.note { " also “" (alts.join("”, “")) "”" } }
                    @for w in model::same_as(g, &node) {
                        " " (external(w.as_str(), &model::iri_tail(w.as_str())))
                    }
                    span.note { " " (f.spans.len()) "×" }
                }
                Kind::Post => {
                    (names(nkg::HOLDER)) ": " (g.literal(&node, nkg::ROLE_TITLE).unwrap_or("post"))
                    @if g.iri(&node, nkg::ROLE_OF).is_some() { " of " (names(nkg::ROLE_OF)) }
                    @if let Some(s) = g.iri(&node, nkg::STATUS) { " " span.badge { (model::iri_tail(s.as_str()).to_lowercase()) } }
                    " " (link(&f.node, "post"))
                }
                Kind::Event => {
                    (link(&f.node, &kind_name(m, f))) ": " (names(nkg::PARTICIPANT))
                    @if g.iri(&node, nkg::PLACE_OF).is_some() { ", in " (names(nkg::PLACE_OF)) }
                    @if let Some(d) = g.literal(&node, nkg::DATE) { ", " time { (d) } }
                    @if let Some(t) = g.literal(&node, nkg::TIME_EXPRESSION) { span.note { " (“" (t) "”)" } }
                    @if let Some(md) = g.literal(&node, nkg::MODALITY) { " " span.badge { (md) } }
                    @if g.iri(&node, nkg::ATTRIBUTED_TO).is_some() { span.note { " according to " (names(nkg::ATTRIBUTED_TO)) } }
                }
                Kind::Quotation => {
                    @if g.iri(&node, nkg::SPEAKER).is_some() { (names(nkg::SPEAKER)) } @else { span.note { "unnamed speaker" } }
                    ": " (link(&f.node, &format!("“{}”", model::shorten(g.literal(&node, nkg::TEXT).unwrap_or(""), 80))))
                }
                Kind::Source => {
                    (link(&f.node, &g.label(&f.node)))
                    @if g.iri(&node, nkg::AFFILIATION).is_some() { span.note { " (" (names(nkg::AFFILIATION)) ")" } }
                }
                Kind::Claim => {
                    (link(&f.node, "Sentence")) " attributed to " (names(nkg::ATTRIBUTED_TO))
                }
            }
            @if let Some(r) = &f.rule { " " code.rule { (r) } }
        }
    }
}
