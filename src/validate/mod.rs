//! `newskg validate`: SHACL validation of article graphs, by compiling shapes to SPARQL.
//!
//! The shapes (`ontologies/newskg-shapes.ttl` by default) are read into node shapes with
//! their targets and property shapes (`read.rs` into the types of `shapes.rs`); each
//! constraint becomes one SPARQL query over `GRAPH ?g { ... }` (`compile.rs`), so every
//! article graph is validated on its own (as pySHACL does for a dataset) in one pass over
//! the store; the results make a text or Turtle report (`report.rs`). Supported SHACL
//! Core: targets `sh:targetClass` and `sh:targetSubjectsOf`; property shapes with an IRI
//! `sh:path` and `sh:minCount`, `sh:maxCount`, `sh:datatype`, `sh:class`, `sh:nodeKind`,
//! `sh:in`, `sh:hasValue`, `sh:pattern`, `sh:minInclusive` and the other range bounds,
//! `sh:lessThanOrEquals`, `sh:or` (of value tests) and `sh:qualifiedValueShape` with
//! `sh:qualifiedMinCount`/`sh:qualifiedMaxCount`; `sh:severity`, `sh:message`,
//! `sh:deactivated` (on shapes and constraints); and SHACL-SPARQL node constraints
//! (`sh:sparql [ sh:select "..." ]`, run as a subquery joined with the focus nodes; their
//! results say the constraint's `sh:message`, else the node shape's).
//!
//! **Invariant:** a shape using anything else is refused when the shapes are read (never
//! silently ignored); results are sorted, so reports are deterministic. Data conforms
//! when no result has severity `sh:Violation` (pySHACL's `--allow-warnings`).

mod compile;
mod load;
mod read;
mod report;
mod shapes;

use std::collections::BTreeSet;
use std::fmt::Display;

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution};

pub use load::load_files;
pub use read::SHAPES;
pub use report::{short, Finding, Report};
pub use shapes::{Component, Shapes};

use crate::error::{Error, Result};
use crate::store::Store;
use report::show;
use shapes::{Constraint, NodeShape, PropertyShape, SparqlConstraint};

/// Validates every named graph of the store against the shapes.
pub fn validate(store: &Store, shapes: &Shapes) -> Result<Report> {
    let mut findings = BTreeSet::new();
    for node in &shapes.node_shapes {
        for target in &node.targets {
            let focus = compile::focus_pattern(target);
            for shape in &node.properties {
                for constraint in &shape.constraints {
                    run_constraint(store, &focus, shape, constraint, &mut findings)?;
                }
            }
            for constraint in &node.sparql {
                run_sparql(store, &focus, node, constraint, &mut findings)?;
            }
        }
    }
    let graphs = store.graph_count();
    Ok(Report { findings: findings.into_iter().collect(), graphs })
}

/// Runs one constraint of a property shape as one query and records its results.
fn run_constraint(
    store: &Store,
    focus: &str,
    shape: &PropertyShape,
    constraint: &Constraint,
    out: &mut BTreeSet<Finding>,
) -> Result<()> {
    let Some(query) = compile::constraint_query(focus, &shape.path, constraint) else { return Ok(()) };
    for_each_result(store, &query, format_args!("shape {}", show(&shape.id)), |graph, focus, row| {
        let value = row.get("v").cloned();
        let count = match row.get("n") {
            Some(Term::Literal(n)) => n.value().parse::<u64>().ok(),
            _ => None,
        };
        let mut message = compile::result_message(constraint, &shape.path, value.as_ref(), count);
        if let Some(m) = &shape.message {
            message = format!("{message} ({m})");
        }
        out.insert(Finding {
            graph: graph.to_owned(),
            focus: focus.clone(),
            path: Some(shape.path.clone()),
            value,
            component: constraint.component(count),
            shape: shape.id.clone(),
            shape_label: shape.label.clone(),
            severity: shape.severity.clone(),
            message,
        });
    })
}

/// Runs a SHACL-SPARQL constraint of a node shape and records its results.
fn run_sparql(
    store: &Store,
    focus: &str,
    node: &NodeShape,
    constraint: &SparqlConstraint,
    out: &mut BTreeSet<Finding>,
) -> Result<()> {
    let query = compile::sparql_query(focus, constraint);
    for_each_result(store, &query, format_args!("shape {}: sh:sparql", node.label), |graph, focus, row| {
        let value = row.get("value").cloned();
        let own = constraint.message.as_ref().or(node.message.as_ref());
        let mut message = own.cloned().unwrap_or_else(|| "SPARQL constraint not met".into());
        if let Some(v) = &value {
            message = format!("{message}: {}", show(v));
        }
        out.insert(Finding {
            graph: graph.to_owned(),
            focus: focus.clone(),
            path: None,
            value,
            component: Component::Sparql,
            shape: node.id.clone(),
            shape_label: node.label.clone(),
            severity: node.severity.clone(),
            message,
        });
    })
}

/// Runs a compiled query and calls `each` with the graph, focus node and row of every
/// result (rows without a graph IRI or focus node are none); `context` prefixes errors.
fn for_each_result(
    store: &Store,
    query: &str,
    context: impl Display,
    mut each: impl FnMut(&str, &Term, &QuerySolution),
) -> Result<()> {
    let results = store.query(query, &Default::default()).map_err(|e| Error::Sparql(format!("{context}: {e}")))?;
    let QueryResults::Solutions(rows) = results else { return Ok(()) };
    for row in rows {
        let row = row.map_err(|e| Error::Sparql(e.to_string()))?;
        if let (Some(Term::NamedNode(graph)), Some(focus)) = (row.get("g"), row.get("this")) {
            each(graph.as_str(), focus, &row);
        }
    }
    Ok(())
}
