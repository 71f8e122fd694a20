//! Every export format re-parses to the same triples.

use std::collections::BTreeSet;

use oxigraph::io::{RdfFormat, RdfParser};

use super::{fixture, newskg, temp_store};

/// The triples (graph names dropped) of a serialisation, as sorted N-Triples lines.
fn triples(bytes: &[u8], format: RdfFormat) -> BTreeSet<String> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .map(|q| {
            let q = q.unwrap_or_else(|e| panic!("{format:?} does not re-parse: {e}"));
            format!("{} {} {} .", q.subject, q.predicate, q.object)
        })
        .collect()
}

#[test]
fn every_export_format_round_trips() {
    let (_dir, store) = temp_store();
    let s = store.to_str().unwrap();
    newskg()
        .args(["ingest", "--store", s])
        .arg(fixture("wire-summit.txt"))
        .arg(fixture("wikinews-court.txt"))
        .assert()
        .success();
    let export = |f: &str| newskg().args(["export", "--store", s, "--format", f]).output().unwrap().stdout;
    let reference = triples(&export("nquads"), RdfFormat::NQuads);
    assert!(reference.len() > 100);
    for (name, format) in [
        ("turtle", RdfFormat::Turtle),
        ("trig", RdfFormat::TriG),
        ("ntriples", RdfFormat::NTriples),
        ("rdfxml", RdfFormat::RdfXml),
        ("jsonld", RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() }),
    ] {
        assert_eq!(triples(&export(name), format), reference, "{name}");
    }
}

#[test]
fn turtle_export_is_readable_and_isomorphic_for_sophia() {
    use sophia::api::source::TripleSource;
    use sophia::inmem::graph::LightGraph;
    let (_dir, store) = temp_store();
    let s = store.to_str().unwrap();
    newskg().args(["ingest", "--store", s]).arg(fixture("wikinews-court.txt")).assert().success();
    let ttl = String::from_utf8(newskg().args(["export", "--store", s, "--format", "turtle"]).output().unwrap().stdout)
        .unwrap();
    for (prefix, iri) in newskg::rdf::vocab::PREFIXES {
        assert!(ttl.contains(&format!("@prefix {prefix}: <{iri}> .")), "fixed prefix {prefix} missing");
    }
    let nt =
        String::from_utf8(newskg().args(["export", "--store", s, "--format", "ntriples"]).output().unwrap().stdout)
            .unwrap();
    let g1: LightGraph = sophia::turtle::parser::turtle::parse_str(&ttl).collect_triples().unwrap();
    let g2: LightGraph = sophia::turtle::parser::nt::parse_str(&nt).collect_triples().unwrap();
    assert!(sophia::isomorphism::isomorphic_graphs(&g1, &g2).unwrap());
}

#[test]
fn exports_are_byte_identical_run_to_run() {
    let (_dir, store) = temp_store();
    let s = store.to_str().unwrap();
    newskg().args(["ingest", "--store", s]).arg(fixture("wire-summit.txt")).assert().success();
    for f in ["turtle", "trig", "nquads", "jsonld", "rdfxml"] {
        let a = newskg().args(["export", "--store", s, "--format", f]).output().unwrap().stdout;
        let b = newskg().args(["export", "--store", s, "--format", f]).output().unwrap().stdout;
        assert_eq!(a, b, "{f}");
    }
}
