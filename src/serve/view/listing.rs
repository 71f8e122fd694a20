//! Long lists of an entity's page (its articles, events, quotations, posts), newest
//! article first, one page at a time.
//!
//! Oxigraph joins two patterns by hashing, reading each on its own: joining an entity's
//! rows with their articles' dates would read the date of every article of the store, and
//! that grows with the store. So a list is made in steps whose cost grows only with the
//! entity's rows: one query groups the rows by article graph (one index range, only the
//! graph names decoded); the graphs are sorted by the dates of the catalog; then only the
//! page's graphs are read, each by a query that names its graph.
//!
//! **Invariant:** the order is the article's date, newest first (articles without a date
//! last), then the graph's IRI, then the node's IRI; with or without the catalog (without
//! it, the dates come from the same grouping query, joined in SPARQL).

use std::ops::Range;

use oxigraph::model::NamedNode;

use super::{iri, number, text, Ctx, ViewResult};

/// An article graph of a list, with its date and how many rows it has.
pub struct Graph {
    pub graph: NamedNode,
    pub published: Option<String>,
    pub rows: usize,
}

/// A row of a list: a node, the article graph it is in and the article's date.
pub struct Row {
    pub node: NamedNode,
    pub graph: NamedNode,
    pub published: Option<String>,
}

/// The article graphs `?g` in which `pattern` finds nodes `?x`, with how many, newest
/// first.
pub fn graphs(ctx: &Ctx<'_>, pattern: &str) -> ViewResult<Vec<Graph>> {
    let mut graphs: Vec<Graph> = match &ctx.catalog {
        Some(catalog) => {
            let rows = ctx.rows(&format!(
                "SELECT ?g (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }} GROUP BY ?g"
            ))?;
            let mut graphs = Vec::with_capacity(rows.len());
            for r in &rows {
                let Some(graph) = iri(r, "g") else { continue };
                let published = match catalog.date(&graph) {
                    Some(day) => day.map(str::to_owned),
                    None => date_of(ctx, &graph)?,
                };
                graphs.push(Graph { graph, published, rows: number(r, "n") as usize });
            }
            graphs
        }
        None => ctx
            .rows(&format!(
                "SELECT ?g (MAX(?pd) AS ?d) (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} \
                 OPTIONAL {{ ?g schema:datePublished ?pd }} }} }} GROUP BY ?g"
            ))?
            .iter()
            .filter_map(|r| Some(Graph { graph: iri(r, "g")?, published: text(r, "d"), rows: number(r, "n") as usize }))
            .collect(),
    };
    sort_newest_first(&mut graphs);
    Ok(graphs)
}

fn date_of(ctx: &Ctx<'_>, graph: &NamedNode) -> ViewResult<Option<String>> {
    let rows =
        ctx.rows(&format!("SELECT (MAX(?d) AS ?day) WHERE {{ GRAPH {graph} {{ {graph} schema:datePublished ?d }} }}"))?;
    Ok(rows.first().and_then(|r| text(r, "day")))
}

/// Newest first, undated last, then by IRI.
pub fn sort_newest_first(graphs: &mut [Graph]) {
    graphs.sort_by(|a, b| {
        b.published
            .is_some()
            .cmp(&a.published.is_some())
            .then_with(|| b.published.cmp(&a.published))
            .then_with(|| a.graph.cmp(&b.graph))
    });
}

/// The total number of rows.
pub fn total(graphs: &[Graph]) -> usize {
    graphs.iter().map(|g| g.rows).sum()
}

/// The rows `range` of the list: per graph, in order, the nodes `?x` of `row_pattern` in
/// it (sorted), or the graph itself when there is no row pattern.
pub fn rows(ctx: &Ctx<'_>, graphs: &[Graph], row_pattern: Option<&str>, range: Range<usize>) -> ViewResult<Vec<Row>> {
    let mut out = Vec::new();
    let mut at = 0;
    for g in graphs {
        let (first, end) = (at, at + g.rows);
        at = end;
        if end <= range.start {
            continue;
        }
        if first >= range.end {
            break;
        }
        let nodes: Vec<NamedNode> = match row_pattern {
            None => vec![g.graph.clone()],
            Some(pattern) => {
                let graph = &g.graph;
                let rows = ctx.rows(&format!("SELECT DISTINCT ?x WHERE {{ GRAPH {graph} {{ {pattern} }} }}"))?;
                let mut nodes: Vec<NamedNode> = rows.iter().filter_map(|r| iri(r, "x")).collect();
                nodes.sort();
                nodes
            }
        };
        for (k, node) in nodes.into_iter().enumerate() {
            if (range.start..range.end).contains(&(first + k)) {
                out.push(Row { node, graph: g.graph.clone(), published: g.published.clone() });
            }
        }
    }
    Ok(out)
}
