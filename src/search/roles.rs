//! The roles a word filter's names must have: a ready-made query whose `GRAPH ?article`
//! block requires `?s nkg:speaker ?VAR` gives rows only for the nodes of `?VAR` that are
//! some speaker in that article, so the names that are no speaker there can be skipped in
//! the word index, before any SPARQL (a common name that is never a speaker used to cost
//! one evaluation of the query per matching (article, node) pair, for no row).
//!
//! **Invariant:** [`required_roles`] names only properties that every solution of the
//! query's top-level `GRAPH ?article` block has pointing to the variable's node in that
//! graph (triple patterns of its required parts: not under `OPTIONAL`, `MINUS`, a nested
//! `GRAPH`, or only one side of a `UNION`), and only [`ROLE_PREDICATES`], which the index
//! records for every name, with every class of their subject; so skipping the names
//! without them drops no row.

use std::collections::BTreeSet;

use oxigraph::model::vocab::rdf;
use oxigraph::model::Variable;
use spargebra::algebra::{GraphPattern, PropertyPathExpression};
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};
use spargebra::Query;

use super::documents::{role_term, ROLE_PREDICATES};

/// The roles a name needs to give a row through one of a filter's variables: all roles
/// (terms of [`role_term`]) of one of the alternatives (one per variable). No
/// alternative: any name may give rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    pub any_of: Vec<BTreeSet<String>>,
}

/// The roles a name bound to any of `variables` needs for `query` to give a row (see the
/// module documentation): for each required `?s P ?VAR` with `P` one of the
/// [`ROLE_PREDICATES`], `P`, and `P` with `C` for each required `?s rdf:type C`. None
/// when some variable needs none or the query has no top-level `GRAPH ?variable` block.
pub fn required_roles(query: &Query, variables: &[Variable]) -> Roles {
    let Query::Select { pattern, .. } = query else { return Roles::default() };
    let Some(block) = graph_block(pattern) else { return Roles::default() };
    let triples = required(block);
    let mut any_of = Vec::new();
    for variable in variables {
        let mut roles = BTreeSet::new();
        for t in &triples {
            let NamedNodePattern::NamedNode(p) = &t.predicate else { continue };
            if !matches!(&t.object, TermPattern::Variable(v) if v == variable) || !ROLE_PREDICATES.contains(&p.as_ref())
            {
                continue;
            }
            roles.insert(role_term(p.as_str(), None));
            for class in &triples {
                match (&class.predicate, &class.object) {
                    (NamedNodePattern::NamedNode(is_a), TermPattern::NamedNode(c))
                        if class.subject == t.subject && t.subject != hidden().into() && is_a.as_ref() == rdf::TYPE =>
                    {
                        roles.insert(role_term(p.as_str(), Some(c.as_str())));
                    }
                    _ => {}
                }
            }
        }
        if roles.is_empty() {
            return Roles::default();
        }
        any_of.push(roles);
    }
    Roles { any_of }
}

/// The inner pattern of the `GRAPH ?variable` block below the query's modifiers, grouping
/// and filters (where [`restrict`](super::restrict) finds it).
fn graph_block(p: &GraphPattern) -> Option<&GraphPattern> {
    match p {
        GraphPattern::Graph { name: NamedNodePattern::Variable(_), inner } => Some(inner),
        GraphPattern::Slice { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Filter { inner, .. } => graph_block(inner),
        _ => None,
    }
}

/// The triple patterns every solution of `p` matches (in the graph `p` is evaluated on),
/// with the variables of `p`.
fn required(p: &GraphPattern) -> Vec<TriplePattern> {
    match p {
        GraphPattern::Bgp { patterns } => patterns.clone(),
        GraphPattern::Path { subject, path: PropertyPathExpression::NamedNode(p), object } => {
            vec![TriplePattern { subject: subject.clone(), predicate: p.clone().into(), object: object.clone() }]
        }
        GraphPattern::Join { left, right } | GraphPattern::Lateral { left, right } => {
            let mut both = required(left);
            both.extend(required(right));
            both
        }
        GraphPattern::Union { left, right } => {
            let right = required(right);
            required(left).into_iter().filter(|t| right.contains(t)).collect()
        }
        GraphPattern::LeftJoin { left, .. } | GraphPattern::Minus { left, .. } => required(left),
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Slice { inner, .. } => required(inner),
        // A sub-select: its variables are others, except the projected ones (a subject
        // that is not projected becomes one that matches no other).
        GraphPattern::Project { inner, variables } => required(inner)
            .into_iter()
            .filter(|t| is_projected(&t.object, variables))
            .map(|t| match is_projected(&t.subject, variables) {
                true => t,
                false => TriplePattern { subject: hidden().into(), ..t },
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The subject of a sub-select's triple that is not projected: never the same as another.
fn hidden() -> Variable {
    Variable::new_unchecked(" hidden")
}

/// Whether `term` means the same inside a sub-select projecting `variables` as outside.
fn is_projected(term: &TermPattern, variables: &[Variable]) -> bool {
    match term {
        TermPattern::Variable(v) => variables.contains(v),
        TermPattern::NamedNode(_) | TermPattern::Literal(_) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdf::vocab::nkg;

    fn roles_of(sparql: &str, variables: &[&str]) -> Vec<Vec<String>> {
        let query = spargebra::SparqlParser::new().parse_query(sparql).unwrap();
        let variables: Vec<Variable> = variables.iter().map(|v| Variable::new_unchecked(*v)).collect();
        let short = |term: &String| {
            term.split(' ').map(|iri| iri.rsplit('#').next().unwrap_or_default()).collect::<Vec<_>>().join("@")
        };
        required_roles(&query, &variables).any_of.iter().map(|set| set.iter().map(short).collect()).collect()
    }

    const NKG: &str = "PREFIX nkg: <https://w3id.org/newskg/ontology#> ";

    #[test]
    fn required_patterns_give_roles_optional_and_one_sided_ones_do_not() {
        let q = |body: &str| format!("{NKG} SELECT * WHERE {{ GRAPH ?g {{ {body} }} FILTER(true) }} ORDER BY ?g");
        assert_eq!(roles_of(&q("?q nkg:speaker ?s ; nkg:text ?t"), &["s"]), [["speaker"]]);
        assert_eq!(
            roles_of(&q("?m nkg:participant ?x, ?y . ?h nkg:holder ?x"), &["x", "y"]),
            [vec!["holder", "participant"], vec!["participant"]]
        );
        // Not a role (a literal's property, a property of the ontology no name records).
        assert!(roles_of(&q("?q nkg:speaker ?s ; nkg:text ?t"), &["t"]).is_empty());
        // Some variable needs no role: any name may give rows.
        assert!(roles_of(&q("?m nkg:participant ?x . ?x ?p ?y"), &["x", "y"]).is_empty());
        assert!(roles_of(&q("?x ?p ?o OPTIONAL { ?q nkg:speaker ?x }"), &["x"]).is_empty());
        assert!(roles_of(&q("?x ?p ?o MINUS { ?q nkg:speaker ?x }"), &["x"]).is_empty());
        assert!(roles_of(&q("{ ?q nkg:speaker ?x } UNION { ?h nkg:holder ?x }"), &["x"]).is_empty());
        assert_eq!(
            roles_of(&q("{ ?q nkg:speaker ?x } UNION { ?q nkg:speaker ?x ; nkg:inStatement ?s }"), &["x"]),
            [["speaker"]]
        );
        assert!(roles_of(&q("GRAPH ?other { ?q nkg:speaker ?x }"), &["x"]).is_empty());
        assert!(roles_of(&q("{ SELECT ?q WHERE { ?q nkg:speaker ?x } }"), &["x"]).is_empty());
        assert_eq!(roles_of(&q("{ SELECT ?x WHERE { ?q nkg:speaker ?x } }"), &["x"]), [["speaker"]]);
        assert_eq!(
            roles_of(&q("?q a nkg:Quotation { SELECT ?x WHERE { ?q nkg:speaker ?x . ?r a nkg:Statement } }"), &["x"]),
            [["speaker"]],
            "another ?q, and ?r is not the subject"
        );
        // With the classes of the subject, when required of the same subject.
        assert_eq!(
            roles_of(&q("?m a nkg:Meeting ; nkg:participant ?x . ?o a nkg:Event"), &["x"]),
            [["participant", "participant@Meeting"]]
        );
        assert_eq!(
            roles_of(&q("?m nkg:participant ?x OPTIONAL { ?m a nkg:Meeting }"), &["x"]),
            [["participant"]],
            "an optional class is not required"
        );
        assert_eq!(
            roles_of(&q("?m nkg:participant ?x ; a ?class FILTER(?class = nkg:Meeting)"), &["x"]),
            [["participant"]],
            "a class through a variable is not read"
        );
        assert!(roles_of(&format!("{NKG} SELECT * WHERE {{ ?q nkg:speaker ?x }}"), &["x"]).is_empty());
        assert!(roles_of(&q("?q nkg:speaker|nkg:holder ?x"), &["x"]).is_empty(), "paths other than one IRI");
    }

    #[test]
    fn the_ready_made_word_filters_require_their_roles() {
        let role = |q: &str| {
            let q = crate::queries::all().into_iter().find(|c| c.name == q).unwrap();
            let query = spargebra::SparqlParser::new().parse_query(q.sparql).unwrap();
            let w = &q.word_filters[0];
            let vars: Vec<Variable> = w.variables.iter().map(|v| Variable::new_unchecked(v.as_str())).collect();
            required_roles(&query, &vars)
        };
        let one = |p: oxigraph::model::NamedNodeRef<'_>| BTreeSet::from([p.as_str().to_owned()]);
        assert_eq!(role("quotes-by-speaker").any_of, [one(nkg::SPEAKER)]);
        assert_eq!(role("posts-held").any_of, [one(nkg::HOLDER)]);
        let participant = BTreeSet::from([
            role_term(nkg::PARTICIPANT.as_str(), None),
            role_term(nkg::PARTICIPANT.as_str(), Some(nkg::MEETING.as_str())),
        ]);
        assert_eq!(role("who-met-whom").any_of, [participant.clone(), participant]);
    }
}
