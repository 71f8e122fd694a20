//! Deterministic IRIs. The same article id always gives the same article IRI; the same
//! entity type and normalised name give the same entity IRI in every article, so the
//! graph links articles, when the name identifies one entity (`Identity::Global`); an
//! entity known only by a name that may be anyone's ("Liu") gets an IRI under its
//! article's; facts of an article are named by their kind and text offsets.
//!
//! Invariant: every piece of text that goes into an IRI is percent-encoded here (only
//! RFC 3986 unreserved characters pass), and the result is checked by oxrdf.

use oxigraph::model::NamedNode;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::extract::entities::name_key;
use crate::extract::{Entity, Identity};
use crate::rules::EntityClass;

/// The default base of minted IRIs.
pub const DEFAULT_BASE: &str = "https://w3id.org/newskg/id/";

/// Mints IRIs under a base.
#[derive(Debug, Clone)]
pub struct Minter {
    base: String,
}

impl Default for Minter {
    fn default() -> Self {
        Minter { base: DEFAULT_BASE.to_owned() }
    }
}

impl Minter {
    /// A minter under `base`, which must be an absolute IRI (a trailing `/` is added).
    pub fn with_base(base: &str) -> Result<Self> {
        let mut base = base.to_owned();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        NamedNode::new(format!("{base}x")).map_err(|e| Error::Iri { iri: base.clone(), reason: e.to_string() })?;
        Ok(Minter { base })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn node(&self, path: String) -> Result<NamedNode> {
        let iri = format!("{}{path}", self.base);
        NamedNode::new(iri.clone()).map_err(|e| Error::Iri { iri, reason: e.to_string() })
    }

    /// The IRI of an article (and of its named graph).
    pub fn article(&self, id: &str) -> Result<NamedNode> {
        self.node(format!("article/{}", encode(id, 200)))
    }

    /// The IRI of an entity, from its base type and normalised name (`name_key`: lower
    /// case, letters and digits, words joined by `-`). Names that normalise alike share an
    /// IRI; others never do. A name with no letter or digit gets `_unnamed`, which no
    /// normalised name can be (it has no `_`).
    pub fn entity(&self, class: EntityClass, label: &str) -> Result<NamedNode> {
        self.node(entity_path(class, label))
    }

    /// The IRI of an entity of `article` whose name does not identify it beyond the article
    /// (`Identity::Article`): `{article}/{type}/{normalised name}`, so the same one-word
    /// name in two articles gives two entities.
    pub fn article_entity(&self, article: &NamedNode, class: EntityClass, label: &str) -> Result<NamedNode> {
        let iri = format!("{}/{}", article.as_str(), entity_path(class, label));
        NamedNode::new(iri.clone()).map_err(|e| Error::Iri { iri, reason: e.to_string() })
    }

    /// The IRI of one of `article`'s entities, global or scoped by its `identity`.
    pub fn entity_of(&self, article: &NamedNode, entity: &Entity) -> Result<NamedNode> {
        match entity.identity {
            Identity::Global => self.entity(entity.class, &entity.label),
            Identity::Article => self.article_entity(article, entity.class, &entity.label),
        }
    }

    /// The IRI of a fact of an article: `{article}/{kind}/{begin}-{end}` (code points).
    pub fn fact(&self, article: &NamedNode, kind: &str, begin: usize, end: usize) -> Result<NamedNode> {
        NamedNode::new(format!("{}/{kind}/{begin}-{end}", article.as_str()))
            .map_err(|e| Error::Iri { iri: article.as_str().to_owned(), reason: e.to_string() })
    }

    /// The IRI of a fact of an article named by a key (percent-encoded).
    pub fn keyed_fact(&self, article: &NamedNode, kind: &str, key: &str) -> Result<NamedNode> {
        NamedNode::new(format!("{}/{kind}/{}", article.as_str(), encode(key, 120)))
            .map_err(|e| Error::Iri { iri: article.as_str().to_owned(), reason: e.to_string() })
    }
}

/// `{type}/{normalised name}` of an entity IRI.
fn entity_path(class: EntityClass, label: &str) -> String {
    let kind = match class.base() {
        EntityClass::Person => "person",
        EntityClass::Place => "place",
        _ => "organization",
    };
    let slug = name_key(label).replace(' ', "-");
    let slug = if slug.is_empty() { "_unnamed".to_owned() } else { slug };
    format!("{kind}/{}", encode(&slug, 120))
}

/// Percent-encodes everything but RFC 3986 unreserved characters. Longer results are cut
/// at `max` bytes and given a hash of the whole, so distinct inputs stay distinct.
pub fn encode(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.len() > max {
        let digest = Sha256::digest(s.as_bytes());
        let hash: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
        let mut cut = max;
        // Do not cut a %XX escape in half.
        while cut > 0 && out.as_bytes()[cut - 1] == b'%' || (cut > 1 && out.as_bytes()[cut - 2] == b'%') {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('-');
        out.push_str(&hash);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_iris_depend_on_type_and_normalised_name_only() {
        let m = Minter::default();
        let a = m.entity(EntityClass::Country, "U.S.").unwrap();
        let b = m.entity(EntityClass::Place, "u.s.").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "https://w3id.org/newskg/id/place/us");
        assert_ne!(m.entity(EntityClass::Person, "Jordan").unwrap(), m.entity(EntityClass::Place, "Jordan").unwrap());
    }

    #[test]
    fn article_scoped_entities_live_under_their_article() {
        let m = Minter::default();
        let (a, b) = (m.article("a").unwrap(), m.article("b").unwrap());
        let liu_a = m.article_entity(&a, EntityClass::Person, "Liu").unwrap();
        assert_eq!(liu_a.as_str(), "https://w3id.org/newskg/id/article/a/person/liu");
        assert_ne!(liu_a, m.article_entity(&b, EntityClass::Person, "Liu").unwrap());
        assert_ne!(liu_a, m.entity(EntityClass::Person, "Liu").unwrap());
    }

    #[test]
    fn text_is_percent_encoded_in_iris() {
        let m = Minter::default();
        let a = m.article("https://example.com/a b?<x>").unwrap();
        assert_eq!(a.as_str(), "https://w3id.org/newskg/id/article/https%3A%2F%2Fexample.com%2Fa%20b%3F%3Cx%3E");
        assert!(m.entity(EntityClass::Person, "Zoë ﷽ <>\"{}").is_ok());
    }

    #[test]
    fn long_names_are_cut_with_a_hash() {
        let long = "a".repeat(10_000);
        let e = encode(&long, 120);
        assert!(e.len() < 140);
        assert_ne!(e, encode(&format!("{long}b"), 120));
    }
}
