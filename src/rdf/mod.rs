//! The RDF layer: vocabulary constants, deterministic IRIs, and the mapping from an
//! extraction to quads.
//!
//! Invariant: article text reaches RDF only as literals built by oxrdf (which escapes
//! them) or, inside IRIs, percent-encoded by [`mint`]; nothing is concatenated into
//! serialised RDF by hand.

pub mod map;
pub mod mint;
pub mod vocab;

pub use map::{to_quads, Segments};
pub use mint::Minter;
