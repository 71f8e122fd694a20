//! Reads SHACL shapes from Turtle into [`Shapes`].
//!
//! **Invariant:** a shape using anything the types of `shapes.rs` cannot say is refused
//! here, with an error naming the file and the shape, never silently ignored.
//! **Invariant:** the shapes graph is read in a fixed order (by subject, predicate and
//! object), although oxrdf's `Graph` iterates in an order that changes from run to run,
//! so the messages of results (`sh:or` members...) and errors are the same every run.

use std::collections::HashMap;
use std::fmt::Display;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{BlankNode, Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, TermRef, Triple, TripleRef};

use super::report::short;
use super::shapes::{
    Bound, Condition, Constraint, NodeKind, NodeShape, PropertyShape, Shapes, SparqlConstraint, Target, ValueTest,
};
use crate::error::{Error, Result};
use crate::rdf::vocab::sh;

/// The built-in shapes.
pub const SHAPES: &str = include_str!("../../ontologies/newskg-shapes.ttl");

impl Shapes {
    /// The built-in shapes (`ontologies/newskg-shapes.ttl`).
    pub fn builtin() -> Result<Shapes> {
        Shapes::parse(SHAPES, "ontologies/newskg-shapes.ttl")
    }

    /// Reads shapes from Turtle; `name` names the source in messages.
    pub fn parse(turtle: &str, name: &str) -> Result<Shapes> {
        let graph = parse_graph(turtle, name)?;
        let reader = Reader { graph: &graph, file: name };
        let mut node_shapes = Vec::new();
        for node in reader.node_shape_ids()? {
            if let Some(shape) = reader.node_shape(&node)? {
                node_shapes.push(shape);
            }
        }
        if node_shapes.is_empty() {
            return Err(Error::Shapes {
                file: name.to_owned(),
                reason: "no shapes with sh:targetClass or sh:targetSubjectsOf".into(),
            });
        }
        Ok(Shapes { node_shapes })
    }
}

/// Parses the Turtle; blank nodes (anonymous property shapes) get names in order of
/// appearance (`_:shape1`...), so reports that cite them are the same run to run.
fn parse_graph(turtle: &str, name: &str) -> Result<Graph> {
    let mut graph = Graph::new();
    let mut blanks: HashMap<String, BlankNode> = HashMap::new();
    let mut rename = |b: &BlankNode| -> BlankNode {
        let n = blanks.len() + 1;
        blanks.entry(b.as_str().to_owned()).or_insert_with(|| BlankNode::new_unchecked(format!("shape{n}"))).clone()
    };
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
        let quad = quad.map_err(|e| Error::RdfFile { file: name.to_owned(), error: e.into() })?;
        let subject: NamedOrBlankNode = match quad.subject {
            NamedOrBlankNode::BlankNode(b) => rename(&b).into(),
            s => s,
        };
        let object: Term = match quad.object {
            Term::BlankNode(b) => rename(&b).into(),
            o => o,
        };
        graph.insert(&Triple::new(subject, quad.predicate, object));
    }
    Ok(graph)
}

/// The local name of a SHACL term (`minCount`), for messages.
fn sh_local(term: NamedNodeRef<'_>) -> Option<&str> {
    term.as_str().strip_prefix(sh::NS)
}

/// The node a term is, if it is one.
fn as_node(term: TermRef<'_>) -> Option<NamedOrBlankNode> {
    match term {
        TermRef::NamedNode(n) => Some(n.into_owned().into()),
        TermRef::BlankNode(b) => Some(b.into_owned().into()),
        _ => None,
    }
}

/// How reports name a shape: `nkgsh:Span`, `<iri>` or `_:shape1`.
fn label(node: &NamedOrBlankNode) -> String {
    match node {
        NamedOrBlankNode::NamedNode(n) => short(n.as_str()),
        b => b.to_string(),
    }
}

/// The shapes graph being read, and the file it came from (for errors).
struct Reader<'a> {
    graph: &'a Graph,
    file: &'a str,
}

/// The order in which triples are read.
fn triple_order(t: &TripleRef<'_>) -> (String, String, String) {
    (t.subject.to_string(), t.predicate.as_str().to_owned(), t.object.to_string())
}

impl<'a> Reader<'a> {
    /// The triples about a node, in a fixed order.
    fn triples(&self, node: &NamedOrBlankNode) -> Vec<TripleRef<'a>> {
        let mut triples: Vec<TripleRef<'a>> = self.graph.triples_for_subject(node).collect();
        triples.sort_by_cached_key(triple_order);
        triples
    }

    /// The values of a parameter of a node, in a fixed order.
    fn objects(&self, node: &NamedOrBlankNode, parameter: NamedNodeRef<'_>) -> Vec<TermRef<'a>> {
        let mut objects: Vec<TermRef<'a>> = self.graph.objects_for_subject_predicate(node, parameter).collect();
        objects.sort_by_cached_key(TermRef::to_string);
        objects
    }

    /// The first value of a parameter of a node (in the fixed order).
    fn object(&self, node: &NamedOrBlankNode, parameter: NamedNodeRef<'_>) -> Option<TermRef<'a>> {
        self.objects(node, parameter).into_iter().next()
    }

    /// An error about a shape (`shape` is the shape node, as N-Triples).
    fn bad(&self, shape: &impl Display, reason: impl Display) -> Error {
        Error::Shape { file: self.file.to_owned(), shape: shape.to_string(), reason: reason.to_string() }
    }

    /// The nodes with a supported target, sorted; refuses other targets.
    fn node_shape_ids(&self) -> Result<Vec<NamedOrBlankNode>> {
        let mut all: Vec<TripleRef<'_>> = self.graph.iter().collect();
        all.sort_by_cached_key(triple_order);
        let mut ids = Vec::new();
        for t in all {
            if t.predicate == sh::TARGET_CLASS || t.predicate == sh::TARGET_SUBJECTS_OF {
                ids.push(t.subject.into_owned());
            } else if sh_local(t.predicate).is_some_and(|local| local.contains("target")) {
                return Err(self.bad(&t.subject, format!("unsupported target {}", t.predicate.as_str())));
            }
        }
        ids.sort_by_key(|n| n.to_string());
        ids.dedup();
        Ok(ids)
    }

    /// A node shape, or `None` when it is deactivated.
    fn node_shape(&self, node: &NamedOrBlankNode) -> Result<Option<NodeShape>> {
        if self.deactivated(node, node)? {
            return Ok(None);
        }
        let mut targets = Vec::new();
        for o in self.objects(node, sh::TARGET_CLASS) {
            targets.push(Target::Class(self.named(o, node, "sh:targetClass")?));
        }
        for o in self.objects(node, sh::TARGET_SUBJECTS_OF) {
            targets.push(Target::SubjectsOf(self.named(o, node, "sh:targetSubjectsOf")?));
        }
        for t in self.triples(node) {
            match t.predicate {
                sh::TARGET_CLASS
                | sh::TARGET_SUBJECTS_OF
                | sh::PROPERTY
                | sh::DEACTIVATED
                | sh::NAME
                | sh::DESCRIPTION
                | sh::MESSAGE
                | sh::SEVERITY
                | sh::SPARQL => {}
                p => {
                    if let Some(local) = sh_local(p) {
                        return Err(self.bad(node, format!("unsupported node-shape constraint sh:{local}")));
                    }
                }
            }
        }
        let node_label = label(node);
        let mut properties = Vec::new();
        for p in self.objects(node, sh::PROPERTY) {
            let id = as_node(p).ok_or_else(|| self.bad(node, "sh:property must be a node"))?;
            if self.deactivated(&id, &id)? {
                continue;
            }
            let mut shape = self.property_shape(&id)?;
            if let NamedOrBlankNode::BlankNode(_) = id {
                shape.label.clone_from(&node_label);
            }
            properties.push(shape);
        }
        let mut sparql = Vec::new();
        for c in self.objects(node, sh::SPARQL) {
            sparql.extend(self.sparql_constraint(c, node)?);
        }
        let severity = match self.object(node, sh::SEVERITY) {
            Some(s) => self.named(s, node, "sh:severity")?,
            None => sh::VIOLATION.into_owned(),
        };
        let id: Term = node.clone().into();
        let message = self.message(node);
        Ok(Some(NodeShape { id, label: node_label, severity, message, targets, properties, sparql }))
    }

    fn property_shape(&self, id: &NamedOrBlankNode) -> Result<PropertyShape> {
        let path = match self.object(id, sh::PATH) {
            Some(TermRef::NamedNode(n)) => n.into_owned(),
            Some(_) => return Err(self.bad(id, "only IRI paths (a single property) are supported")),
            None => return Err(self.bad(id, "a property shape needs sh:path")),
        };
        let mut shape = PropertyShape {
            id: id.clone().into(),
            label: label(id),
            path,
            constraints: Vec::new(),
            severity: sh::VIOLATION.into_owned(),
            message: self.message(id),
        };
        for t in self.triples(id) {
            let o = t.object;
            let constraint = match t.predicate {
                sh::PATH | sh::NAME | sh::DESCRIPTION | sh::DEACTIVATED | sh::ORDER | sh::GROUP => continue,
                sh::MIN_COUNT => Constraint::MinCount(self.count(o, id, "sh:minCount")?),
                sh::MAX_COUNT => Constraint::MaxCount(self.count(o, id, "sh:maxCount")?),
                sh::HAS_VALUE => Constraint::HasValue(o.into_owned()),
                sh::LESS_THAN_OR_EQUALS => Constraint::LessThanOrEquals(self.named(o, id, "sh:lessThanOrEquals")?),
                sh::OR => {
                    let members = self.list(o, id)?;
                    Constraint::Or(members.iter().map(|m| self.value_test(m, id)).collect::<Result<_>>()?)
                }
                // Read together by `qualified`.
                sh::QUALIFIED_VALUE_SHAPE | sh::QUALIFIED_MIN_COUNT | sh::QUALIFIED_MAX_COUNT => continue,
                sh::SEVERITY => {
                    shape.severity = self.named(o, id, "sh:severity")?;
                    continue;
                }
                sh::MESSAGE => continue,
                p => match sh_local(p) {
                    None => continue,
                    Some(local) => match self.condition(p, o, id)? {
                        Some(c) => Constraint::Value(c),
                        None => return Err(self.bad(id, format!("unsupported constraint sh:{local}"))),
                    },
                },
            };
            shape.constraints.push(constraint);
        }
        shape.constraints.extend(self.qualified(id)?);
        Ok(shape)
    }

    /// The qualified value shape of a property shape with its counts, if it has one.
    fn qualified(&self, id: &NamedOrBlankNode) -> Result<Option<Constraint>> {
        let count = |parameter, what| self.object(id, parameter).map(|o| self.count(o, id, what)).transpose();
        let min = count(sh::QUALIFIED_MIN_COUNT, "sh:qualifiedMinCount")?;
        let max = count(sh::QUALIFIED_MAX_COUNT, "sh:qualifiedMaxCount")?;
        match self.object(id, sh::QUALIFIED_VALUE_SHAPE) {
            Some(shape) => {
                Ok(Some(Constraint::Qualified { test: self.value_test(&shape.into_owned(), id)?, min, max }))
            }
            None if min.is_some() || max.is_some() => {
                Err(self.bad(id, "sh:qualifiedMinCount/MaxCount without sh:qualifiedValueShape"))
            }
            None => Ok(None),
        }
    }

    /// Reads `sh:sparql [ sh:select "..." ; sh:message "..." ]`, or `None` when it is
    /// deactivated; refuses anything else.
    fn sparql_constraint(&self, c: TermRef<'_>, shape: &NamedOrBlankNode) -> Result<Option<SparqlConstraint>> {
        let node = as_node(c).ok_or_else(|| self.bad(shape, "sh:sparql must be a node"))?;
        if self.deactivated(&node, shape)? {
            return Ok(None);
        }
        let mut select = None;
        for t in self.triples(&node) {
            match (t.predicate, t.object) {
                (sh::SELECT, TermRef::Literal(l)) => select = Some(l.value().to_owned()),
                (sh::MESSAGE, TermRef::Literal(_)) | (sh::DEACTIVATED | sh::NAME | sh::DESCRIPTION, _) => {}
                (p, _) => {
                    if let Some(local) = sh_local(p) {
                        return Err(self.bad(shape, format!("unsupported sh:sparql property sh:{local}")));
                    }
                }
            }
        }
        let text = select.ok_or_else(|| self.bad(shape, "sh:sparql needs sh:select"))?;
        let query = spargebra::SparqlParser::new()
            .parse_query(&text)
            .map_err(|e| self.bad(shape, format!("sh:select is not valid SPARQL: {e}")))?;
        if !matches!(query, spargebra::Query::Select { dataset: None, .. }) {
            return Err(self.bad(shape, "sh:select must be a SELECT query without FROM"));
        }
        Ok(Some(SparqlConstraint { select: query.to_string(), message: self.message(&node) }))
    }

    /// The value conditions of a shape node (an `sh:or` member or a qualified value
    /// shape); refuses anything else.
    fn value_test(&self, node: &Term, shape: &NamedOrBlankNode) -> Result<ValueTest> {
        let subject = as_node(node.as_ref()).ok_or_else(|| self.bad(shape, "a value shape must be a node"))?;
        let mut test = ValueTest::default();
        for t in self.triples(&subject) {
            let Some(local) = sh_local(t.predicate) else { continue };
            match self.condition(t.predicate, t.object, shape)? {
                Some(c) => test.conditions.push(c),
                None => return Err(self.bad(shape, format!("unsupported constraint sh:{local} in a value shape"))),
            }
        }
        Ok(test)
    }

    /// The condition a parameter sets on each value, or `None` if it sets none.
    fn condition(
        &self,
        parameter: NamedNodeRef<'_>,
        o: TermRef<'_>,
        shape: &NamedOrBlankNode,
    ) -> Result<Option<Condition>> {
        if let Some(bound) = Bound::from_parameter(parameter) {
            return match o {
                TermRef::Literal(l) => Ok(Some(Condition::Range(bound, l.into_owned()))),
                _ => Err(self.bad(shape, format!("{} must be a literal", short(parameter.as_str())))),
            };
        }
        Ok(Some(match parameter {
            sh::DATATYPE => Condition::Datatype(self.named(o, shape, "sh:datatype")?),
            sh::CLASS => Condition::Class(self.named(o, shape, "sh:class")?),
            sh::NODE_KIND => {
                let kind = self.named(o, shape, "sh:nodeKind")?;
                let kind = NodeKind::from_iri(kind.as_ref())
                    .ok_or_else(|| self.bad(shape, format!("unknown sh:nodeKind {kind}")))?;
                Condition::NodeKind(kind)
            }
            sh::IN => Condition::In(self.list(o, shape)?),
            sh::HAS_VALUE => Condition::HasValue(o.into_owned()),
            sh::PATTERN => match o {
                TermRef::Literal(l) => Condition::Pattern(l.value().to_owned()),
                _ => return Err(self.bad(shape, "sh:pattern must be a string")),
            },
            _ => return Ok(None),
        }))
    }

    /// Whether a shape or constraint is deactivated: `sh:deactivated` is an `xsd:boolean`
    /// (`true` or `1`; `false` or `0`); other values are refused. `shape` names the
    /// shape in errors.
    fn deactivated(&self, node: &NamedOrBlankNode, shape: &NamedOrBlankNode) -> Result<bool> {
        let Some(value) = self.object(node, sh::DEACTIVATED) else { return Ok(false) };
        match value {
            TermRef::Literal(l) if l.datatype() == xsd::BOOLEAN => match l.value() {
                "true" | "1" => return Ok(true),
                "false" | "0" => return Ok(false),
                _ => {}
            },
            _ => {}
        }
        Err(self.bad(shape, format!("sh:deactivated must be true or false, not {value}")))
    }

    /// The message of a shape or constraint (its first `sh:message` literal).
    fn message(&self, node: &NamedOrBlankNode) -> Option<String> {
        self.objects(node, sh::MESSAGE).into_iter().find_map(|o| match o {
            TermRef::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
    }

    fn named(&self, t: TermRef<'_>, shape: &NamedOrBlankNode, what: &str) -> Result<NamedNode> {
        match t {
            TermRef::NamedNode(n) => Ok(n.into_owned()),
            other => Err(self.bad(shape, format!("{what} must be an IRI, not {other}"))),
        }
    }

    fn count(&self, t: TermRef<'_>, shape: &NamedOrBlankNode, what: &str) -> Result<u64> {
        match t {
            TermRef::Literal(l) => l.value().parse().map_err(|_| self.bad(shape, format!("{what} must be an integer"))),
            other => Err(self.bad(shape, format!("{what} must be an integer, not {other}"))),
        }
    }

    /// The members of an RDF list.
    fn list(&self, head: TermRef<'_>, shape: &NamedOrBlankNode) -> Result<Vec<Term>> {
        let mut members = Vec::new();
        let mut node = head.into_owned();
        for _ in 0..10_000 {
            if node == rdf::NIL.into() {
                return Ok(members);
            }
            let Some(subject) = as_node(node.as_ref()) else { break };
            let (first, rest) = (self.object(&subject, rdf::FIRST), self.object(&subject, rdf::REST));
            match (first, rest) {
                (Some(f), Some(r)) => {
                    members.push(f.into_owned());
                    node = r.into_owned();
                }
                _ => break,
            }
        }
        Err(self.bad(shape, "malformed RDF list"))
    }
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
        assert_eq!(e, "x.ttl: shape _:shape1: unsupported constraint sh:uniqueLang");
        let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex.org/> .
                   ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .";
        assert!(Shapes::parse(ttl, "x.ttl").unwrap_err().to_string().contains("only IRI paths"));
        let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex.org/> .
                   ex:S a sh:NodeShape ; sh:targetNode ex:a .";
        assert!(Shapes::parse(ttl, "x.ttl").unwrap_err().to_string().contains("unsupported target"));
    }

    #[test]
    fn the_shapes_are_read_in_the_same_order_every_time() {
        // Each oxrdf `Graph` hashes with a new random seed: read in the graph's order, the
        // conditions of a value shape (and so the words of `sh:or` results) changed order.
        let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex.org/> .
                   ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:or (
                       [ sh:nodeKind sh:BlankNode ; sh:pattern \"a\" ; sh:datatype ex:T ; sh:class ex:D ; sh:in ( 1 2 ) ]
                       [ sh:hasValue ex:v ; sh:maxInclusive 3 ; sh:minExclusive 1 ] ) ] .";
        let first = format!("{:?}", Shapes::parse(ttl, "x.ttl").unwrap());
        for _ in 0..30 {
            assert_eq!(format!("{:?}", Shapes::parse(ttl, "x.ttl").unwrap()), first);
        }
        let order =
            ["Class(", "Datatype(", "In(", "NodeKind(", "Pattern(", "HasValue(", "MaxInclusive,", "MinExclusive,"];
        let at: Vec<usize> = order.iter().map(|c| first.find(c).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "conditions by parameter IRI: {first}");
    }
}
