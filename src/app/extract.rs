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
use oxigraph::model::{GraphName, Quad};

use super::input::{read_progress, InputConfig};
use super::search::IndexKeeper;
use super::{output, Failures};
use crate::cli::{InputArgs, RdfFormatArg, StoreArgs};
use newskg::article::Article;
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
    /// Sorted quads, for the one serialiser of the formats that share state (prefixes).
    Quads(Vec<Quad>),
}

/// One article's output, made on a worker thread: lines for the line-based formats, else
/// its quads (in the default graph for formats without named graphs).
fn render(
    input: &InputConfig,
    format: RdfFormat,
    article: Result<Article, newskg::Error>,
) -> Result<Rendered, newskg::Error> {
    let (_, mut quads) = input.article_graph(article)?;
    if !format.supports_datasets() {
        // The order stays sorted: every quad of an article is in the article's graph.
        for q in &mut quads {
            q.graph_name = GraphName::DefaultGraph;
        }
    }
    if !is_line_based(format) {
        return Ok(Rendered::Quads(quads));
    }
    let mut lines = Vec::with_capacity(quads.len() * 200);
    for q in &quads {
        newskg::rdf::nquads::write_line(&mut lines, q.as_ref(), format.supports_datasets());
    }
    Ok(Rendered::Lines(lines))
}

fn is_line_based(format: RdfFormat) -> bool {
    matches!(format, RdfFormat::NQuads | RdfFormat::NTriples)
}

/// Where the rendered articles go: line-based formats are written as the workers made
/// them; the others go through one serialiser, which writes the prefixes once.
enum Sink {
    Lines(Box<dyn Write>),
    Serializer(Box<WriterQuadSerializer<Box<dyn Write>>>),
}

impl Sink {
    fn new(format: RdfFormat, out: Box<dyn Write>) -> Result<Self> {
        Ok(if is_line_based(format) {
            Sink::Lines(out)
        } else {
            Sink::Serializer(Box::new(newskg::export::serializer(format)?.for_writer(out)))
        })
    }

    fn write(&mut self, rendered: Rendered) -> Result<()> {
        match (self, rendered) {
            (Sink::Lines(out), Rendered::Lines(lines)) => out.write_all(&lines)?,
            (Sink::Serializer(s), Rendered::Quads(quads)) => {
                for q in &quads {
                    s.serialize_quad(q)?;
                }
            }
            _ => unreachable!("render and Sink::new agree on the line-based formats"),
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        let mut out = match self {
            Sink::Lines(out) => out,
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
}

impl IngestConfig {
    pub(super) fn from_args(input: InputArgs, store: StoreArgs) -> Result<Self> {
        Ok(IngestConfig { input: InputConfig::from_args(input.inputs, input.extraction)?, store: store.store })
    }
}

/// Stores each article's graph (replacing an older one), in batches of whole articles, or
/// one article at a time from standard input (a live feed), and prints a summary line.
pub(super) fn ingest(config: IngestConfig) -> Result<ExitCode> {
    let store = Store::open(&config.store)?;
    let mut index = IndexKeeper::begin(&store)?;
    let (mut ok, mut triples) = (0usize, 0usize);
    let mut failures = Failures::default();
    let progress = read_progress();
    let input = &config.input;
    let mut loader = if input.is_live() { store.loader().with_batch_articles(1) } else { store.loader() };
    input.for_each(
        |article| input.article_graph(article),
        |item| {
            progress.inc();
            let stored = item.and_then(|(graph, quads)| {
                let n = quads.len();
                index.replace_article(&graph, &quads)?;
                loader.replace_graph(graph, quads).inspect_err(|_| index.lose_step())?;
                Ok(n)
            });
            match stored {
                Ok(n) => {
                    ok += 1;
                    triples += n;
                }
                Err(e) => failures.report(&e),
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
    eprintln!(
        "newskg: ingested {ok} article{} ({triples} triples) into {}{}",
        if ok == 1 { "" } else { "s" },
        store.path().display(),
        if failed > 0 { format!("; {failed} failed") } else { String::new() }
    );
    Ok(failures.exit_code())
}
