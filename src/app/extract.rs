//! `extract` (articles to RDF on stdout or a file) and `ingest` (articles into the store).
//!
//! **Invariant:** articles come out in input order, each article's quads sorted, whatever
//! the number of threads; memory stays flat however many articles (each is written or
//! stored as soon as it is extracted, or gathered in a batch of the store's loader).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use oxigraph::io::{RdfFormat, WriterQuadSerializer};

use super::incremental::{Incremental, Tally};
use super::input::{read_progress, InputConfig};
use super::search::IndexKeeper;
use super::{output, Failures};
use crate::cli::{InputArgs, RdfFormatArg, StoreArgs};
use newskg::article::Article;
use newskg::jsonld::GraphsWriter;
use newskg::rdf::ArticleGraph;
use newskg::store::Store;

/// What `extract` needs, resolved from the arguments.
pub(super) struct ExtractConfig {
    input: InputConfig,
    format: RdfFormat,
    output: Option<PathBuf>,
}

impl ExtractConfig {
    pub(super) fn from_args(input: InputArgs, format: RdfFormatArg, output: Option<PathBuf>) -> Result<Self> {
        Ok(ExtractConfig {
            input: InputConfig::from_args(input.inputs, input.extraction)?,
            format: format.into(),
            output,
        })
    }
}

/// Writes each article's quads as soon as it is extracted, article after article in input
/// order, each article's quads sorted. Formats without named graphs get each article's
/// triples once (a triple that two articles share, such as an entity's label, is written
/// by both).
pub(super) fn extract(config: ExtractConfig) -> Result<ExitCode> {
    let format = config.format;
    let mut sink = Sink::new(format, output(config.output.as_deref())?)?;
    let mut failures = Failures::default();
    let progress = read_progress();
    let input = &config.input;
    input.for_each(
        |article| render(input, format, article),
        |rendered| {
            progress.inc();
            match rendered {
                Ok(rendered) => sink.write(rendered)?,
                Err(e) => failures.report(&e),
            }
            Ok(())
        },
    )?;
    progress.finish();
    input.report_summary();
    sink.finish()?;
    Ok(failures.exit_code())
}

/// What a worker hands to the writer for one article.
enum Rendered {
    /// N-Quads or N-Triples lines, ready to write.
    Lines(Vec<u8>),
    /// A large article's sorted quads, held compactly: the writer writes them out a few
    /// kilobytes at a time, so their lines (over 300 bytes a quad) are never all in memory.
    Graph(ArticleGraph),
}

/// Up to this many quads, a worker writes an article's lines itself (so the writer thread
/// only copies bytes); a larger article is handed over compactly (see [`Rendered::Graph`]).
const LINES_ON_WORKER_MAX_QUADS: usize = 10_000;

/// One article's output, made on a worker thread: lines for the line-based formats (unless
/// the article is large), else its quads (in the default graph for formats without named
/// graphs).
fn render(
    input: &InputConfig,
    format: RdfFormat,
    article: Result<Article, newskg::Error>,
) -> Result<Rendered, newskg::Error> {
    let (_, mut graph) = input.compact_graph_of(&input.prepare(article)?)?;
    if !format.supports_datasets() {
        graph = graph.into_default_graph();
    }
    if !is_line_based(format) || graph.len() > LINES_ON_WORKER_MAX_QUADS {
        return Ok(Rendered::Graph(graph));
    }
    let mut lines = Vec::with_capacity(graph.len() * 200);
    graph.write_lines(&mut lines, format.supports_datasets()).expect("writing into a Vec cannot fail");
    Ok(Rendered::Lines(lines))
}

fn is_line_based(format: RdfFormat) -> bool {
    matches!(format, RdfFormat::NQuads | RdfFormat::NTriples)
}

/// Where the rendered articles go: line-based formats are written as the workers made
/// them; JSON-LD is one document compacted with the published context, written an
/// article's graph at a time (as `export` writes it); the others go through one
/// serialiser, which writes the prefixes once.
enum Sink {
    Lines(Box<dyn Write>),
    JsonLd(GraphsWriter<Box<dyn Write>>),
    Serializer(Box<WriterQuadSerializer<Box<dyn Write>>>),
}

impl Sink {
    fn new(format: RdfFormat, out: Box<dyn Write>) -> Result<Self> {
        Ok(if is_line_based(format) {
            Sink::Lines(out)
        } else if matches!(format, RdfFormat::JsonLd { .. }) {
            Sink::JsonLd(GraphsWriter::new(out))
        } else {
            Sink::Serializer(Box::new(newskg::export::serializer(format)?.for_writer(out)))
        })
    }

    fn write(&mut self, rendered: Rendered) -> Result<()> {
        match (self, rendered) {
            (Sink::Lines(out), Rendered::Lines(lines)) => out.write_all(&lines)?,
            (Sink::Lines(out), Rendered::Graph(graph)) => {
                let with_graph = !graph.graph_name().is_default_graph();
                graph.write_lines(out, with_graph)?
            }
            (Sink::JsonLd(w), Rendered::Graph(graph)) => w.write_graph(&graph)?,
            (Sink::Serializer(s), Rendered::Graph(graph)) => {
                for q in graph.quads() {
                    s.serialize_quad(q)?;
                }
            }
            (Sink::Serializer(_) | Sink::JsonLd(_), Rendered::Lines(_)) => {
                unreachable!("render and Sink::new agree on the line-based formats")
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        let mut out = match self {
            Sink::Lines(out) => out,
            Sink::JsonLd(w) => w.finish()?,
            Sink::Serializer(s) => s.finish()?,
        };
        out.flush()?;
        Ok(())
    }
}

/// What `ingest` needs, resolved from the arguments.
pub(super) struct IngestConfig {
    input: InputConfig,
    store: PathBuf,
    /// Re-extract and replace every article, even those stored unchanged.
    force: bool,
}

impl IngestConfig {
    pub(super) fn from_args(input: InputArgs, store: StoreArgs, force: bool) -> Result<Self> {
        Ok(IngestConfig { input: InputConfig::from_args(input.inputs, input.extraction)?, store: store.store, force })
    }
}

/// Stores each article's graph (replacing an older one) unless the store holds it
/// unchanged (see `incremental.rs`), in batches of whole articles, or one article at a
/// time from standard input (a live feed), and prints a summary line.
pub(super) fn ingest(config: IngestConfig) -> Result<ExitCode> {
    let store = Store::open(&config.store)?;
    let mut index = IndexKeeper::begin(&store)?;
    let mut tally = Tally::default();
    let mut failures = Failures::default();
    let progress = read_progress();
    let input = &config.input;
    let incremental = Incremental::new(input, &store, config.force);
    let mut loader = if input.is_live() { store.loader().with_batch_articles(1) } else { store.loader() };
    input.for_each(
        |article| incremental.examine(article),
        |verdict| {
            progress.inc();
            if let Err(e) = verdict.and_then(|v| tally.store(&incremental, v, &mut loader, &mut index)) {
                failures.report(&e);
            }
            Ok(())
        },
    )?;
    loader.finish()?;
    progress.finish();
    store.flush()?;
    index.commit()?;
    input.report_summary();
    let failed = failures.count();
    let ok = tally.new + tally.changed + tally.unchanged;
    eprintln!(
        "newskg: ingested {ok} article{} ({} triples) into {}: {}{}",
        if ok == 1 { "" } else { "s" },
        tally.triples,
        store.path().display(),
        tally.summary(),
        if failed > 0 { format!("; {failed} failed") } else { String::new() }
    );
    Ok(failures.exit_code())
}
