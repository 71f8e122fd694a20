//! The RDF layer: vocabulary constants, deterministic IRIs, the mapping from an
//! extraction to quads, and N-Quads lines (written fast, and the order quads are sorted by).
//!
//! Invariant: article text reaches RDF only as literals built by oxrdf (which escapes
//! them) or, inside IRIs, percent-encoded by [`mint`]; the one hand-written serialiser,
//! [`nquads::write_line`], is checked byte for byte against oxrdf's on arbitrary terms.

pub mod map;
pub mod mint;
pub mod nquads;
pub mod vocab;

pub use map::{to_quads, Segments};
pub use mint::Minter;
