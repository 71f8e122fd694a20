//! newskg turns news articles into an RDF knowledge graph.
//!
//! The crate is an index of small modules with one job each (see `ARCHITECTURE.md`):
//! readers turn inputs into [`Article`]s, the text layer cuts them into tokens and
//! sentences with offsets into the untouched text, the extraction stages find entities and
//! facts as standoff spans, the RDF layer maps them to quads under the newskg ontology, and
//! the store and export modules keep and write those quads.

pub mod article;
pub mod bindings;
pub mod dates;
pub mod error;
pub mod export;
pub mod extract;
pub mod jsonld;
pub mod push;
pub mod queries;
pub mod rdf;
pub mod results;
pub mod rules;
pub mod serve;
pub mod store;
pub mod text;
pub mod validate;

pub use article::{Article, Metadata};
pub use error::{Error, Result};
pub use extract::{extract, Extraction};
pub use rules::Rules;
