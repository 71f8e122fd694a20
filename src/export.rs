//! Deterministic serialisation: quads in, bytes out, in any RDF format oxigraph writes.
//!
//! Invariant: the same quads always give byte-identical output: quads are sorted (by their
//! N-Quads form), Turtle and TriG use the fixed prefixes of `rdf::vocab::PREFIXES`, and
//! formats without graphs (Turtle, N-Triples, RDF/XML) get each triple once; JSON-LD is
//! compacted with the published context `ontologies/context.jsonld`.

use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Quad};

use crate::error::{Error, Result};
use crate::rdf::nquads::sort_quads;
use crate::rdf::vocab::PREFIXES;

/// The RDF formats newskg writes, by their command-line names.
pub const FORMAT_NAMES: &[&str] = &["turtle", "trig", "ntriples", "nquads", "rdfxml", "jsonld"];

/// The format for a command-line name (also accepts common file extensions).
pub fn format_from_name(name: &str) -> Option<RdfFormat> {
    Some(match name.to_ascii_lowercase().as_str() {
        "turtle" | "ttl" => RdfFormat::Turtle,
        "trig" => RdfFormat::TriG,
        "ntriples" | "nt" | "n-triples" => RdfFormat::NTriples,
        "nquads" | "nq" | "n-quads" => RdfFormat::NQuads,
        "rdfxml" | "rdf" | "xml" | "rdf/xml" => RdfFormat::RdfXml,
        "jsonld" | "json-ld" => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
        _ => return None,
    })
}

/// A serialiser for `format` with the fixed prefixes (for the formats that use them), as
/// [`write_quads`] sets it up: one article streamed through it gives the same bytes.
pub fn serializer(format: RdfFormat) -> Result<RdfSerializer> {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::RdfXml | RdfFormat::JsonLd { .. }) {
        for (prefix, iri) in PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .map_err(|e| Error::Iri { iri: iri.to_string(), reason: e.to_string() })?;
        }
    }
    Ok(serializer)
}

/// Writes quads in `format`. Formats without named graphs get the triples of all graphs.
pub fn write_quads(quads: &[Quad], format: RdfFormat, writer: impl Write) -> Result<()> {
    let mut quads = if format.supports_datasets() {
        quads.to_vec()
    } else {
        quads
            .iter()
            .map(|q| Quad::new(q.subject.clone(), q.predicate.clone(), q.object.clone(), GraphName::DefaultGraph))
            .collect()
    };
    sort_quads(&mut quads);
    if matches!(format, RdfFormat::JsonLd { .. }) {
        // Compacted with the published context (see `jsonld.rs`).
        return crate::jsonld::write(&quads, writer);
    }
    let mut w = serializer(format)?.for_writer(writer);
    for q in &quads {
        w.serialize_quad(q)?;
    }
    w.finish()?.flush()?;
    Ok(())
}
