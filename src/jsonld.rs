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
use oxigraph::model::{GraphNameRef, NamedOrBlankNodeRef, Quad, QuadRef, TermRef};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::rdf::ArticleGraph;

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

    fn subject(&self, s: NamedOrBlankNodeRef<'_>) -> String {
        match s {
            NamedOrBlankNodeRef::NamedNode(n) => self.iri(n.as_str()),
            NamedOrBlankNodeRef::BlankNode(b) => format!("_:{}", b.as_str()),
            #[allow(unreachable_patterns)]
            other => other.to_string(),
        }
    }

    /// A value in full form (never coerced).
    fn full(&self, t: TermRef<'_>) -> Value {
        match t {
            TermRef::NamedNode(n) => object([("@id", Value::String(self.iri(n.as_str())))]),
            TermRef::BlankNode(b) => object([("@id", Value::String(format!("_:{}", b.as_str())))]),
            TermRef::Literal(l) => {
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
    fn value(&self, t: TermRef<'_>, coercion: &Coercion) -> Value {
        match (t, coercion) {
            (TermRef::Literal(l), Coercion::None) if l.datatype() == xsd::STRING && l.language().is_none() => {
                l.value().into()
            }
            (TermRef::Literal(l), Coercion::Datatype(dt)) if l.datatype().as_str() == dt && l.language().is_none() => {
                l.value().into()
            }
            (TermRef::NamedNode(n), Coercion::Id) => self.iri(n.as_str()).into(),
            (TermRef::NamedNode(n), Coercion::Vocab) => self.vocab_iri(n.as_str()).into(),
            (TermRef::BlankNode(b), Coercion::Id | Coercion::Vocab) => format!("_:{}", b.as_str()).into(),
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
    /// Adds the predicate and object of a quad about this node.
    fn add(&mut self, ctx: &Context, q: QuadRef<'_>) {
        let p = q.predicate.as_str();
        match q.object {
            TermRef::NamedNode(n) if q.predicate == rdf::TYPE => self.types.push(ctx.vocab_iri(n.as_str()).into()),
            TermRef::BlankNode(b) if q.predicate == rdf::TYPE => self.types.push(format!("_:{}", b.as_str()).into()),
            o => {
                let (key, value) = match ctx.properties.get(p) {
                    Some((term, coercion)) => (term.clone(), ctx.value(o, coercion)),
                    None => (ctx.iri(p), ctx.full(o)),
                };
                self.props.entry(key).or_default().push(value);
            }
        }
    }

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
    let top = top_level(quads.iter().map(Quad::as_ref));
    object([("@context", context().value.clone()), ("@graph", Value::Array(top))])
}

/// The values of the document's top-level `@graph`: the nodes of the default graph, then
/// one object per named graph, graphs in the order of their names.
fn top_level<'a>(quads: impl IntoIterator<Item = QuadRef<'a>>) -> Vec<Value> {
    let ctx = context();
    // graph key (N-Quads form, "" for the default graph) → subject key → node
    let mut graphs: BTreeMap<String, (Option<String>, BTreeMap<String, Node>)> = BTreeMap::new();
    for q in quads {
        let (gkey, gid) = match q.graph_name {
            GraphNameRef::DefaultGraph => (String::new(), None),
            GraphNameRef::NamedNode(n) => (n.to_string(), Some(ctx.iri(n.as_str()))),
            GraphNameRef::BlankNode(b) => (b.to_string(), Some(format!("_:{}", b.as_str()))),
        };
        let nodes = &mut graphs.entry(gkey).or_insert_with(|| (gid, BTreeMap::new())).1;
        let node = nodes
            .entry(q.subject.to_string())
            .or_insert_with(|| Node { id: ctx.subject(q.subject), ..Node::default() });
        node.add(ctx, q);
    }
    let mut top: Vec<Value> = Vec::new();
    for (_, (gid, nodes)) in graphs {
        let nodes: Vec<Value> = nodes.into_values().map(Node::into_json).collect();
        match gid {
            None => top.extend(nodes),
            Some(id) => top.push(object([("@id", id.into()), ("@graph", Value::Array(nodes))])),
        }
    }
    top
}

/// Writes `quads` as compacted JSON-LD, pretty-printed.
pub fn write(quads: &[Quad], mut writer: impl Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut writer, &to_json(quads)).map_err(|e| Error::Output(e.into()))?;
    writer.write_all(b"\n")?;
    Ok(())
}

/// Writes one compacted JSON-LD document a graph at a time (for output that comes article
/// by article), node by node, so that only one node is held as JSON at a time: the
/// document [`write`] makes of all the quads when graphs come in the order of their names,
/// else the same with the graphs in the order they came.
pub struct GraphsWriter<W: Write> {
    writer: W,
    started: bool,
}

impl<W: Write> GraphsWriter<W> {
    pub fn new(writer: W) -> Self {
        GraphsWriter { writer, started: false }
    }

    /// Writes a graph's nodes: as one object with its `@graph` when the graph is named, else
    /// as top-level nodes.
    pub fn write_graph(&mut self, graph: &ArticleGraph) -> Result<()> {
        let ctx = context();
        let named = match graph.graph_name() {
            GraphNameRef::DefaultGraph => None,
            GraphNameRef::NamedNode(n) => Some(ctx.iri(n.as_str())),
            GraphNameRef::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        };
        if graph.is_empty() {
            return Ok(());
        }
        let indent = if named.is_some() { 8 } else { 4 };
        if named.is_some() {
            self.next_top_level()?;
            self.writer.write_all(b"{\n      \"@graph\": [\n")?;
        }
        // The quads are sorted, so each subject's quads come together, subjects in the
        // order of their N-Quads forms (the order `to_json` gives its nodes).
        let mut node: Option<(NamedOrBlankNodeRef<'_>, Node)> = None;
        let mut first = true;
        for q in graph.quads() {
            if node.as_ref().is_some_and(|(s, _)| *s != q.subject) {
                let (_, done) = node.take().expect("checked");
                self.write_node(done, indent, &mut first)?;
            }
            let (_, current) =
                node.get_or_insert_with(|| (q.subject, Node { id: ctx.subject(q.subject), ..Node::default() }));
            current.add(ctx, q);
        }
        if let Some((_, done)) = node {
            self.write_node(done, indent, &mut first)?;
        }
        if let Some(id) = named {
            self.writer.write_all(b"\n      ],\n      \"@id\": ")?;
            serde_json::to_writer(&mut self.writer, &id).map_err(|e| Error::Output(e.into()))?;
            self.writer.write_all(b"\n    }")?;
        }
        Ok(())
    }

    /// Ends the document; returns the writer.
    pub fn finish(mut self) -> Result<W> {
        if self.started {
            self.writer.write_all(b"\n  ]\n}\n")?;
        } else {
            write(&[], &mut self.writer)?;
        }
        Ok(self.writer)
    }

    /// Starts a value of the top-level `@graph` (the document's head before the first).
    fn next_top_level(&mut self) -> Result<()> {
        if self.started {
            self.writer.write_all(b",\n    ")?;
        } else {
            self.writer.write_all(b"{\n  \"@context\": ")?;
            self.pretty(&context().value, 2)?;
            self.writer.write_all(b",\n  \"@graph\": [\n    ")?;
            self.started = true;
        }
        Ok(())
    }

    fn write_node(&mut self, node: Node, indent: usize, first: &mut bool) -> Result<()> {
        if indent == 4 {
            self.next_top_level()?;
        } else {
            self.writer.write_all(if *first { b"        " } else { b",\n        " })?;
        }
        *first = false;
        self.pretty(&node.into_json(), indent)
    }

    /// `value` pretty-printed as a part of the document, its lines after the first indented
    /// by `indent` spaces (a JSON string holds no line break, so lines split safely).
    fn pretty(&mut self, value: &Value, indent: usize) -> Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(|e| Error::Output(e.into()))?;
        let pad = " ".repeat(indent);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.writer.write_all(b"\n")?;
                self.writer.write_all(pad.as_bytes())?;
            }
            self.writer.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
    use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode};

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
