//! JSON-LD of `export` and `extract` compacted with `ontologies/context.jsonld`: short
//! keys, the same quads when parsed back, deterministic bytes, and a context that names
//! every property the ontology declares. (`scripts/test-rdf-tools.sh` also expands it with pyld.)

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::Quad;

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

#[test]
fn extract_writes_the_compacted_jsonld_that_export_writes() {
    let extract = |format: &str| newskg().args(["extract", "--format", format, fixture("").to_str().unwrap()]).output();
    let jsonld = extract("jsonld").unwrap().stdout;
    let doc: serde_json::Value = serde_json::from_slice(&jsonld).unwrap();
    assert!(doc["@context"]["speaker"].is_object(), "the context is embedded");
    assert!(doc["@graph"].as_array().unwrap().len() > 1, "one graph object per article");
    let mut body = doc.clone();
    body.as_object_mut().unwrap().remove("@context");
    let body = body.to_string();
    assert!(body.contains("\"evidence\":"), "short keys");
    assert!(!body.contains("https://w3id.org/newskg/ontology#"), "no long ontology IRIs outside the context");
    let jsonld_format = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };
    let nquads = extract("nquads").unwrap().stdout;
    assert_eq!(parse_sorted(jsonld_format, &jsonld), parse_sorted(RdfFormat::NQuads, &nquads));

    // One article: byte for byte what `export` writes of the same quads (the store itself
    // gives `xsd:nonNegativeInteger` offsets back as `xsd:integer`, so compare with the
    // writer `export` uses rather than with an exported store).
    let one = fixture("wire-summit.txt");
    let one = one.to_str().unwrap();
    let extracted = newskg().args(["extract", "--format", "jsonld", one]).output().unwrap();
    assert!(extracted.status.success());
    let nquads = newskg().args(["extract", "--format", "nquads", one]).output().unwrap().stdout;
    let mut quads: Vec<Quad> =
        RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads.as_slice()).map(|q| q.unwrap()).collect();
    newskg::rdf::nquads::sort_quads(&mut quads);
    let mut exported = Vec::new();
    newskg::jsonld::write(&quads, &mut exported).unwrap();
    assert_eq!(String::from_utf8(extracted.stdout).unwrap(), String::from_utf8(exported).unwrap());
}

#[test]
fn extract_of_no_article_writes_an_empty_jsonld_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = newskg().args(["extract", "--format", "jsonld", dir.path().to_str().unwrap()]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["@graph"], serde_json::json!([]));
}
