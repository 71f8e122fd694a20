//! Loads RDF files to validate (instead of the store) into a fresh in-memory store.

use std::path::PathBuf;

use oxigraph::io::RdfParser;
use oxigraph::model::NamedNode;

use crate::error::{Error, Result};
use crate::export::format_from_name;
use crate::store::Store;

/// Loads RDF files into a fresh in-memory store, each file's default graph as a named
/// graph `urn:newskg:file:N` (N from 1) so it is validated on its own; named graphs of
/// dataset files keep their names. Returns the store and (graph, file) names.
pub fn load_files(files: &[PathBuf]) -> Result<(Store, Vec<(String, String)>)> {
    let store = Store::in_memory()?;
    let mut names = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let file = path.display().to_string();
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(format_from_name)
            .ok_or_else(|| Error::NotRdf { file: file.clone() })?;
        let bytes = std::fs::read(path).map_err(|e| Error::RdfFile { file: file.clone(), error: e.into() })?;
        let graph = NamedNode::new_unchecked(format!("urn:newskg:file:{}", i + 1));
        let quads = RdfParser::from_format(format)
            .with_default_graph(graph.clone())
            .for_slice(&bytes)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::RdfFile { file: file.clone(), error: e.into() })?;
        store.add_quads(&quads)?;
        names.push((graph.as_str().to_owned(), file));
    }
    Ok((store, names))
}
