//! What the shapes say, as types: node shapes with their targets, property shapes with
//! their constraints, SHACL-SPARQL constraints, and the SHACL constraint components a
//! result reports. Read from Turtle by `read.rs`, compiled to SPARQL by `compile.rs`.

use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Term};

use crate::rdf::vocab::sh;

/// A set of shapes, ready to run.
#[derive(Debug, Clone)]
pub struct Shapes {
    pub(super) node_shapes: Vec<NodeShape>,
}

impl Shapes {
    /// How many node shapes there are.
    pub fn len(&self) -> usize {
        self.node_shapes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.node_shapes.is_empty()
    }
}

/// A node shape: its focus nodes are found by its targets.
#[derive(Debug, Clone)]
pub(super) struct NodeShape {
    pub id: Term,
    /// How reports name the shape.
    pub label: String,
    pub severity: NamedNode,
    /// The message of results of its SHACL-SPARQL constraints that have none of their own.
    pub message: Option<String>,
    pub targets: Vec<Target>,
    pub properties: Vec<PropertyShape>,
    pub sparql: Vec<SparqlConstraint>,
}

/// How a node shape finds its focus nodes.
#[derive(Debug, Clone)]
pub(super) enum Target {
    /// `sh:targetClass`: the instances of the class or of its subclasses.
    Class(NamedNode),
    /// `sh:targetSubjectsOf`: the subjects of triples with the property.
    SubjectsOf(NamedNode),
}

/// A property shape: constraints on the values of one property of the focus node.
#[derive(Debug, Clone)]
pub(super) struct PropertyShape {
    pub id: Term,
    /// How reports name the shape: its IRI, or for an anonymous property shape the node
    /// shape it belongs to.
    pub label: String,
    pub path: NamedNode,
    pub constraints: Vec<Constraint>,
    pub severity: NamedNode,
    pub message: Option<String>,
}

/// One constraint of a property shape; each runs as one query.
#[derive(Debug, Clone)]
pub(super) enum Constraint {
    MinCount(u64),
    MaxCount(u64),
    /// Every value passes the condition (the component is that of the condition).
    Value(Condition),
    /// `sh:hasValue` on a property shape: some value is this term.
    HasValue(Term),
    /// Every value passes one of the tests.
    Or(Vec<ValueTest>),
    /// Every value is at most every value of the other property.
    LessThanOrEquals(NamedNode),
    /// Between `min` and `max` values pass the test.
    Qualified {
        test: ValueTest,
        min: Option<u64>,
        max: Option<u64>,
    },
}

/// One test a single value must pass (the conjunction of its conditions): a member of
/// `sh:or` or a `sh:qualifiedValueShape`.
#[derive(Debug, Clone, Default)]
pub(super) struct ValueTest {
    pub conditions: Vec<Condition>,
}

/// A condition on a single value.
#[derive(Debug, Clone)]
pub(super) enum Condition {
    Datatype(NamedNode),
    Class(NamedNode),
    NodeKind(NodeKind),
    In(Vec<Term>),
    HasValue(Term),
    Pattern(String),
    /// `sh:minInclusive` and the other range bounds, with the limit.
    Range(Bound, Literal),
}

/// The values of `sh:nodeKind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NodeKind {
    Iri,
    Literal,
    BlankNode,
    BlankNodeOrIri,
    BlankNodeOrLiteral,
    IriOrLiteral,
}

impl NodeKind {
    const ALL: [NodeKind; 6] = [
        NodeKind::Iri,
        NodeKind::Literal,
        NodeKind::BlankNode,
        NodeKind::BlankNodeOrIri,
        NodeKind::BlankNodeOrLiteral,
        NodeKind::IriOrLiteral,
    ];

    /// The node kind an IRI names (`sh:IRI`...), if any.
    pub fn from_iri(iri: NamedNodeRef<'_>) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.iri() == iri)
    }

    pub fn iri(self) -> NamedNodeRef<'static> {
        match self {
            NodeKind::Iri => sh::IRI,
            NodeKind::Literal => sh::LITERAL,
            NodeKind::BlankNode => sh::BLANK_NODE,
            NodeKind::BlankNodeOrIri => sh::BLANK_NODE_OR_IRI,
            NodeKind::BlankNodeOrLiteral => sh::BLANK_NODE_OR_LITERAL,
            NodeKind::IriOrLiteral => sh::IRI_OR_LITERAL,
        }
    }
}

/// The range bounds: which side of the limit a value must be on, and whether the limit
/// itself is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    MinInclusive,
    MaxInclusive,
    MinExclusive,
    MaxExclusive,
}

impl Bound {
    const ALL: [Bound; 4] = [Bound::MinInclusive, Bound::MaxInclusive, Bound::MinExclusive, Bound::MaxExclusive];

    /// The bound a shape parameter sets (`sh:minInclusive`...), if any.
    pub fn from_parameter(parameter: NamedNodeRef<'_>) -> Option<Bound> {
        Bound::ALL.into_iter().find(|b| b.parameter() == parameter)
    }

    pub fn parameter(self) -> NamedNodeRef<'static> {
        match self {
            Bound::MinInclusive => sh::MIN_INCLUSIVE,
            Bound::MaxInclusive => sh::MAX_INCLUSIVE,
            Bound::MinExclusive => sh::MIN_EXCLUSIVE,
            Bound::MaxExclusive => sh::MAX_EXCLUSIVE,
        }
    }

    /// The SPARQL operator a conforming value passes: `?v >= limit` for `sh:minInclusive`.
    pub fn operator(self) -> &'static str {
        match self {
            Bound::MinInclusive => ">=",
            Bound::MaxInclusive => "<=",
            Bound::MinExclusive => ">",
            Bound::MaxExclusive => "<",
        }
    }

    pub fn component(self) -> Component {
        match self {
            Bound::MinInclusive => Component::MinInclusive,
            Bound::MaxInclusive => Component::MaxInclusive,
            Bound::MinExclusive => Component::MinExclusive,
            Bound::MaxExclusive => Component::MaxExclusive,
        }
    }
}

/// A SHACL-SPARQL constraint (`sh:sparql [ sh:select "..." ]`): each row of the SELECT
/// (which projects `$this`, and may project `?value`) is a result.
#[derive(Debug, Clone)]
pub(super) struct SparqlConstraint {
    /// The SELECT, re-serialised by spargebra with full IRIs (so it can be a subquery).
    pub select: String,
    pub message: Option<String>,
}

/// The SHACL constraint component a validation result comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Component {
    MinCount,
    MaxCount,
    Datatype,
    Class,
    NodeKind,
    In,
    HasValue,
    Pattern,
    MinInclusive,
    MaxInclusive,
    MinExclusive,
    MaxExclusive,
    LessThanOrEquals,
    Or,
    QualifiedMinCount,
    QualifiedMaxCount,
    Sparql,
}

impl Component {
    /// `sh:MinCountConstraintComponent` and so on.
    pub fn iri(self) -> NamedNodeRef<'static> {
        match self {
            Component::MinCount => sh::MIN_COUNT_CONSTRAINT_COMPONENT,
            Component::MaxCount => sh::MAX_COUNT_CONSTRAINT_COMPONENT,
            Component::Datatype => sh::DATATYPE_CONSTRAINT_COMPONENT,
            Component::Class => sh::CLASS_CONSTRAINT_COMPONENT,
            Component::NodeKind => sh::NODE_KIND_CONSTRAINT_COMPONENT,
            Component::In => sh::IN_CONSTRAINT_COMPONENT,
            Component::HasValue => sh::HAS_VALUE_CONSTRAINT_COMPONENT,
            Component::Pattern => sh::PATTERN_CONSTRAINT_COMPONENT,
            Component::MinInclusive => sh::MIN_INCLUSIVE_CONSTRAINT_COMPONENT,
            Component::MaxInclusive => sh::MAX_INCLUSIVE_CONSTRAINT_COMPONENT,
            Component::MinExclusive => sh::MIN_EXCLUSIVE_CONSTRAINT_COMPONENT,
            Component::MaxExclusive => sh::MAX_EXCLUSIVE_CONSTRAINT_COMPONENT,
            Component::LessThanOrEquals => sh::LESS_THAN_OR_EQUALS_CONSTRAINT_COMPONENT,
            Component::Or => sh::OR_CONSTRAINT_COMPONENT,
            Component::QualifiedMinCount => sh::QUALIFIED_MIN_COUNT_CONSTRAINT_COMPONENT,
            Component::QualifiedMaxCount => sh::QUALIFIED_MAX_COUNT_CONSTRAINT_COMPONENT,
            Component::Sparql => sh::SPARQL_CONSTRAINT_COMPONENT,
        }
    }
}

impl Condition {
    pub fn component(&self) -> Component {
        match self {
            Condition::Datatype(_) => Component::Datatype,
            Condition::Class(_) => Component::Class,
            Condition::NodeKind(_) => Component::NodeKind,
            Condition::In(_) => Component::In,
            Condition::HasValue(_) => Component::HasValue,
            Condition::Pattern(_) => Component::Pattern,
            Condition::Range(bound, _) => bound.component(),
        }
    }
}

impl Constraint {
    /// The component of a result, given the value count of its row (for the count
    /// constraints): a qualified constraint reports the bound that was crossed.
    pub fn component(&self, count: Option<u64>) -> Component {
        match self {
            Constraint::MinCount(_) => Component::MinCount,
            Constraint::MaxCount(_) => Component::MaxCount,
            Constraint::Value(condition) => condition.component(),
            Constraint::HasValue(_) => Component::HasValue,
            Constraint::Or(_) => Component::Or,
            Constraint::LessThanOrEquals(_) => Component::LessThanOrEquals,
            Constraint::Qualified { min, max, .. } => match (min, count) {
                (Some(min), Some(count)) if count < *min => Component::QualifiedMinCount,
                (Some(_), None) if max.is_none() => Component::QualifiedMinCount,
                _ => Component::QualifiedMaxCount,
            },
        }
    }
}
