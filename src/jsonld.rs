//! JSON-LD output compacted with the published context (`ontologies/context.jsonld`), so the
//! JSON reads naturally: `"speaker": ".../person/x"`, `"@type": ["Meeting", "Event"]`,
//! `"beginIndex": "203"`.
//!
//! Invariant: expanding the output with a JSON-LD processor gives back exactly the quads
//! written (checked against the project's own parser in the tests and against pyld by
//! `scripts/test-rdf-tools.sh`): a value is written in a term's short form only when the
//! term's coercion reproduces it, and in full form (`{"@value": ..., "@type": ...}`,
//! `{"@id": ...}`) otherwise; IRIs are shortened only with the context's prefixes (and,
//! in vocabulary positions, its terms). Output is deterministic: keys sorted, nodes in
//! the order of their IRIs, values in the order of the sorted quads.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::OnceLock;

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// The published context document.
pub const CONTEXT: &str = include_str!("../ontologies/context.jsonld");

/// How a term coerces a plain JSON string.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Coercion {
    /// A string is an `xsd:string` literal.
    None,
    /// A string is an IRI (document-relative: prefixes apply, terms do not).
    Id,
    /// A string is an IRI (vocabulary-relative: terms and prefixes apply).
    Vocab,
    /// A string is a literal of this datatype.
    Datatype(String),
}

/// The context, read once from [`CONTEXT`].
struct Context {
    /// The `@context` object, written into every document.
    value: Value,
    /// (prefix, namespace), longest namespace first.
    prefixes: Vec<(String, String)>,
    /// Property IRI → (term, coercion).
    properties: HashMap<String, (String, Coercion)>,
    /// IRI → term, for simple terms (used in vocabulary positions: `@type`, `@vocab`).
    vocab: HashMap<String, String>,
}

fn context() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| Context::parse(CONTEXT).expect("ontologies/context.jsonld is a valid context (tested)"))
}

impl Context {
    fn parse(doc: &str) -> std::result::Result<Context, String> {
        let doc: Value = serde_json::from_str(doc).map_err(|e| e.to_string())?;
        let Some(Value::Object(defs)) = doc.get("@context") else {
            return Err("no @context object".into());
        };
        let mut prefixes = Vec::new();
        for (k, v) in defs {
            if let Value::String(s) = v {
                if s.ends_with('/') || s.ends_with('#') {
                    prefixes.push((k.clone(), s.clone()));
                }
            }
        }
        let expand = |s: &str| -> std::result::Result<String, String> {
            if let Some((p, local)) = s.split_once(':') {
                if let Some((_, ns)) = prefixes.iter().find(|(name, _)| name == p) {
                    return Ok(format!("{ns}{local}"));
                }
                return Ok(s.to_owned());
            }
            Err(format!("{s:?} is not an IRI or compact IRI"))
        };
        let mut properties = HashMap::new();
        let mut vocab = HashMap::new();
        for (k, v) in defs {
            if prefixes.iter().any(|(p, _)| p == k) {
                continue;
            }
            match v {
                Value::String(s) => {
                    let iri = expand(s)?;
                    vocab.insert(iri.clone(), k.clone());
                    properties.insert(iri, (k.clone(), Coercion::None));
                }
                Value::Object(o) => {
                    let iri = expand(o.get("@id").and_then(Value::as_str).ok_or(format!("{k}: no @id"))?)?;
                    let coercion = match o.get("@type").and_then(Value::as_str) {
                        None => Coercion::None,
                        Some("@id") => Coercion::Id,
                        Some("@vocab") => Coercion::Vocab,
                        Some(t) => Coercion::Datatype(expand(t)?),
                    };
                    properties.insert(iri, (k.clone(), coercion));
                }
                other => return Err(format!("{k}: unexpected definition {other}")),
            }
        }
        prefixes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        Ok(Context { value: Value::Object(defs.clone()), prefixes, properties, vocab })
    }

    /// An IRI as short as the context allows in a document-relative position.
    fn iri(&self, iri: &str) -> String {
        for (p, ns) in &self.prefixes {
            if let Some(local) = iri.strip_prefix(ns.as_str()) {
                if !local.is_empty() && !local.starts_with("//") {
                    return format!("{p}:{local}");
                }
            }
        }
        iri.to_owned()
    }

    /// An IRI as short as the context allows in a vocabulary position.
    fn vocab_iri(&self, iri: &str) -> String {
        self.vocab.get(iri).cloned().unwrap_or_else(|| self.iri(iri))
    }

    fn subject(&self, s: &NamedOrBlankNode) -> String {
        match s {
            NamedOrBlankNode::NamedNode(n) => self.iri(n.as_str()),
            NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
            #[allow(unreachable_patterns)]
            other => other.to_string(),
        }
    }

    /// A value in full form (never coerced).
    fn full(&self, t: &Term) -> Value {
        match t {
            Term::NamedNode(n) => object([("@id", Value::String(self.iri(n.as_str())))]),
            Term::BlankNode(b) => object([("@id", Value::String(format!("_:{}", b.as_str())))]),
            Term::Literal(l) => {
                if let Some(lang) = l.language() {
                    object([("@value", l.value().into()), ("@language", lang.into())])
                } else if l.datatype() == xsd::STRING {
                    object([("@value", l.value().into())])
                } else {
                    object([("@value", l.value().into()), ("@type", self.vocab_iri(l.datatype().as_str()).into())])
                }
            }
            #[allow(unreachable_patterns)]
            other => object([("@value", other.to_string().into())]),
        }
    }

    /// A value under a term with `coercion`: short when the coercion reproduces it.
    fn value(&self, t: &Term, coercion: &Coercion) -> Value {
        match (t, coercion) {
            (Term::Literal(l), Coercion::None) if l.datatype() == xsd::STRING && l.language().is_none() => {
                l.value().into()
            }
            (Term::Literal(l), Coercion::Datatype(dt)) if l.datatype().as_str() == dt && l.language().is_none() => {
                l.value().into()
            }
            (Term::NamedNode(n), Coercion::Id) => self.iri(n.as_str()).into(),
            (Term::NamedNode(n), Coercion::Vocab) => self.vocab_iri(n.as_str()).into(),
            (Term::BlankNode(b), Coercion::Id | Coercion::Vocab) => format!("_:{}", b.as_str()).into(),
            _ => self.full(t),
        }
    }
}

fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// One node being built: types and property values in quad order.
#[derive(Default)]
struct Node {
    id: String,
    types: Vec<Value>,
    props: BTreeMap<String, Vec<Value>>,
}

impl Node {
    fn into_json(self) -> Value {
        let mut m = Map::new();
        m.insert("@id".into(), Value::String(self.id));
        if !self.types.is_empty() {
            m.insert("@type".into(), one_or_many(self.types));
        }
        for (k, v) in self.props {
            m.insert(k, one_or_many(v));
        }
        Value::Object(m)
    }
}

fn one_or_many(mut v: Vec<Value>) -> Value {
    if v.len() == 1 {
        v.remove(0)
    } else {
        Value::Array(v)
    }
}

/// The compacted JSON-LD document of `quads` (which should be sorted).
pub fn to_json(quads: &[Quad]) -> Value {
    let ctx = context();
    // graph key (N-Quads form, "" for the default graph) → subject key → node
    let mut graphs: BTreeMap<String, (Option<String>, BTreeMap<String, Node>)> = BTreeMap::new();
    for q in quads {
        let (gkey, gid) = match &q.graph_name {
            GraphName::DefaultGraph => (String::new(), None),
            GraphName::NamedNode(n) => (n.to_string(), Some(ctx.iri(n.as_str()))),
            GraphName::BlankNode(b) => (b.to_string(), Some(format!("_:{}", b.as_str()))),
        };
        let nodes = &mut graphs.entry(gkey).or_insert_with(|| (gid, BTreeMap::new())).1;
        let node = nodes
            .entry(q.subject.to_string())
            .or_insert_with(|| Node { id: ctx.subject(&q.subject), ..Node::default() });
        let p = q.predicate.as_str();
        match &q.object {
            Term::NamedNode(n) if q.predicate == rdf::TYPE => node.types.push(ctx.vocab_iri(n.as_str()).into()),
            Term::BlankNode(b) if q.predicate == rdf::TYPE => node.types.push(format!("_:{}", b.as_str()).into()),
            o => {
                let (key, value) = match ctx.properties.get(p) {
                    Some((term, coercion)) => (term.clone(), ctx.value(o, coercion)),
                    None => (ctx.iri(p), ctx.full(o)),
                };
                node.props.entry(key).or_default().push(value);
            }
        }
    }
    let mut top: Vec<Value> = Vec::new();
    for (_, (gid, nodes)) in graphs {
        let nodes: Vec<Value> = nodes.into_values().map(Node::into_json).collect();
        match gid {
            None => top.extend(nodes),
            Some(id) => top.push(object([("@id", id.into()), ("@graph", Value::Array(nodes))])),
        }
    }
    object([("@context", ctx.value.clone()), ("@graph", Value::Array(top))])
}

/// Writes `quads` as compacted JSON-LD, pretty-printed.
pub fn write(quads: &[Quad], mut writer: impl Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut writer, &to_json(quads)).map_err(|e| Error::Output(e.into()))?;
    writer.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
    use oxigraph::model::{BlankNode, Literal, NamedNode};

    fn nn(s: &str) -> NamedNode {
        NamedNode::new(s).unwrap()
    }

    fn reparse(json: &str) -> Vec<String> {
        let mut v: Vec<String> = RdfParser::from_format(RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() })
            .for_slice(json.as_bytes())
            .map(|q| q.unwrap().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn the_context_parses_and_names_the_contract_terms() {
        let ctx = context();
        assert_eq!(ctx.properties["https://w3id.org/newskg/ontology#speaker"].0, "speaker");
        assert_eq!(ctx.properties["https://w3id.org/newskg/ontology#evidence"].1, Coercion::Id);
        assert_eq!(ctx.vocab["https://w3id.org/newskg/ontology#Meeting"], "Meeting");
        assert_eq!(ctx.iri("https://w3id.org/newskg/ontology#x"), "nkg:x");
    }

    #[test]
    fn compacted_output_reads_naturally_and_round_trips() {
        let g = GraphName::NamedNode(nn("https://w3id.org/newskg/id/article/a"));
        let nkg = |l: &str| nn(&format!("https://w3id.org/newskg/ontology#{l}"));
        let ev = nn("https://w3id.org/newskg/id/article/a/event/1-5-Meeting");
        let q = nn("https://w3id.org/newskg/id/article/a/quote/1-9");
        let p = nn("https://w3id.org/newskg/id/person/x");
        let quads = vec![
            Quad::new(ev.clone(), rdf::TYPE, nkg("Meeting"), g.clone()),
            Quad::new(ev.clone(), rdf::TYPE, nkg("Event"), g.clone()),
            Quad::new(ev.clone(), nkg("participant"), p.clone(), g.clone()),
            Quad::new(ev.clone(), nkg("date"), Literal::new_typed_literal("2024-11-11", xsd::DATE), g.clone()),
            // A literal where the term expects an IRI, and a datatype the term does not coerce.
            Quad::new(ev.clone(), nkg("participant"), Literal::new_simple_literal("odd"), g.clone()),
            Quad::new(ev.clone(), nkg("date"), Literal::new_simple_literal("soon"), g.clone()),
            Quad::new(q.clone(), nkg("speaker"), p.clone(), g.clone()),
            Quad::new(q.clone(), nkg("text"), Literal::new_language_tagged_literal("hi", "en").unwrap(), g.clone()),
            Quad::new(q.clone(), nkg("status"), nkg("Incumbent"), g.clone()),
            Quad::new(q.clone(), nn("http://example.org/other"), BlankNode::new("b1").unwrap(), g.clone()),
            Quad::new(
                p.clone(),
                nn("http://www.w3.org/2000/01/rdf-schema#label"),
                Literal::new_simple_literal("X \"Y\""),
                GraphName::DefaultGraph,
            ),
        ];
        let mut out = Vec::new();
        write(&quads, &mut out).unwrap();
        let json = String::from_utf8(out).unwrap();
        assert!(json.contains("\"speaker\": \"https://w3id.org/newskg/id/person/x\""), "{json}");
        assert!(json.contains("\"Meeting\""), "{json}");
        assert!(json.contains("\"status\": \"Incumbent\""), "{json}");
        assert!(json.contains("\"date\": ["), "{json}");
        let mut expected: Vec<String> = quads.iter().map(|q| q.to_string()).collect();
        expected.sort();
        let got = reparse(&json);
        // Blank node labels may be renamed by the parser: compare with them masked.
        let mask = |v: Vec<String>| -> Vec<String> {
            v.into_iter()
                .map(|s| {
                    s.split(' ').map(|w| if w.starts_with("_:") { "_:b" } else { w }).collect::<Vec<_>>().join(" ")
                })
                .collect()
        };
        assert_eq!(mask(got), mask(expected));
    }
}
