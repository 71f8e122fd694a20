//! newskg turns news articles into an RDF knowledge graph.
//!
//! The crate is an index of small modules with one job each (see `ARCHITECTURE.md`):
//! readers turn inputs into [`Article`]s, the text layer cuts them into tokens and
//! sentences with offsets into the untouched text, the extraction stages find entities and
//! facts as standoff spans, the RDF layer maps them to quads under the newskg ontology, and
//! the store and export modules keep and write those quads.
//!
//! Public: what a user of the library needs (readers, `extract`, `rdf::to_quads`, `Store`,
//! export) and what the `newskg` binary, a user of this library like any other, builds its
//! commands on (queries, results, serve, push, validate). Internals that no command needs
//! by name (query rewriting for bindings, date parsing) are crate-private.

pub mod article;
pub(crate) mod bindings;
pub(crate) mod dates;
pub mod error;
pub mod export;
pub mod extract;
pub mod fingerprint;
pub mod jsonld;
pub mod push;
pub mod queries;
pub mod rdf;
pub mod results;
pub mod rules;
pub mod search;
pub mod serve;
pub mod store;
pub mod text;
pub mod validate;

pub use article::{Article, Metadata};
pub use error::{Error, Result};
pub use extract::{extract, Extraction};
pub use rules::Rules;
