//! `newskg validate`: SHACL validation of article graphs, by compiling shapes to SPARQL.
//!
//! The shapes (`ontologies/newskg-shapes.ttl` by default) are read into node shapes with
//! their targets and property shapes; each constraint becomes one SPARQL query over
//! `GRAPH ?g { ... }`, so every article graph is validated on its own (as pySHACL does for
//! a dataset) in one pass over the store. Supported SHACL Core: targets `sh:targetClass`
//! and `sh:targetSubjectsOf`; property shapes with an IRI `sh:path` and `sh:minCount`,
//! `sh:maxCount`, `sh:datatype`, `sh:class`, `sh:nodeKind`, `sh:in`, `sh:hasValue`,
//! `sh:pattern`, `sh:minInclusive` and the other range bounds, `sh:lessThanOrEquals`,
//! `sh:or` (of value tests) and
//! `sh:qualifiedValueShape` with `sh:qualifiedMinCount`/`sh:qualifiedMaxCount`;
//! `sh:severity`, `sh:message`, `sh:deactivated`; and SHACL-SPARQL node constraints
//! (`sh:sparql [ sh:select "..." ]`, run as a subquery joined with the focus nodes).
//!
//! Invariant: a shape using anything else is refused when the shapes are read (never
//! silently ignored); results are sorted, so reports are deterministic. Data conforms
//! when no result has severity `sh:Violation` (pySHACL's `--allow-warnings`).

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    BlankNode, Graph, GraphName, Literal, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term, TermRef,
};
use oxigraph::sparql::QueryResults;

use crate::error::{Error, Result};
use crate::rdf::nquads::sort_quads;
use crate::rdf::vocab::PREFIXES;
use crate::store::Store;

/// The built-in shapes.
pub const SHAPES: &str = include_str!("../ontologies/newskg-shapes.ttl");

/// The SHACL namespace.
pub const SH: &str = "http://www.w3.org/ns/shacl#";
/// The namespace of the built-in shapes.
pub const NKGSH: &str = "https://w3id.org/newskg/shapes#";

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

/// One test a single value must pass (the conjunction of its conditions).
#[derive(Debug, Clone, Default)]
struct ValueTest {
    conditions: Vec<Condition>,
}

#[derive(Debug, Clone)]
enum Condition {
    Datatype(NamedNode),
    Class(NamedNode),
    NodeKind(NamedNode),
    In(Vec<Term>),
    HasValue(Term),
    Pattern(String),
    /// `sh:minInclusive`, `sh:maxInclusive`, `sh:minExclusive`, `sh:maxExclusive`: the
    /// SPARQL operator and the bound.
    Range(&'static str, Literal),
}

#[derive(Debug, Clone)]
enum Constraint {
    MinCount(u64),
    MaxCount(u64),
    /// A value condition (the component is that of the condition).
    Value(Condition),
    HasValue(Term),
    Or(Vec<ValueTest>),
    LessThanOrEquals(NamedNode),
    Qualified {
        test: ValueTest,
        min: Option<u64>,
        max: Option<u64>,
    },
}

#[derive(Debug, Clone)]
struct PropertyShape {
    id: Term,
    /// How reports name the shape: its IRI, or for an anonymous property shape the node
    /// shape it belongs to.
    label: String,
    path: NamedNode,
    constraints: Vec<Constraint>,
    severity: NamedNode,
    message: Option<String>,
}

#[derive(Debug, Clone)]
enum Target {
    Class(NamedNode),
    SubjectsOf(NamedNode),
}

#[derive(Debug, Clone)]
struct NodeShape {
    id: Term,
    label: String,
    severity: NamedNode,
    targets: Vec<Target>,
    properties: Vec<PropertyShape>,
    sparql: Vec<SparqlConstraint>,
}

/// A SHACL-SPARQL constraint (`sh:sparql [ sh:select "..." ]`): each row of the SELECT
/// (which projects `$this`, and may project `?value`) is a result.
#[derive(Debug, Clone)]
struct SparqlConstraint {
    /// The SELECT, re-serialised by spargebra with full IRIs (so it can be a subquery).
    select: String,
    message: Option<String>,
}

/// A set of shapes, ready to run.
#[derive(Debug, Clone)]
pub struct Shapes {
    shapes: Vec<NodeShape>,
}

/// One validation result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The article graph (or file) the result is about.
    pub graph: String,
    pub focus: Term,
    /// The property (none for SPARQL constraints).
    pub path: Option<NamedNode>,
    pub value: Option<Term>,
    /// `sh:MinCountConstraintComponent` and so on.
    pub component: NamedNode,
    pub shape: Term,
    /// How the text report names the shape.
    pub shape_label: String,
    /// `sh:Violation`, `sh:Warning` or `sh:Info`.
    pub severity: NamedNode,
    pub message: String,
}

impl Finding {
    /// The sort key: graph, focus node, path, component, value, shape (as N-Triples).
    fn key(&self) -> (String, String, String, String, String, String) {
        (
            self.graph.clone(),
            self.focus.to_string(),
            self.path.as_ref().map(NamedNode::to_string).unwrap_or_default(),
            self.component.to_string(),
            self.value.as_ref().map(Term::to_string).unwrap_or_default(),
            self.shape.to_string(),
        )
    }
}

impl PartialOrd for Finding {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Finding {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key()).then_with(|| self.message.cmp(&other.message))
    }
}

/// What validation found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// How many graphs were validated.
    pub graphs: usize,
}

/// Shapes-graph errors name the shape concerned.
fn bad_shape(shape: &impl std::fmt::Display, reason: impl std::fmt::Display) -> Error {
    Error::Sparql(format!("shapes: {shape}: {reason}"))
}

impl Shapes {
    /// The built-in shapes (`ontologies/newskg-shapes.ttl`).
    pub fn builtin() -> Result<Shapes> {
        Shapes::parse(SHAPES, "ontologies/newskg-shapes.ttl")
    }

    /// Reads shapes from Turtle; `name` names the source in messages.
    pub fn parse(turtle: &str, name: &str) -> Result<Shapes> {
        // Blank nodes (anonymous property shapes) get names in order of appearance, so
        // reports that cite them are the same run to run.
        let mut graph = Graph::new();
        let mut blanks: HashMap<String, BlankNode> = HashMap::new();
        let mut rename = |b: &BlankNode| -> BlankNode {
            let n = blanks.len() + 1;
            blanks.entry(b.as_str().to_owned()).or_insert_with(|| BlankNode::new_unchecked(format!("shape{n}"))).clone()
        };
        for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
            let q = t.map_err(|e| Error::Sparql(format!("{name}: {e}")))?;
            let subject: NamedOrBlankNode = match q.subject {
                NamedOrBlankNode::BlankNode(b) => rename(&b).into(),
                s => s,
            };
            let object: Term = match q.object {
                Term::BlankNode(b) => rename(&b).into(),
                o => o,
            };
            graph.insert(&oxigraph::model::Triple::new(subject, q.predicate, object));
        }
        let mut node_shapes: Vec<NamedOrBlankNode> = Vec::new();
        for t in graph.iter() {
            let p = t.predicate.as_str();
            if p == format!("{SH}targetClass") || p == format!("{SH}targetSubjectsOf") {
                node_shapes.push(t.subject.into_owned());
            } else if p.starts_with(SH) && p.contains("target") {
                return Err(bad_shape(&t.subject, format!("unsupported target {p}")));
            }
        }
        node_shapes.sort_by_key(|n| n.to_string());
        node_shapes.dedup();
        let mut shapes = Vec::new();
        for node in &node_shapes {
            if is_true(&graph, node.as_ref(), "deactivated") {
                continue;
            }
            let mut targets = Vec::new();
            for o in graph.objects_for_subject_predicate(node, &sh("targetClass")) {
                targets.push(Target::Class(named(o, node, "sh:targetClass")?));
            }
            for o in graph.objects_for_subject_predicate(node, &sh("targetSubjectsOf")) {
                targets.push(Target::SubjectsOf(named(o, node, "sh:targetSubjectsOf")?));
            }
            for t in graph.triples_for_subject(node) {
                let p = t.predicate.as_str();
                if let Some(local) = p.strip_prefix(SH) {
                    if !matches!(
                        local,
                        "targetClass"
                            | "targetSubjectsOf"
                            | "property"
                            | "deactivated"
                            | "name"
                            | "description"
                            | "message"
                            | "severity"
                            | "sparql"
                    ) {
                        return Err(bad_shape(node, format!("unsupported node-shape constraint sh:{local}")));
                    }
                }
            }
            let mut properties = Vec::new();
            for p in graph.objects_for_subject_predicate(node, &sh("property")) {
                let id: NamedOrBlankNode = match p {
                    TermRef::NamedNode(n) => n.into_owned().into(),
                    TermRef::BlankNode(b) => b.into_owned().into(),
                    _ => return Err(bad_shape(node, "sh:property must be a node")),
                };
                if is_true(&graph, id.as_ref(), "deactivated") {
                    continue;
                }
                let mut ps = property_shape(&graph, &id)?;
                if let NamedOrBlankNode::BlankNode(_) = id {
                    ps.label = match node {
                        NamedOrBlankNode::NamedNode(n) => short(n.as_str()),
                        b => b.to_string(),
                    };
                }
                properties.push(ps);
            }
            let mut sparql = Vec::new();
            for c in graph.objects_for_subject_predicate(node, &sh("sparql")) {
                sparql.push(sparql_constraint(&graph, c, node)?);
            }
            let severity = match graph.object_for_subject_predicate(node, &sh("severity")) {
                Some(s) => named(s, node, "sh:severity")?,
                None => sh("Violation"),
            };
            let (id, label): (Term, String) = match node {
                NamedOrBlankNode::NamedNode(n) => (n.clone().into(), short(n.as_str())),
                NamedOrBlankNode::BlankNode(b) => (b.clone().into(), b.to_string()),
            };
            shapes.push(NodeShape { id, label, severity, targets, properties, sparql });
        }
        if shapes.is_empty() {
            return Err(Error::Sparql(format!("{name}: no shapes with sh:targetClass or sh:targetSubjectsOf")));
        }
        Ok(Shapes { shapes })
    }

    /// How many node shapes there are.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
}

/// Reads `sh:sparql [ sh:select "..." ; sh:message "..." ]`; refuses anything else.
fn sparql_constraint(graph: &Graph, c: TermRef<'_>, shape: &impl std::fmt::Display) -> Result<SparqlConstraint> {
    let node: NamedOrBlankNode = match c {
        TermRef::NamedNode(n) => n.into_owned().into(),
        TermRef::BlankNode(b) => b.into_owned().into(),
        _ => return Err(bad_shape(shape, "sh:sparql must be a node")),
    };
    let mut select = None;
    let mut message = None;
    for t in graph.triples_for_subject(&node) {
        let Some(local) = t.predicate.as_str().strip_prefix(SH) else { continue };
        match (local, t.object) {
            ("select", TermRef::Literal(l)) => select = Some(l.value().to_owned()),
            ("message", TermRef::Literal(l)) => message = Some(l.value().to_owned()),
            ("deactivated" | "name" | "description", _) => {}
            (other, _) => return Err(bad_shape(shape, format!("unsupported sh:sparql property sh:{other}"))),
        }
    }
    let text = select.ok_or_else(|| bad_shape(shape, "sh:sparql needs sh:select"))?;
    let query = spargebra::SparqlParser::new()
        .parse_query(&text)
        .map_err(|e| bad_shape(shape, format!("sh:select is not valid SPARQL: {e}")))?;
    if !matches!(query, spargebra::Query::Select { dataset: None, .. }) {
        return Err(bad_shape(shape, "sh:select must be a SELECT query without FROM"));
    }
    Ok(SparqlConstraint { select: query.to_string(), message })
}

fn is_true(graph: &Graph, node: NamedOrBlankNodeRef<'_>, local: &str) -> bool {
    graph
        .object_for_subject_predicate(node, &sh(local))
        .is_some_and(|o| matches!(o, TermRef::Literal(l) if l.value() == "true"))
}

fn named(t: TermRef<'_>, shape: &impl std::fmt::Display, what: &str) -> Result<NamedNode> {
    match t {
        TermRef::NamedNode(n) => Ok(n.into_owned()),
        other => Err(bad_shape(shape, format!("{what} must be an IRI, not {other}"))),
    }
}

fn count(t: TermRef<'_>, shape: &impl std::fmt::Display, what: &str) -> Result<u64> {
    match t {
        TermRef::Literal(l) => l.value().parse().map_err(|_| bad_shape(shape, format!("{what} must be an integer"))),
        other => Err(bad_shape(shape, format!("{what} must be an integer, not {other}"))),
    }
}

/// The members of an RDF list.
fn list(graph: &Graph, head: TermRef<'_>, shape: &impl std::fmt::Display) -> Result<Vec<Term>> {
    let mut out = Vec::new();
    let mut node = head.into_owned();
    for _ in 0..10_000 {
        if node == Term::NamedNode(rdf::NIL.into_owned()) {
            return Ok(out);
        }
        let subject: NamedOrBlankNode = match &node {
            Term::NamedNode(n) => n.clone().into(),
            Term::BlankNode(b) => b.clone().into(),
            _ => break,
        };
        let first = graph.object_for_subject_predicate(&subject, rdf::FIRST);
        let rest = graph.object_for_subject_predicate(&subject, rdf::REST);
        match (first, rest) {
            (Some(f), Some(r)) => {
                out.push(f.into_owned());
                node = r.into_owned();
            }
            _ => break,
        }
    }
    Err(bad_shape(shape, "malformed RDF list"))
}

/// The value conditions of a shape node (used by `sh:or` members and qualified shapes);
/// refuses anything else.
fn value_test(graph: &Graph, node: &Term, shape: &impl std::fmt::Display) -> Result<ValueTest> {
    let subject: NamedOrBlankNode = match node {
        Term::NamedNode(n) => n.clone().into(),
        Term::BlankNode(b) => b.clone().into(),
        _ => return Err(bad_shape(shape, "a value shape must be a node")),
    };
    let mut test = ValueTest::default();
    for t in graph.triples_for_subject(&subject) {
        let Some(local) = t.predicate.as_str().strip_prefix(SH) else { continue };
        if let Some(c) = condition(graph, local, t.object, shape)? {
            test.conditions.push(c);
        } else {
            return Err(bad_shape(shape, format!("unsupported constraint sh:{local} in a value shape")));
        }
    }
    Ok(test)
}

fn condition(graph: &Graph, local: &str, o: TermRef<'_>, shape: &impl std::fmt::Display) -> Result<Option<Condition>> {
    Ok(Some(match local {
        "datatype" => Condition::Datatype(named(o, shape, "sh:datatype")?),
        "class" => Condition::Class(named(o, shape, "sh:class")?),
        "nodeKind" => {
            let kind = named(o, shape, "sh:nodeKind")?;
            let ok = ["IRI", "Literal", "BlankNode", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral"]
                .iter()
                .any(|k| kind.as_str() == format!("{SH}{k}"));
            if !ok {
                return Err(bad_shape(shape, format!("unknown sh:nodeKind {kind}")));
            }
            Condition::NodeKind(kind)
        }
        "in" => Condition::In(list(graph, o, shape)?),
        "hasValue" => Condition::HasValue(o.into_owned()),
        "pattern" => match o {
            TermRef::Literal(l) => Condition::Pattern(l.value().to_owned()),
            _ => return Err(bad_shape(shape, "sh:pattern must be a string")),
        },
        "minInclusive" | "maxInclusive" | "minExclusive" | "maxExclusive" => {
            let op = match local {
                "minInclusive" => ">=",
                "maxInclusive" => "<=",
                "minExclusive" => ">",
                _ => "<",
            };
            match o {
                TermRef::Literal(l) => Condition::Range(op, l.into_owned()),
                _ => return Err(bad_shape(shape, format!("sh:{local} must be a literal"))),
            }
        }
        _ => return Ok(None),
    }))
}

fn property_shape(graph: &Graph, id: &NamedOrBlankNode) -> Result<PropertyShape> {
    let path = match graph.object_for_subject_predicate(id, &sh("path")) {
        Some(TermRef::NamedNode(n)) => n.into_owned(),
        Some(_) => return Err(bad_shape(id, "only IRI paths (a single property) are supported")),
        None => return Err(bad_shape(id, "a property shape needs sh:path")),
    };
    let mut shape = PropertyShape {
        id: match id {
            NamedOrBlankNode::NamedNode(n) => n.clone().into(),
            NamedOrBlankNode::BlankNode(b) => b.clone().into(),
        },
        label: match id {
            NamedOrBlankNode::NamedNode(n) => short(n.as_str()),
            b => b.to_string(),
        },
        path,
        constraints: Vec::new(),
        severity: sh("Violation"),
        message: None,
    };
    let mut qualified: Option<ValueTest> = None;
    let (mut qmin, mut qmax) = (None, None);
    for t in graph.triples_for_subject(id) {
        let Some(local) = t.predicate.as_str().strip_prefix(SH) else { continue };
        let o = t.object;
        match local {
            "path" | "name" | "description" | "deactivated" | "order" | "group" => {}
            "minCount" => shape.constraints.push(Constraint::MinCount(count(o, id, "sh:minCount")?)),
            "maxCount" => shape.constraints.push(Constraint::MaxCount(count(o, id, "sh:maxCount")?)),
            "hasValue" => shape.constraints.push(Constraint::HasValue(o.into_owned())),
            "lessThanOrEquals" => {
                shape.constraints.push(Constraint::LessThanOrEquals(named(o, id, "sh:lessThanOrEquals")?))
            }
            "or" => {
                let members = list(graph, o, id)?;
                let tests = members.iter().map(|m| value_test(graph, m, id)).collect::<Result<Vec<_>>>()?;
                shape.constraints.push(Constraint::Or(tests));
            }
            "qualifiedValueShape" => qualified = Some(value_test(graph, &o.into_owned(), id)?),
            "qualifiedMinCount" => qmin = Some(count(o, id, "sh:qualifiedMinCount")?),
            "qualifiedMaxCount" => qmax = Some(count(o, id, "sh:qualifiedMaxCount")?),
            "severity" => shape.severity = named(o, id, "sh:severity")?,
            "message" => {
                if let TermRef::Literal(l) = o {
                    shape.message = Some(l.value().to_owned());
                }
            }
            other => match condition(graph, other, o, id)? {
                Some(c) => shape.constraints.push(Constraint::Value(c)),
                None => return Err(bad_shape(id, format!("unsupported constraint sh:{other}"))),
            },
        }
    }
    match qualified {
        Some(test) => shape.constraints.push(Constraint::Qualified { test, min: qmin, max: qmax }),
        None if qmin.is_some() || qmax.is_some() => {
            return Err(bad_shape(id, "sh:qualifiedMinCount/MaxCount without sh:qualifiedValueShape"))
        }
        None => {}
    }
    Ok(shape)
}

/// The SPARQL boolean expression for "?v passes this condition".
fn condition_sparql(c: &Condition) -> String {
    match c {
        Condition::Datatype(d) if d.as_ref() == rdf::LANG_STRING => "(isLITERAL(?v) && LANG(?v) != \"\")".into(),
        Condition::Datatype(d) => format!("(isLITERAL(?v) && LANG(?v) = \"\" && DATATYPE(?v) = {d})"),
        Condition::Class(k) => format!("EXISTS {{ ?v <{}>/<{}>* {k} }}", rdf::TYPE.as_str(), RDFS_SUBCLASS_OF),
        Condition::NodeKind(k) => match k.as_str().strip_prefix(SH).unwrap_or("") {
            "IRI" => "isIRI(?v)".into(),
            "Literal" => "isLITERAL(?v)".into(),
            "BlankNode" => "isBLANK(?v)".into(),
            "BlankNodeOrIRI" => "(isBLANK(?v) || isIRI(?v))".into(),
            "BlankNodeOrLiteral" => "(isBLANK(?v) || isLITERAL(?v))".into(),
            _ => "(isIRI(?v) || isLITERAL(?v))".into(),
        },
        Condition::In(values) if values.is_empty() => "false".into(),
        Condition::In(values) => {
            format!("({})", values.iter().map(|t| format!("sameTerm(?v, {t})")).collect::<Vec<_>>().join(" || "))
        }
        Condition::HasValue(t) => format!("sameTerm(?v, {t})"),
        Condition::Pattern(p) => format!("(!isBLANK(?v) && REGEX(STR(?v), {}))", Literal::new_simple_literal(p)),
        // Incomparable values (an IRI, a string against a number) do not conform.
        Condition::Range(op, bound) => format!("COALESCE(?v {op} {bound}, false)"),
    }
}

fn test_sparql(t: &ValueTest) -> String {
    if t.conditions.is_empty() {
        return "true".into();
    }
    format!("({})", t.conditions.iter().map(condition_sparql).collect::<Vec<_>>().join(" && "))
}

const RDFS_SUBCLASS_OF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";

fn component(local: &str) -> NamedNode {
    sh(&format!("{local}ConstraintComponent"))
}

/// A short name for an IRI (`nkg:speaker`), or `<iri>`.
pub fn short(iri: &str) -> String {
    for (p, ns) in PREFIXES.iter().chain([("sh", SH), ("nkgsh", NKGSH)].iter()) {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty() && local.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
                return format!("{p}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

fn show(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => short(n.as_str()),
        other => {
            let s = other.to_string();
            if s.chars().count() > 80 {
                format!("{}…", s.chars().take(79).collect::<String>())
            } else {
                s
            }
        }
    }
}

fn describe(c: &Condition) -> String {
    match c {
        Condition::Datatype(d) => format!("a literal of type {}", short(d.as_str())),
        Condition::Class(k) => format!("an instance of {}", short(k.as_str())),
        Condition::NodeKind(k) => format!("of node kind {}", short(k.as_str())),
        Condition::In(v) => format!("one of {}", v.iter().map(show).collect::<Vec<_>>().join(", ")),
        Condition::HasValue(t) => format!("equal to {}", show(t)),
        Condition::Pattern(p) => format!("matching /{p}/"),
        Condition::Range(op, bound) => format!("{op} {}", bound.value()),
    }
}

fn describe_test(t: &ValueTest) -> String {
    t.conditions.iter().map(describe).collect::<Vec<_>>().join(" and ")
}

/// Validates every named graph of the store against the shapes.
pub fn validate(store: &Store, shapes: &Shapes) -> Result<Report> {
    let mut findings = BTreeSet::new();
    for node in &shapes.shapes {
        for target in &node.targets {
            let focus = match target {
                Target::Class(c) => format!("?this <{}>/<{}>* {c} .", rdf::TYPE.as_str(), RDFS_SUBCLASS_OF),
                Target::SubjectsOf(p) => format!("?this {p} ?any_ ."),
            };
            for ps in &node.properties {
                for c in &ps.constraints {
                    run_constraint(store, &focus, ps, c, &mut findings)?;
                }
            }
            for c in &node.sparql {
                run_sparql(store, &focus, node, c, &mut findings)?;
            }
        }
    }
    let graphs = store.graph_count();
    Ok(Report { findings: findings.into_iter().collect(), graphs })
}

/// Runs one constraint as one query and records its results.
fn run_constraint(
    store: &Store,
    focus: &str,
    ps: &PropertyShape,
    c: &Constraint,
    out: &mut BTreeSet<Finding>,
) -> Result<()> {
    let p = &ps.path;
    // (query, component, message of a row)
    #[allow(clippy::type_complexity)]
    let (query, comp, what): (String, NamedNode, Box<dyn Fn(Option<&Term>, Option<&Term>) -> String + '_>) = match c {
        Constraint::MinCount(n) => (
            format!("SELECT ?g ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ GRAPH ?g {{ {focus} OPTIONAL {{ ?this {p} ?v }} }} }} GROUP BY ?g ?this HAVING (COUNT(DISTINCT ?v) < {n})"),
            component("MinCount"),
            Box::new(move |_, n: Option<&Term>| format!("{} value(s) of {}, at least {} required", lit(n), short(p.as_str()), c_n(c))),
        ),
        Constraint::MaxCount(n) => (
            format!("SELECT ?g ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ GRAPH ?g {{ {focus} ?this {p} ?v }} }} GROUP BY ?g ?this HAVING (COUNT(DISTINCT ?v) > {n})"),
            component("MaxCount"),
            Box::new(move |_, n: Option<&Term>| format!("{} values of {}, at most {} allowed", lit(n), short(p.as_str()), c_n(c))),
        ),
        Constraint::Value(cond) => {
            let comp = match cond {
                Condition::Datatype(_) => "Datatype",
                Condition::Class(_) => "Class",
                Condition::NodeKind(_) => "NodeKind",
                Condition::In(_) => "In",
                Condition::HasValue(_) => "HasValue",
                Condition::Pattern(_) => "Pattern",
                Condition::Range(">=", _) => "MinInclusive",
                Condition::Range("<=", _) => "MaxInclusive",
                Condition::Range(">", _) => "MinExclusive",
                Condition::Range(_, _) => "MaxExclusive",
            };
            let text = describe(cond);
            (
                format!("SELECT DISTINCT ?g ?this ?v WHERE {{ GRAPH ?g {{ {focus} ?this {p} ?v . FILTER(!{}) }} }}", condition_sparql(cond)),
                component(comp),
                Box::new(move |v: Option<&Term>, _| format!("value {} of {} is not {text}", v.map(show).unwrap_or_default(), short(p.as_str()))),
            )
        }
        Constraint::HasValue(t) => {
            let t2 = t.clone();
            (
                format!("SELECT DISTINCT ?g ?this WHERE {{ GRAPH ?g {{ {focus} FILTER NOT EXISTS {{ ?this {p} {t} }} }} }}"),
                component("HasValue"),
                Box::new(move |_, _| format!("no value {} of {}", show(&t2), short(p.as_str()))),
            )
        }
        Constraint::Or(tests) => {
            let expr = tests.iter().map(test_sparql).collect::<Vec<_>>().join(" || ");
            let text = tests.iter().map(describe_test).collect::<Vec<_>>().join(", or ");
            (
                format!("SELECT DISTINCT ?g ?this ?v WHERE {{ GRAPH ?g {{ {focus} ?this {p} ?v . FILTER(!({expr})) }} }}"),
                component("Or"),
                Box::new(move |v: Option<&Term>, _| format!("value {} of {} is not {text}", v.map(show).unwrap_or_default(), short(p.as_str()))),
            )
        }
        Constraint::LessThanOrEquals(q) => (
            format!("SELECT DISTINCT ?g ?this ?v WHERE {{ GRAPH ?g {{ {focus} ?this {p} ?v . ?this {q} ?w . FILTER(!COALESCE(?v <= ?w, false)) }} }}"),
            component("LessThanOrEquals"),
            Box::new(move |v: Option<&Term>, _| format!("value {} of {} is not less than or equal to {}", v.map(show).unwrap_or_default(), short(p.as_str()), short(q.as_str()))),
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
                return Ok(());
            }
            let text = describe_test(test);
            let (lo, hi) = (*min, *max);
            (
                format!(
                    "SELECT ?g ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ GRAPH ?g {{ {focus} OPTIONAL {{ ?this {p} ?v FILTER({}) }} }} }} GROUP BY ?g ?this HAVING ({})",
                    test_sparql(test),
                    having.join(" || ")
                ),
                component(if min.is_some() && max.is_none() { "QualifiedMinCount" } else { "QualifiedMaxCount" }),
                Box::new(move |_, n: Option<&Term>| {
                    let bounds = match (lo, hi) {
                        (Some(a), Some(b)) if a == b => format!("exactly {a}"),
                        (Some(a), Some(b)) => format!("{a} to {b}"),
                        (Some(a), None) => format!("at least {a}"),
                        (None, Some(b)) => format!("at most {b}"),
                        (None, None) => String::new(),
                    };
                    format!("{} value(s) of {} {text}, {bounds} required", lit(n), short(p.as_str()))
                }),
            )
        }
    };
    let results =
        store.query(&query, &Default::default()).map_err(|e| Error::Sparql(format!("shape {}: {e}", show(&ps.id))))?;
    let QueryResults::Solutions(rows) = results else { return Ok(()) };
    for row in rows {
        let row = row.map_err(|e| Error::Sparql(e.to_string()))?;
        let (Some(Term::NamedNode(g)), Some(focus)) = (row.get("g"), row.get("this")) else { continue };
        let value = row.get("v").cloned();
        let mut message = what(value.as_ref(), row.get("n"));
        // The qualified component depends on which bound was crossed.
        let mut comp = comp.clone();
        if let (Constraint::Qualified { min: Some(m), .. }, Some(Term::Literal(n))) = (c, row.get("n")) {
            if n.value().parse::<u64>().is_ok_and(|n| n < *m) {
                comp = component("QualifiedMinCount");
            } else {
                comp = component("QualifiedMaxCount");
            }
        }
        if let Some(m) = &ps.message {
            message = format!("{message} ({m})");
        }
        out.insert(Finding {
            graph: g.as_str().to_owned(),
            focus: focus.clone(),
            path: Some(p.clone()),
            value,
            component: comp,
            shape: ps.id.clone(),
            shape_label: ps.label.clone(),
            severity: ps.severity.clone(),
            message,
        });
    }
    Ok(())
}

/// Runs a SHACL-SPARQL constraint as a subquery joined with the focus nodes, per graph.
fn run_sparql(
    store: &Store,
    focus: &str,
    node: &NodeShape,
    c: &SparqlConstraint,
    out: &mut BTreeSet<Finding>,
) -> Result<()> {
    let query = format!("SELECT DISTINCT ?g ?this ?value WHERE {{ GRAPH ?g {{ {focus} {{ {} }} }} }}", c.select);
    let results = store
        .query(&query, &Default::default())
        .map_err(|e| Error::Sparql(format!("shape {}: sh:sparql: {e}", node.label)))?;
    let QueryResults::Solutions(rows) = results else { return Ok(()) };
    for row in rows {
        let row = row.map_err(|e| Error::Sparql(e.to_string()))?;
        let (Some(Term::NamedNode(g)), Some(focus)) = (row.get("g"), row.get("this")) else { continue };
        let value = row.get("value").cloned();
        let mut message = c.message.clone().unwrap_or_else(|| "SPARQL constraint not met".into());
        if let Some(v) = &value {
            message = format!("{message}: {}", show(v));
        }
        out.insert(Finding {
            graph: g.as_str().to_owned(),
            focus: focus.clone(),
            path: None,
            value,
            component: component("SPARQL"),
            shape: node.id.clone(),
            shape_label: node.label.clone(),
            severity: node.severity.clone(),
            message,
        });
    }
    Ok(())
}

fn lit(t: Option<&Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_owned(),
        _ => "0".into(),
    }
}

fn c_n(c: &Constraint) -> u64 {
    match c {
        Constraint::MinCount(n) | Constraint::MaxCount(n) => *n,
        _ => 0,
    }
}

impl Report {
    /// Whether the data conforms: no result of severity `sh:Violation`.
    pub fn conforms(&self) -> bool {
        !self.findings.iter().any(|f| f.severity.as_str() == format!("{SH}Violation"))
    }

    /// Results of a severity (`Violation`, `Warning`, `Info`).
    pub fn count(&self, severity: &str) -> usize {
        self.findings.iter().filter(|f| f.severity.as_str() == format!("{SH}{severity}")).count()
    }

    /// The report for people: one line per result, grouped by graph, and a summary.
    pub fn write_text(&self, mut w: impl Write, graph_names: &dyn Fn(&str) -> String) -> Result<()> {
        let mut current = None;
        for f in &self.findings {
            if current != Some(&f.graph) {
                writeln!(w, "{}", graph_names(&f.graph))?;
                current = Some(&f.graph);
            }
            let severity = f.severity.as_str().strip_prefix(SH).unwrap_or(f.severity.as_str());
            writeln!(w, "  {severity}: {}: {}  [{}]", show(&f.focus), f.message, f.shape_label)?;
        }
        let (v, wn) = (self.count("Violation"), self.count("Warning"));
        writeln!(
            w,
            "{}: {} graph{} validated, {v} violation{}, {wn} warning{}",
            if self.conforms() { "conforms" } else { "does not conform" },
            self.graphs,
            if self.graphs == 1 { "" } else { "s" },
            if v == 1 { "" } else { "s" },
            if wn == 1 { "" } else { "s" },
        )?;
        Ok(())
    }

    /// The report as an `sh:ValidationReport` graph.
    pub fn to_quads(&self) -> Vec<Quad> {
        let g = GraphName::DefaultGraph;
        let report = BlankNode::new_unchecked("report");
        let mut quads = vec![
            Quad::new(report.clone(), rdf::TYPE, sh("ValidationReport"), g.clone()),
            Quad::new(report.clone(), sh("conforms"), Literal::from(self.conforms()), g.clone()),
        ];
        for (i, f) in self.findings.iter().enumerate() {
            let r = BlankNode::new_unchecked(format!("r{}", i + 1));
            quads.push(Quad::new(report.clone(), sh("result"), r.clone(), g.clone()));
            quads.push(Quad::new(r.clone(), rdf::TYPE, sh("ValidationResult"), g.clone()));
            quads.push(Quad::new(r.clone(), sh("focusNode"), f.focus.clone(), g.clone()));
            if let Some(p) = &f.path {
                quads.push(Quad::new(r.clone(), sh("resultPath"), p.clone(), g.clone()));
            }
            if let Some(v) = &f.value {
                quads.push(Quad::new(r.clone(), sh("value"), v.clone(), g.clone()));
            }
            quads.push(Quad::new(r.clone(), sh("sourceConstraintComponent"), f.component.clone(), g.clone()));
            quads.push(Quad::new(r.clone(), sh("sourceShape"), f.shape.clone(), g.clone()));
            quads.push(Quad::new(r.clone(), sh("resultSeverity"), f.severity.clone(), g.clone()));
            quads.push(Quad::new(
                r.clone(),
                sh("resultMessage"),
                Literal::new_simple_literal(format!("{} (in graph <{}>)", f.message, f.graph)),
                g.clone(),
            ));
        }
        quads
    }

    /// The report as Turtle.
    pub fn write_turtle(&self, w: impl Write) -> Result<()> {
        let mut quads = self.to_quads();
        sort_quads(&mut quads);
        let mut s = RdfSerializer::from_format(RdfFormat::Turtle);
        for (p, iri) in [("sh", SH), ("nkgsh", NKGSH)].iter().chain(PREFIXES.iter()) {
            s = s.with_prefix(*p, *iri).map_err(|e| Error::Iri { iri: iri.to_string(), reason: e.to_string() })?;
        }
        let mut w = s.for_writer(w);
        for q in &quads {
            w.serialize_triple(oxigraph::model::TripleRef::new(&q.subject, &q.predicate, &q.object))?;
        }
        w.finish()?.flush()?;
        Ok(())
    }
}

/// Loads RDF files into a fresh in-memory store, each file's default graph as a named
/// graph `urn:newskg:file:N` (N from 1) so it is validated on its own; named graphs of
/// dataset files keep their names. Returns the store and (graph, file) names.
pub fn load_files(files: &[std::path::PathBuf]) -> Result<(Store, Vec<(String, String)>)> {
    let store = Store::in_memory()?;
    let mut names = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let shown = path.display().to_string();
        let format =
            path.extension().and_then(|e| e.to_str()).and_then(crate::export::format_from_name).ok_or_else(|| {
                Error::BadRecord {
                    input: shown.clone(),
                    reason: "not an RDF file (by its extension: .ttl, .nt, .nq, .trig, .rdf, .jsonld)".into(),
                }
            })?;
        let bytes =
            std::fs::read(path).map_err(|e| Error::BadRecord { input: shown.clone(), reason: e.to_string() })?;
        let graph = NamedNode::new_unchecked(format!("urn:newskg:file:{}", i + 1));
        let quads = RdfParser::from_format(format)
            .with_default_graph(graph.clone())
            .for_slice(&bytes)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::BadRecord { input: shown.clone(), reason: e.to_string() })?;
        store.add_quads(&quads)?;
        names.push((graph.as_str().to_owned(), shown));
    }
    Ok((store, names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_shapes_are_supported() {
        let s = Shapes::builtin().unwrap();
        assert_eq!(s.len(), 29, "one node shape per class of the contract and per subtype");
    }

    #[test]
    fn unsupported_features_are_refused_not_ignored() {
        let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex.org/> .
                   ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .";
        let e = Shapes::parse(ttl, "x.ttl").unwrap_err().to_string();
        assert!(e.contains("unsupported constraint sh:uniqueLang"), "{e}");
        let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex.org/> .
                   ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .";
        assert!(Shapes::parse(ttl, "x.ttl").unwrap_err().to_string().contains("only IRI paths"));
        let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex.org/> .
                   ex:S a sh:NodeShape ; sh:targetNode ex:a .";
        assert!(Shapes::parse(ttl, "x.ttl").unwrap_err().to_string().contains("unsupported target"));
    }

    #[test]
    fn short_names_use_the_prefixes() {
        assert_eq!(short("https://w3id.org/newskg/ontology#speaker"), "nkg:speaker");
        assert_eq!(short("http://www.w3.org/ns/shacl#Violation"), "sh:Violation");
        assert_eq!(short("https://example.org/x/y"), "<https://example.org/x/y>");
    }
}
