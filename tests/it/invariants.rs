//! The invariants of the whole extract path, checked on any article: shared by the property
//! tests (`props`) and the fuzz targets (`fuzz/`, which include this file by path, so it
//! may use only the `newskg` and `oxigraph` crates).
//!
//! For any article: extraction does not panic; every span it reports lies in the text on
//! `char` boundaries; the quads can be built; every `nif:anchorOf` equals the text between
//! its `nif:beginIndex` and `nif:endIndex` (code points); and the N-Quads and TriG output
//! re-parse to exactly the same quads.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use newskg::export::write_quads;
use newskg::rdf::vocab::nif;
use newskg::rdf::{to_quads, Minter, Segments};
use newskg::{extract, Article, Extraction, Rules};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};

/// Panics (with what broke) unless every invariant holds for `article`; returns the quads.
pub fn check_article(article: &Article, rules: &Rules) -> Vec<Quad> {
    let ex = extract(article, rules);
    check_spans(&article.text, &ex);
    let quads = to_quads(article, &ex, &Minter::default(), Segments::All)
        .unwrap_or_else(|e| panic!("to_quads failed on {:?}: {e}", article.text));
    check_anchors(&article.text, &quads);
    for format in [RdfFormat::NQuads, RdfFormat::TriG] {
        let reparsed = round_trip(&quads, format);
        let expected: BTreeSet<String> = quads.iter().map(ToString::to_string).collect();
        assert_eq!(reparsed, expected, "{format:?} output does not re-parse to the same quads");
    }
    quads
}

/// Writes `quads` in `format` with `newskg::export::write_quads` and parses them back, as
/// N-Quads strings.
pub fn round_trip(quads: &[Quad], format: RdfFormat) -> BTreeSet<String> {
    let mut bytes = Vec::new();
    write_quads(quads, format, &mut bytes).expect("writing to memory");
    RdfParser::from_format(format)
        .for_slice(&bytes)
        .map(|q| {
            q.unwrap_or_else(|e| panic!("{format:?} output does not parse: {e}\n{}", String::from_utf8_lossy(&bytes)))
                .to_string()
        })
        .collect()
}

/// Every span of the extraction lies in the text, on `char` boundaries.
pub fn check_spans(text: &str, ex: &Extraction) {
    let mut spans: Vec<(&str, &Range<usize>)> = Vec::new();
    spans.extend(ex.paragraphs.iter().map(|r| ("paragraph", r)));
    spans.extend(ex.sentences.iter().map(|r| ("sentence", r)));
    for e in &ex.entities {
        spans.extend(e.mentions.iter().map(|m| ("mention", &m.span)));
    }
    spans.extend(ex.holdings.iter().map(|h| ("holding", &h.evidence.span)));
    for q in &ex.quotes {
        spans.push(("quote text", &q.text));
        spans.push(("quote", &q.evidence.span));
        spans.extend(q.attribution.iter().map(|a| ("attribution", a)));
        if let Some(newskg::extract::Speaker::Anonymous(r)) = &q.speaker {
            spans.push(("anonymous speaker", r));
        }
    }
    for ev in &ex.events {
        assert!(!ev.evidence.is_empty(), "event {} without evidence", ev.kind);
        spans.extend(ev.evidence.iter().map(|e| ("event", &e.span)));
        spans.extend(ev.time_text.iter().map(|t| ("time", t)));
    }
    spans.extend(ex.anonymous_sources.iter().map(|a| ("source", &a.evidence.span)));
    for (what, r) in spans {
        assert!(r.start <= r.end && text.get(r.clone()).is_some(), "{what} span {r:?} is not a slice of {text:?}");
    }
    let n = ex.entities.len();
    for h in &ex.holdings {
        assert!(h.holder.index() < n && h.of.is_none_or(|o| o.index() < n), "holding points past the entities");
    }
    for ev in &ex.events {
        assert!(
            ev.participants.iter().all(|p| p.index() < n) && ev.place.is_none_or(|p| p.index() < n),
            "event entity index"
        );
    }
}

/// Every span node's `nif:anchorOf` is the text between its begin and end (code points).
pub fn check_anchors(text: &str, quads: &[Quad]) {
    let chars: Vec<char> = text.chars().collect();
    let mut nodes: BTreeMap<String, [Option<String>; 3]> = BTreeMap::new();
    for q in quads {
        let slot = match q.predicate.as_ref() {
            p if p == nif::BEGIN_INDEX => 0,
            p if p == nif::END_INDEX => 1,
            p if p == nif::ANCHOR_OF => 2,
            _ => continue,
        };
        let Term::Literal(l) = &q.object else { panic!("{q} has no literal object") };
        let entry = nodes.entry(q.subject.to_string()).or_default();
        assert!(entry[slot].is_none(), "{} has two values for {}", q.subject, q.predicate);
        entry[slot] = Some(l.value().to_owned());
    }
    for (node, [b, e, anchor]) in nodes {
        let (Some(b), Some(e), Some(anchor)) = (b, e, anchor) else { panic!("{node} lacks begin, end or anchor") };
        let (b, e): (usize, usize) = (b.parse().expect("begin index"), e.parse().expect("end index"));
        assert!(b <= e && e <= chars.len(), "{node}: {b}..{e} outside the text");
        let slice: String = chars[b..e].iter().collect();
        assert_eq!(anchor, slice, "{node}: anchorOf differs from the text at {b}..{e}");
    }
}
