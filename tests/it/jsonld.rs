//! JSON-LD export compacted with `ontologies/context.jsonld`: short keys, the same quads
//! when parsed back, deterministic bytes, and a context that names every property the
//! ontology declares. (`scripts/test-rdf-tools.sh` also expands it with pyld.)

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};

use super::{fixture, newskg, temp_store};

fn parse_sorted(format: RdfFormat, bytes: &[u8]) -> Vec<String> {
    let mut v: Vec<String> = RdfParser::from_format(format).for_slice(bytes).map(|q| q.unwrap().to_string()).collect();
    v.sort();
    v
}

#[test]
fn jsonld_export_is_compacted_and_parses_back_to_the_same_quads() {
    let (_dir, store) = temp_store();
    newskg().args(["ingest", "--store", store.to_str().unwrap(), fixture("").to_str().unwrap()]).assert().code(1);
    let export = |format: &str| {
        newskg().args(["export", "--store", store.to_str().unwrap(), "--format", format]).output().unwrap().stdout
    };
    let jsonld = export("jsonld");
    let text = String::from_utf8(jsonld.clone()).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(doc["@context"]["speaker"].is_object(), "the context is embedded");
    for key in ["\"evidence\":", "\"label\":", "\"beginIndex\":", "\"participant\":", "\"@type\": ["] {
        assert!(text.contains(key), "{key} in {}", &text[..2000.min(text.len())]);
    }
    let mut body = doc.clone();
    body.as_object_mut().unwrap().remove("@context");
    let body = body.to_string();
    assert!(!body.contains("https://w3id.org/newskg/ontology#"), "no long ontology IRIs outside the context");
    let jsonld_format = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };
    assert_eq!(parse_sorted(jsonld_format, &jsonld), parse_sorted(RdfFormat::NQuads, &export("nquads")));
    assert_eq!(export("jsonld"), jsonld, "same store, same bytes");
}

#[test]
fn the_context_names_every_property_and_class_of_the_ontology() {
    let ctx: serde_json::Value = serde_json::from_str(newskg::jsonld::CONTEXT).unwrap();
    let ctx = ctx["@context"].as_object().unwrap();
    let mapped: Vec<String> = ctx
        .values()
        .filter_map(|v| v.as_str().or_else(|| v["@id"].as_str()))
        .map(|s| s.replace("nkg:", newskg::rdf::vocab::nkg::NS))
        .collect();
    for term in newskg::rdf::vocab::nkg::ALL {
        // Classes, properties and status individuals: all have a short name.
        assert!(mapped.iter().any(|m| m == term.as_str()), "{term} has no term in ontologies/context.jsonld");
    }
}
