//! The RDF layer: vocabulary constants, deterministic IRIs, the mapping from an
//! extraction to quads (held compactly per article, `graph`), and N-Quads lines (written
//! fast, and the order quads are sorted by).
//!
//! Invariant: article text reaches RDF only as literals built by oxrdf (which escapes
//! them) or, inside IRIs, percent-encoded by [`mint`]; the one hand-written serialiser,
//! [`nquads::write_line`], is checked byte for byte against oxrdf's on arbitrary terms.

pub mod graph;
pub mod map;
pub mod mint;
pub mod nquads;
pub mod vocab;

pub use graph::ArticleGraph;
pub use map::{to_graph, to_quads, Segments};
pub use mint::Minter;
