//! The inputs of `extract`, `ingest` and `push`: the reading and extraction arguments
//! resolved once into an [`InputConfig`], and the per-article work (read, extract, map to
//! quads) run on `--jobs` threads with the results handed back in input order.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use oxigraph::model::{NamedNode, Quad};

use super::ordered;
use crate::cli::{ExtractionArgs, InputFormatArg};
use crate::progress::Counter;
use newskg::article::{is_stdin, read_inputs, Article, InputFormat, ReadOptions};
use newskg::fingerprint::Fingerprinter;
use newskg::rdf::{to_graph, ArticleGraph, Minter, Segments};
use newskg::{extract, Rules};

/// What the commands that read articles need, resolved from the arguments.
pub(super) struct InputConfig {
    inputs: Vec<PathBuf>,
    read: ReadOptions,
    default_date: Option<NaiveDate>,
    rules: Rules,
    minter: Minter,
    /// Which paragraphs and sentences become span nodes.
    segments: Segments,
    /// Extraction threads.
    jobs: usize,
    /// Articles stored without extracted facts, by language (not English).
    other_languages: std::sync::Mutex<std::collections::BTreeMap<String, usize>>,
}

impl InputConfig {
    pub(super) fn from_args(inputs: Vec<PathBuf>, a: ExtractionArgs) -> Result<Self> {
        let default_date = a
            .date
            .as_deref()
            .map(|d| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .with_context(|| format!("--date: {d:?} is not a YYYY-MM-DD date"))
            })
            .transpose()?;
        let rules = match &a.rules {
            Some(dir) => Rules::builtin_with_dir(dir)?,
            None => Rules::builtin()?,
        };
        let live = inputs.iter().any(|p| is_stdin(p));
        let jobs = match a.jobs {
            Some(0) => bail!("--jobs: give at least 1"),
            Some(n) => n,
            // Standard input may be a live feed: a worker pool would wait for more
            // input before handing over what it has.
            None if live => 1,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Ok(InputConfig {
            inputs,
            read: ReadOptions {
                max_article_bytes: a.max_article_bytes,
                format: a.input_format.map(Into::into),
                ..ReadOptions::default()
            },
            default_date,
            rules,
            minter: Minter::with_base(&a.base)?,
            segments: if a.segments { Segments::All } else { Segments::Cited },
            jobs,
            other_languages: Default::default(),
        })
    }

    /// Whether an input is standard input, which may be a live feed (each article is then
    /// handled as soon as it arrives).
    pub(super) fn is_live(&self) -> bool {
        self.inputs.iter().any(|p| is_stdin(p))
    }

    /// An article as extraction sees it (the `--date` default applied), its reading
    /// warnings printed; or the error for that input.
    pub(super) fn prepare(&self, article: Result<Article, newskg::Error>) -> Result<Article, newskg::Error> {
        let mut article = article?;
        if article.metadata.date.is_none() {
            article.metadata.date = self.default_date;
        }
        for w in &article.metadata.warnings {
            eprintln!("newskg: warning: {}: {w}", article.input);
        }
        Ok(article)
    }

    /// The name of an article's graph.
    pub(super) fn graph_name(&self, article: &Article) -> Result<NamedNode, newskg::Error> {
        self.minter.article(&article.id)
    }

    /// The fingerprinter of this extractor (rules and settings), for incremental ingest.
    pub(super) fn fingerprinter(&self) -> Fingerprinter {
        Fingerprinter::new(&self.rules, &self.minter, self.segments)
    }

    /// A prepared article's graph name and quads (sorted).
    pub(super) fn graph_of(&self, article: &Article) -> Result<(NamedNode, Vec<Quad>), newskg::Error> {
        self.compact_graph_of(article).map(|(name, graph)| (name, graph.into_quads()))
    }

    /// A prepared article's graph name and quads held compactly (sorted). The extraction is
    /// dropped before its quads are sorted.
    pub(super) fn compact_graph_of(&self, article: &Article) -> Result<(NamedNode, ArticleGraph), newskg::Error> {
        // The rules are for English: other articles keep their metadata and text.
        let extraction = if article.is_english() {
            extract(article, &self.rules)
        } else {
            let language = article.language().unwrap_or_default().to_owned();
            *self.other_languages.lock().expect("not poisoned").entry(language).or_default() += 1;
            newskg::Extraction::default()
        };
        let graph = to_graph(article, &extraction, &self.minter, self.segments)?;
        Ok((self.graph_name(article)?, graph))
    }

    /// Reads the inputs one at a time, runs `work` on each article (or input error) on
    /// `jobs` threads, and hands the results to `sink` in input order.
    pub(super) fn for_each<R: Send>(
        &self,
        work: impl Fn(Result<Article, newskg::Error>) -> R + Sync,
        sink: impl FnMut(R) -> Result<()>,
    ) -> Result<()> {
        ordered::for_each_ordered(self.jobs, read_inputs(&self.inputs, self.read.clone()), work, sink)
    }

    /// The readers' summary lines (what web archives held), and one line saying which
    /// articles were stored without extracted facts for their language, if any were.
    pub(super) fn report_summary(&self) {
        for line in self.read.summary.take() {
            eprintln!("newskg: {line}");
        }
        let counts = self.other_languages.lock().expect("not poisoned");
        let total: usize = counts.values().sum();
        if total > 0 {
            let each: Vec<String> = counts.iter().map(|(l, n)| format!("{l} {n}")).collect();
            eprintln!(
                "newskg: {total} article{} not in English ({}): text and metadata only, no extracted facts",
                if total == 1 { "" } else { "s" },
                each.join(", ")
            );
        }
    }
}

/// Progress of the articles read (an indicatif spinner, only when stderr is a terminal).
pub(super) fn read_progress() -> Counter {
    Counter::new("read", "articles", None)
}

impl From<InputFormatArg> for InputFormat {
    fn from(format: InputFormatArg) -> InputFormat {
        match format {
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Json => InputFormat::Json,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Warc => InputFormat::Warc,
        }
    }
}
