//! Shapes compiled to SPARQL: each constraint becomes one SELECT over `GRAPH ?g { ... }`,
//! so every graph is validated on its own in one pass over the store; and the words each
//! result says.
//!
//! **Invariant:** every row of a compiled query is one result: `?g` the graph, `?this` the
//! focus node, and `?v` the value (value constraints) or `?n` the value count (count
//! constraints).

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{Literal, NamedNode, Term};

use super::report::{short, show};
use super::shapes::{Condition, Constraint, NodeKind, SparqlConstraint, Target, ValueTest};

/// The triple pattern that binds `?this` to the focus nodes of a target.
pub(super) fn focus_pattern(target: &Target) -> String {
    match target {
        Target::Class(c) => format!("?this {}/{}* {c} .", rdf::TYPE, rdfs::SUB_CLASS_OF),
        Target::SubjectsOf(p) => format!("?this {p} ?any_ ."),
    }
}

/// The query finding the results of a constraint on the values of `path`, or `None` when
/// the constraint cannot fail (a qualified value shape without counts).
pub(super) fn constraint_query(focus: &str, path: &NamedNode, constraint: &Constraint) -> Option<String> {
    let p = path;
    Some(match constraint {
        Constraint::MinCount(n) => format!(
            "SELECT ?g ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ GRAPH ?g {{ {focus} OPTIONAL {{ ?this {p} ?v }} }} }} GROUP BY ?g ?this HAVING (COUNT(DISTINCT ?v) < {n})"
        ),
        Constraint::MaxCount(n) => format!(
            "SELECT ?g ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ GRAPH ?g {{ {focus} ?this {p} ?v }} }} GROUP BY ?g ?this HAVING (COUNT(DISTINCT ?v) > {n})"
        ),
        Constraint::Value(condition) => format!(
            "SELECT DISTINCT ?g ?this ?v WHERE {{ GRAPH ?g {{ {focus} ?this {p} ?v . FILTER(!{}) }} }}",
            condition_sparql(condition)
        ),
        Constraint::HasValue(t) => {
            format!("SELECT DISTINCT ?g ?this WHERE {{ GRAPH ?g {{ {focus} FILTER NOT EXISTS {{ ?this {p} {t} }} }} }}")
        }
        Constraint::Or(tests) => {
            let passes_one = tests.iter().map(test_sparql).collect::<Vec<_>>().join(" || ");
            format!("SELECT DISTINCT ?g ?this ?v WHERE {{ GRAPH ?g {{ {focus} ?this {p} ?v . FILTER(!({passes_one})) }} }}")
        }
        Constraint::LessThanOrEquals(q) => format!(
            "SELECT DISTINCT ?g ?this ?v WHERE {{ GRAPH ?g {{ {focus} ?this {p} ?v . ?this {q} ?w . FILTER(!COALESCE(?v <= ?w, false)) }} }}"
        ),
        Constraint::Qualified { test, min, max } => {
            let mut having = Vec::new();
            if let Some(m) = min {
                having.push(format!("COUNT(DISTINCT ?v) < {m}"));
            }
            if let Some(m) = max {
                having.push(format!("COUNT(DISTINCT ?v) > {m}"));
            }
            if having.is_empty() {
                return None;
            }
            format!(
                "SELECT ?g ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ GRAPH ?g {{ {focus} OPTIONAL {{ ?this {p} ?v FILTER({}) }} }} }} GROUP BY ?g ?this HAVING ({})",
                test_sparql(test),
                having.join(" || ")
            )
        }
    })
}

/// The query of a SHACL-SPARQL constraint: its SELECT as a subquery joined with the focus
/// nodes, per graph (rows bind `?value` rather than `?v`).
pub(super) fn sparql_query(focus: &str, constraint: &SparqlConstraint) -> String {
    format!("SELECT DISTINCT ?g ?this ?value WHERE {{ GRAPH ?g {{ {focus} {{ {} }} }} }}", constraint.select)
}

/// The SPARQL boolean expression for "?v passes this condition".
fn condition_sparql(condition: &Condition) -> String {
    match condition {
        Condition::Datatype(d) if d.as_ref() == rdf::LANG_STRING => "(isLITERAL(?v) && LANG(?v) != \"\")".into(),
        Condition::Datatype(d) => format!("(isLITERAL(?v) && LANG(?v) = \"\" && DATATYPE(?v) = {d})"),
        Condition::Class(k) => format!("EXISTS {{ ?v {}/{}* {k} }}", rdf::TYPE, rdfs::SUB_CLASS_OF),
        Condition::NodeKind(kind) => match kind {
            NodeKind::Iri => "isIRI(?v)",
            NodeKind::Literal => "isLITERAL(?v)",
            NodeKind::BlankNode => "isBLANK(?v)",
            NodeKind::BlankNodeOrIri => "(isBLANK(?v) || isIRI(?v))",
            NodeKind::BlankNodeOrLiteral => "(isBLANK(?v) || isLITERAL(?v))",
            NodeKind::IriOrLiteral => "(isIRI(?v) || isLITERAL(?v))",
        }
        .into(),
        Condition::In(values) if values.is_empty() => "false".into(),
        Condition::In(values) => {
            format!("({})", values.iter().map(|t| format!("sameTerm(?v, {t})")).collect::<Vec<_>>().join(" || "))
        }
        Condition::HasValue(t) => format!("sameTerm(?v, {t})"),
        Condition::Pattern(p) => format!("(!isBLANK(?v) && REGEX(STR(?v), {}))", Literal::new_simple_literal(p)),
        // Incomparable values (an IRI, a string against a number) do not conform.
        Condition::Range(bound, limit) => format!("COALESCE(?v {} {limit}, false)", bound.operator()),
    }
}

/// The SPARQL boolean expression for "?v passes every condition of the test".
fn test_sparql(test: &ValueTest) -> String {
    if test.conditions.is_empty() {
        return "true".into();
    }
    format!("({})", test.conditions.iter().map(condition_sparql).collect::<Vec<_>>().join(" && "))
}

/// What a result of a constraint on `path` says, given its row's value (value
/// constraints) or value count (count constraints).
pub(super) fn result_message(
    constraint: &Constraint,
    path: &NamedNode,
    value: Option<&Term>,
    count: Option<u64>,
) -> String {
    let path = short(path.as_str());
    let value = value.map(show).unwrap_or_default();
    let count = count.unwrap_or(0);
    match constraint {
        Constraint::MinCount(n) => format!("{count} value(s) of {path}, at least {n} required"),
        Constraint::MaxCount(n) => format!("{count} values of {path}, at most {n} allowed"),
        Constraint::Value(condition) => format!("value {value} of {path} is not {}", describe(condition)),
        Constraint::HasValue(t) => format!("no value {} of {path}", show(t)),
        Constraint::Or(tests) => {
            let any = tests.iter().map(describe_test).collect::<Vec<_>>().join(", or ");
            format!("value {value} of {path} is not {any}")
        }
        Constraint::LessThanOrEquals(q) => {
            format!("value {value} of {path} is not less than or equal to {}", short(q.as_str()))
        }
        Constraint::Qualified { test, min, max } => {
            let bounds = match (min, max) {
                (Some(a), Some(b)) if a == b => format!("exactly {a}"),
                (Some(a), Some(b)) => format!("{a} to {b}"),
                (Some(a), None) => format!("at least {a}"),
                (None, Some(b)) => format!("at most {b}"),
                (None, None) => String::new(),
            };
            format!("{count} value(s) of {path} {}, {bounds} required", describe_test(test))
        }
    }
}

/// What a value passing the condition is (`a literal of type xsd:string`).
fn describe(condition: &Condition) -> String {
    match condition {
        Condition::Datatype(d) => format!("a literal of type {}", short(d.as_str())),
        Condition::Class(k) => format!("an instance of {}", short(k.as_str())),
        Condition::NodeKind(kind) => format!("of node kind {}", short(kind.iri().as_str())),
        Condition::In(v) => format!("one of {}", v.iter().map(show).collect::<Vec<_>>().join(", ")),
        Condition::HasValue(t) => format!("equal to {}", show(t)),
        Condition::Pattern(p) => format!("matching /{p}/"),
        Condition::Range(bound, limit) => format!("{} {}", bound.operator(), limit.value()),
    }
}

fn describe_test(test: &ValueTest) -> String {
    test.conditions.iter().map(describe).collect::<Vec<_>>().join(" and ")
}
