//! Fingerprints of ingested articles: what lets `ingest` skip an article that the store
//! holds already, unchanged and extracted by the same extractor.
//!
//! A fingerprint is the SHA-256 of the extractor version (crate version, the digest of the
//! rule files in use, and the settings that shape the graph: IRI base and segments) and of
//! the article as read (id, text, and every metadata field except the reader's warnings,
//! which follow from the rest). `ingest` stores it as one bookkeeping triple in the
//! article's own graph, `<article> nkg:extractionFingerprint "hex"`, so it is written in
//! the same batch or transaction as the article and removed with it.
//!
//! **Invariant:** the same article read by the same extractor gives the same fingerprint
//! on every platform and run (fields are fed in a fixed order, length-prefixed, numbers as
//! little-endian `u64`; no clock, no hash-map order); a change of any byte of the text, of
//! any metadata value, of the rules or of the settings gives another.

use std::ops::Range;

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, QuadRef};
use sha2::{Digest, Sha256};

use crate::article::{Field, Layout, Metadata};
use crate::rdf::vocab::nkg;
use crate::rdf::{Minter, Segments};
use crate::{Article, Rules};

/// The version of the extractor: a change of the crate version re-extracts every article.
/// (A change of the code without a version change does not: use `ingest --force`.)
pub const EXTRACTOR_VERSION: &str = concat!("newskg ", env!("CARGO_PKG_VERSION"));

/// Computes fingerprints for one extractor (rules and settings).
#[derive(Clone)]
pub struct Fingerprinter {
    /// The hash state after the extractor's part, cloned for each article.
    extractor: Sha256,
}

/// An article's fingerprint (see the module comment).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint([u8; 32]);

impl Fingerprinter {
    /// The fingerprinter of an extractor that uses `rules` and writes graphs with `minter`
    /// and `segments`.
    pub fn new(rules: &Rules, minter: &Minter, segments: Segments) -> Self {
        let mut feed = Feed(Sha256::new());
        feed.str("newskg-fingerprint-1");
        feed.str(EXTRACTOR_VERSION);
        feed.str(rules.digest());
        feed.str(minter.base());
        feed.str(match segments {
            Segments::Cited => "segments:cited",
            Segments::All => "segments:all",
        });
        Fingerprinter { extractor: feed.0 }
    }

    /// The fingerprint of `article` as read (after any default date is applied).
    pub fn of(&self, article: &Article) -> Fingerprint {
        let mut feed = Feed(self.extractor.clone());
        // Destructured in full, so that a new field cannot be forgotten here.
        // The language is resolved from the text and the declared language, both fed here.
        let Article { id, input: _, text, metadata, .. } = article;
        let Metadata {
            layout,
            headline,
            date_text,
            date,
            dateline,
            authors,
            contribution_notes,
            photo_credit,
            source,
            url,
            prose,
            language,
            warnings: _,
        } = metadata;
        feed.str(id);
        feed.str(text);
        feed.str(match layout {
            Layout::Wire => "wire",
            Layout::Wikinews => "wikinews",
            Layout::Json => "json",
            Layout::Html => "html",
            Layout::Plain => "plain",
        });
        feed.field(headline.as_ref());
        feed.field(date_text.as_ref());
        feed.optional(date.map(|d| d.format("%Y-%m-%d").to_string()).as_deref());
        feed.field(dateline.as_ref());
        for list in [authors, contribution_notes] {
            feed.number(list.len());
            for f in list {
                feed.field(Some(f));
            }
        }
        feed.field(photo_credit.as_ref());
        feed.field(source.as_ref());
        feed.optional(url.as_deref());
        feed.number(prose.len());
        for r in prose {
            feed.range(r);
        }
        feed.optional(language.as_deref());
        Fingerprint(feed.0.finalize().into())
    }
}

impl Fingerprint {
    /// Lowercase hex, as stored.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The bookkeeping quad that stores this fingerprint in the article graph `graph`
    /// (whose name is the article's IRI).
    pub fn quad(&self, graph: &NamedNode) -> Quad {
        Quad::new(
            graph.clone(),
            nkg::EXTRACTION_FINGERPRINT,
            Literal::new_simple_literal(self.to_hex()),
            GraphName::NamedNode(graph.clone()),
        )
    }
}

/// Whether a quad is ingest's bookkeeping (a stored fingerprint), not article content.
pub fn is_bookkeeping<'a>(quad: impl Into<QuadRef<'a>>) -> bool {
    quad.into().predicate == nkg::EXTRACTION_FINGERPRINT
}

/// Feeds values to the hash, each one unambiguous (length-prefixed or tagged).
struct Feed(Sha256);

impl Feed {
    fn number(&mut self, n: usize) {
        self.0.update((n as u64).to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.number(s.len());
        self.0.update(s.as_bytes());
    }

    fn optional(&mut self, s: Option<&str>) {
        match s {
            None => self.0.update([0]),
            Some(s) => {
                self.0.update([1]);
                self.str(s);
            }
        }
    }

    fn range(&mut self, r: &Range<usize>) {
        self.number(r.start);
        self.number(r.end);
    }

    fn field(&mut self, f: Option<&Field>) {
        self.optional(f.map(|f| f.value.as_str()));
        match f.and_then(|f| f.span.as_ref()) {
            None => self.0.update([0]),
            Some(r) => {
                self.0.update([1]);
                self.range(r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::read_plain;

    fn article(text: &str) -> Article {
        read_plain("a.txt", text.to_owned())
    }

    #[test]
    fn the_same_article_and_extractor_give_the_same_fingerprint() {
        let rules = Rules::builtin().unwrap();
        let f = Fingerprinter::new(&rules, &Minter::default(), Segments::Cited);
        let a = article("WASHINGTON (AP) — Sen. Jane Doe met Mayor John Roe on Monday.\n");
        assert_eq!(f.of(&a), f.of(&a.clone()));
        assert_eq!(f.of(&a).to_hex().len(), 64);
        // The input path and the reader's warnings are not part of it.
        let mut moved = a.clone();
        moved.input = "elsewhere/a.txt".into();
        moved.metadata.warnings.push("a warning".into());
        assert_eq!(f.of(&a), f.of(&moved));
    }

    #[test]
    fn any_change_of_text_metadata_rules_or_settings_gives_another() {
        let rules = Rules::builtin().unwrap();
        let f = Fingerprinter::new(&rules, &Minter::default(), Segments::Cited);
        let a = article("WASHINGTON (AP) — Sen. Jane Doe met Mayor John Roe on Monday.\n");
        let base = f.of(&a);
        let mut changed = Vec::new();
        let mut b = a.clone();
        b.text.push(' ');
        changed.push(b);
        let mut b = a.clone();
        b.id.push('x');
        changed.push(b);
        let mut b = a.clone();
        b.metadata.date = chrono::NaiveDate::from_ymd_opt(2024, 11, 12);
        changed.push(b);
        let mut b = a.clone();
        b.metadata.url = Some("https://example.org/a".into());
        changed.push(b);
        let mut b = a.clone();
        b.metadata.authors.push(Field::detached("Lena Frost"));
        changed.push(b);
        let mut b = a.clone();
        b.metadata.contribution_notes.push(Field::detached("Lena Frost"));
        changed.push(b);
        let mut b = a.clone();
        b.metadata.language = Some("de".into());
        changed.push(b);
        let mut b = a.clone();
        b.metadata.prose.pop();
        changed.push(b);
        for b in &changed {
            assert_ne!(f.of(b), base, "{b:?}");
        }
        let other_base =
            Fingerprinter::new(&rules, &Minter::with_base("https://example.org/").unwrap(), Segments::Cited);
        assert_ne!(other_base.of(&a), base);
        assert_ne!(Fingerprinter::new(&rules, &Minter::default(), Segments::All).of(&a), base);
    }

    #[test]
    fn the_quad_is_in_the_article_graph_and_is_bookkeeping() {
        let rules = Rules::builtin().unwrap();
        let f = Fingerprinter::new(&rules, &Minter::default(), Segments::Cited);
        let graph = NamedNode::new_unchecked("https://w3id.org/newskg/id/article/a");
        let q = f.of(&article("Text.\n")).quad(&graph);
        assert_eq!(q.graph_name, GraphName::NamedNode(graph.clone()));
        assert!(is_bookkeeping(&q));
        let other = Quad::new(graph.clone(), nkg::RULE, Literal::new_simple_literal("x"), GraphName::DefaultGraph);
        assert!(!is_bookkeeping(&other));
    }
}
