//! Every term the code emits is declared in the ontology.

use std::collections::BTreeSet;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{NamedOrBlankNode, Term};

use super::fixture;

const NKG: &str = "https://w3id.org/newskg/ontology#";

/// The nkg terms the ontology declares with a type, a label and a comment.
fn declared() -> BTreeSet<String> {
    let ttl = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/ontologies/newskg.ttl")).unwrap();
    let quads: Vec<_> =
        RdfParser::from_format(RdfFormat::Turtle).for_slice(&ttl).collect::<Result<_, _>>().expect("ontology parses");
    let with = |p: oxigraph::model::NamedNodeRef<'_>| -> BTreeSet<String> {
        quads
            .iter()
            .filter(|q| q.predicate == p)
            .filter_map(|q| match &q.subject {
                NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(NKG) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .collect()
    };
    let typed = with(rdf::TYPE);
    let labelled = with(rdfs::LABEL);
    let commented = with(rdfs::COMMENT);
    typed.intersection(&labelled).filter(|t| commented.contains(*t)).cloned().collect()
}

#[test]
fn every_vocabulary_constant_is_declared() {
    let declared = declared();
    for term in newskg::rdf::vocab::nkg::ALL {
        assert!(declared.contains(term.as_str()), "{term} is not declared in ontologies/newskg.ttl");
    }
}

#[test]
fn every_emitted_term_is_declared() {
    let declared = declared();
    let mut used = BTreeSet::new();
    for f in ["wire-summit.txt", "wikinews-court.txt", "record.json", "records.jsonl"] {
        let out =
            super::newskg().args(["extract", fixture(f).to_str().unwrap(), "--format", "nquads"]).output().unwrap();
        for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(&out.stdout) {
            let q = q.unwrap();
            used.insert(q.predicate.as_str().to_owned());
            if let Term::NamedNode(o) = &q.object {
                used.insert(o.as_str().to_owned());
            }
        }
    }
    let missing: Vec<&String> = used.iter().filter(|t| t.starts_with(NKG) && !declared.contains(*t)).collect();
    assert!(missing.is_empty(), "emitted but not declared: {missing:?}");
    assert!(used.len() > 20);
}
