//! One function per command: resolves the raw arguments into a configuration once, runs
//! the command, reports per-input errors on stderr and keeps going.
//!
//! Invariant: this is the only place (with `main`) that prints or decides exit codes:
//! 0 everything went well, 1 some inputs failed, 2 usage or fatal error (from `main`).

mod first_rows;
mod ordered;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolutionIter};

use crate::cli::{Cli, Command, InputArgs, PushArgs, ServeArgs, StoreArgs};
use newskg::article::{is_stdin, read_inputs, Article, InputFormat, ReadOptions};
use newskg::export::{format_from_name, write_quads, FORMAT_NAMES};
use newskg::rdf::{to_quads, Minter, Segments};
use newskg::store::Store;
use newskg::{extract, queries, Rules};

/// The allocator: extraction and the RDF mapping allocate many small strings, and
/// glibc's malloc spent about a quarter of the instructions of `extract` (callgrind).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What `extract` and `ingest` need, resolved from the arguments.
struct InputConfig {
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
    fn from_args(a: InputArgs) -> Result<Self> {
        let format = match a.input_format.as_deref() {
            None => None,
            Some("text" | "txt") => Some(InputFormat::Text),
            Some("json") => Some(InputFormat::Json),
            Some("jsonl" | "ndjson") => Some(InputFormat::Jsonl),
            Some("html" | "htm") => Some(InputFormat::Html),
            Some("warc") => Some(InputFormat::Warc),
            Some(other) => bail!("--input-format: unknown format {other:?} (text, json, jsonl, html or warc)"),
        };
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
        let jobs = match a.jobs {
            Some(0) => bail!("--jobs: give at least 1"),
            Some(n) => n,
            // Standard input may be a live feed: a worker pool would wait for more
            // input before handing over what it has.
            None if a.inputs.iter().any(|p| is_stdin(p)) => 1,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Ok(InputConfig {
            inputs: a.inputs,
            read: ReadOptions { max_article_bytes: a.max_article_bytes, format, ..ReadOptions::default() },
            default_date,
            rules,
            minter: Minter::with_base(&a.base)?,
            segments: if a.segments { Segments::All } else { Segments::Cited },
            jobs,
            other_languages: Default::default(),
        })
    }

    /// One article's graph name and quads (sorted), or the error for that input.
    fn article_graph(&self, article: Result<Article, newskg::Error>) -> Result<(NamedNode, Vec<Quad>), newskg::Error> {
        let mut article = article?;
        if article.metadata.date.is_none() {
            article.metadata.date = self.default_date;
        }
        for w in &article.metadata.warnings {
            eprintln!("newskg: warning: {}: {w}", article.input);
        }
        // The rules are for English: other articles keep their metadata and text.
        let extraction = if article.is_english() {
            extract(&article, &self.rules)
        } else {
            let language = article.metadata.language.clone().unwrap_or_default();
            *self.other_languages.lock().expect("not poisoned").entry(language).or_default() += 1;
            newskg::Extraction::default()
        };
        let quads = to_quads(&article, &extraction, &self.minter, self.segments)?;
        Ok((self.minter.article(&article.id)?, quads))
    }

    /// Reads the inputs one at a time, runs `work` on each article (or input error) on
    /// `jobs` threads, and hands the results to `sink` in input order.
    fn for_each<R: Send>(
        &self,
        work: impl Fn(Result<Article, newskg::Error>) -> R + Sync,
        sink: impl FnMut(R) -> Result<()>,
    ) -> Result<()> {
        ordered::for_each_ordered(self.jobs, read_inputs(&self.inputs, self.read.clone()), work, sink)
    }

    /// The readers' summary lines (what web archives held), and one line saying which
    /// articles were stored without extracted facts for their language, if any were.
    fn report_summary(&self) {
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

/// Runs one command.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract { input, format, output } => {
            cmd_extract(InputConfig::from_args(input)?, &format, output.as_deref())
        }
        Command::Ingest { input, store } => cmd_ingest(InputConfig::from_args(input)?, &store),
        Command::Remove { articles, store } => cmd_remove(&articles, &store),
        Command::Stats { store } => cmd_stats(&store),
        Command::Optimize { store } => {
            Store::open(&store.store)?.optimize()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Query { query, expression, format, params, limit, store } => {
            let (sparql, canned) = match (query, expression) {
                (_, Some(e)) => (e, None),
                (Some(q), None) => (query_text(&q)?, queries::find(&q)),
                (None, None) => bail!("give a query name, a .rq file or -e SPARQL"),
            };
            let limit = limit.or(canned.is_some().then_some(CANNED_QUERY_ROWS)).filter(|n| *n > 0);
            let by_article = canned.is_some_and(|c| c.by_article);
            cmd_query(&sparql, format.as_deref(), &params, limit, by_article, &store)
        }
        Command::Update { file, expression, store } => {
            let sparql = match (file, expression) {
                (_, Some(e)) => e,
                (Some(f), None) => std::fs::read_to_string(&f).with_context(|| f.display().to_string())?,
                (None, None) => bail!("give a .ru file or -e SPARQL"),
            };
            Store::open(&store.store)?.update(&sparql)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { store, graph, format, output } => {
            cmd_export(&store, graph.as_deref(), &format, output.as_deref())
        }
        Command::Queries => cmd_queries(),
        Command::Serve(args) => cmd_serve(args),
        Command::Push(args) => cmd_push(args),
        Command::Validate { files, store, shapes, format } => cmd_validate(&files, &store, shapes.as_deref(), &format),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "newskg", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut out = BufWriter::new(io::stdout().lock());
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn rdf_format(name: &str) -> Result<RdfFormat> {
    format_from_name(name).ok_or_else(|| anyhow!("unknown RDF format {name:?} (one of {})", FORMAT_NAMES.join(", ")))
}

/// stdout, or a file created for writing.
fn output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::new(File::create(p).with_context(|| p.display().to_string())?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

fn report(err: &dyn std::fmt::Display) {
    eprintln!("newskg: error: {err}");
}

/// Progress on stderr (an indicatif spinner, only when stderr is a terminal).
struct Progress(crate::progress::Counter);

impl Progress {
    fn new() -> Self {
        Progress(crate::progress::Counter::new("read", "articles", None))
    }
    fn tick(&mut self) {
        self.0.inc();
    }
    fn done(&self) {
        self.0.finish();
    }
}

/// What a worker hands to the writer for one article.
enum Rendered {
    /// N-Quads or N-Triples lines, ready to write.
    Lines(Vec<u8>),
    /// Sorted quads, for the one serialiser of the formats that share state (prefixes).
    Quads(Vec<Quad>),
}

/// Writes each article's quads as soon as it is extracted, article after article in input
/// order, each article's quads sorted: memory stays flat however many articles. Formats
/// without named graphs get each article's triples once (a triple that two articles share,
/// such as an entity's label, is written by both).
fn cmd_extract(config: InputConfig, format: &str, out: Option<&Path>) -> Result<ExitCode> {
    let format = rdf_format(format)?;
    let line_based = matches!(format, RdfFormat::NQuads | RdfFormat::NTriples);
    let w = output(out)?;
    // Line-based formats are written by the workers; the others go through one
    // serialiser, which writes the prefixes once.
    let mut lines_out = None;
    let mut serializer = None;
    if line_based {
        lines_out = Some(w);
    } else {
        serializer = Some(newskg::export::serializer(format)?.for_writer(w));
    }
    let work = |article| -> Result<Rendered, newskg::Error> {
        let (_, mut quads) = config.article_graph(article)?;
        if !format.supports_datasets() {
            // The order stays sorted: every quad of an article is in the article's graph.
            for q in &mut quads {
                q.graph_name = GraphName::DefaultGraph;
            }
        }
        if !line_based {
            return Ok(Rendered::Quads(quads));
        }
        let mut lines = Vec::with_capacity(quads.len() * 200);
        for q in &quads {
            newskg::rdf::nquads::write_line(&mut lines, q.as_ref(), format.supports_datasets());
        }
        Ok(Rendered::Lines(lines))
    };
    let mut failed = 0;
    let mut progress = Progress::new();
    config.for_each(work, |item| {
        progress.tick();
        match item {
            Ok(Rendered::Lines(lines)) => lines_out.as_mut().expect("line-based output").write_all(&lines)?,
            Ok(Rendered::Quads(quads)) => {
                let s = serializer.as_mut().expect("a serialiser");
                for q in &quads {
                    s.serialize_quad(q)?;
                }
            }
            Err(e) => {
                failed += 1;
                report(&e);
            }
        }
        Ok(())
    })?;
    progress.done();
    config.report_summary();
    let mut w = match (lines_out, serializer) {
        (Some(w), _) => w,
        (None, Some(s)) => s.finish()?,
        (None, None) => unreachable!("one of the two is set"),
    };
    w.flush()?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn cmd_ingest(config: InputConfig, store: &StoreArgs) -> Result<ExitCode> {
    let store = Store::open(&store.store)?;
    let (mut ok, mut failed, mut triples) = (0usize, 0usize, 0usize);
    let mut progress = Progress::new();
    // Standard input may be a live feed: each article is stored as it arrives.
    let live = config.inputs.iter().any(|p| is_stdin(p));
    let mut loader = if live { store.loader().with_batch_articles(1) } else { store.loader() };
    config.for_each(
        |article| config.article_graph(article),
        |item| {
            progress.tick();
            let result = item.and_then(|(graph, quads)| {
                let n = quads.len();
                loader.replace_graph(graph, quads)?;
                Ok(n)
            });
            match result {
                Ok(n) => {
                    ok += 1;
                    triples += n;
                }
                Err(e) => {
                    failed += 1;
                    report(&e);
                }
            }
            Ok(())
        },
    )?;
    loader.finish()?;
    progress.done();
    store.flush()?;
    config.report_summary();
    eprintln!(
        "newskg: ingested {ok} article{} ({triples} triples) into {}{}",
        if ok == 1 { "" } else { "s" },
        store.path().display(),
        if failed > 0 { format!("; {failed} failed") } else { String::new() }
    );
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// An article graph named by IRI or by article id.
fn resolve_graph(store: &Store, minter: &Minter, what: &str) -> Result<Option<NamedNode>> {
    if let Ok(iri) = NamedNode::new(what) {
        if store.has_graph(iri.as_ref())? {
            return Ok(Some(iri));
        }
    }
    if let Some(g) = store.graph_of_id(what)? {
        return Ok(Some(g));
    }
    let minted = minter.article(what)?;
    Ok(store.has_graph(minted.as_ref())?.then_some(minted))
}

fn cmd_remove(articles: &[String], store: &StoreArgs) -> Result<ExitCode> {
    let store = Store::open(&store.store)?;
    let minter = Minter::default();
    let mut failed = 0;
    for a in articles {
        match resolve_graph(&store, &minter, a)? {
            Some(g) => {
                store.remove_graph(&g)?;
                eprintln!("newskg: removed {g}");
            }
            None => {
                failed += 1;
                report(&format!("{a}: no such article in {}", store.path().display()));
            }
        }
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn cmd_stats(store: &StoreArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&store.store)?;
    let s = store.stats()?;
    let mut out = io::stdout().lock();
    writeln!(out, "articles\t{}", s.articles)?;
    writeln!(out, "triples\t{}", s.triples)?;
    for (t, n) in &s.entities_by_type {
        let name = t.rsplit('#').next().unwrap_or(t);
        writeln!(out, "{}\t{n}", name.to_lowercase())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The rows a ready-made query prints unless `--limit` says otherwise: a store of
/// 100,000 articles gives hundreds of thousands of rows for some of them.
const CANNED_QUERY_ROWS: usize = 1000;

/// The SPARQL of a ready-made query name, a file, or `-` (stdin).
fn query_text(q: &str) -> Result<String> {
    if let Some(c) = queries::find(q) {
        return Ok(c.sparql.to_owned());
    }
    if q == "-" {
        let mut s = String::new();
        io::stdin().read_to_string(&mut s)?;
        return Ok(s);
    }
    let path = Path::new(q);
    if path.is_file() {
        return std::fs::read_to_string(path).with_context(|| q.to_owned());
    }
    bail!("{q}: neither a ready-made query (see `newskg queries`) nor a file")
}

fn parse_param(p: &str) -> Result<(Variable, Term)> {
    let (k, v) = p.split_once('=').ok_or_else(|| anyhow!("--param {p:?}: expected KEY=VALUE"))?;
    let var = Variable::new(k.trim_start_matches(['?', '$'])).map_err(|e| anyhow!("--param {p:?}: {e}"))?;
    let value: Term = match v.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => NamedNode::new(iri).map_err(|e| anyhow!("--param {p:?}: {e}"))?.into(),
        None => Literal::new_simple_literal(v).into(),
    };
    Ok((var, value))
}

/// Runs a query and prints its results; a SELECT query prints at most `limit` rows.
fn cmd_query(
    sparql: &str,
    format: Option<&str>,
    params: &[String],
    limit: Option<usize>,
    by_article: bool,
    store: &StoreArgs,
) -> Result<ExitCode> {
    let bindings = params.iter().map(|p| parse_param(p)).collect::<Result<Vec<_>>>()?;
    let store = Store::open_read_only(&store.store)?;
    let first_rows = match limit {
        Some(n) if by_article => first_rows::of_article_ordered_query(&store, sparql, &bindings, n)?,
        _ => None,
    };
    // One row more than printed tells whether rows were left out.
    let results = match first_rows {
        Some((variables, rows)) => {
            QueryResults::Solutions(QuerySolutionIter::new(variables.into(), rows.into_iter().map(Ok)))
        }
        None => store.query_limited(sparql, &bindings, limit.map(|n| n.saturating_add(1)), None)?,
    };
    let results = match (results, limit) {
        (QueryResults::Solutions(rows), Some(n)) => {
            let variables = rows.variables().to_vec();
            let mut kept = Vec::new();
            let mut more = false;
            for row in rows {
                let row = row.map_err(|e| anyhow!("{e}"))?;
                if kept.len() == n {
                    more = true;
                    break;
                }
                kept.push(row);
            }
            if more {
                eprintln!("newskg: showing the first {n} rows; more match (--limit N for more, --limit 0 for all)");
            }
            QueryResults::Solutions(QuerySolutionIter::new(variables.into(), kept.into_iter().map(Ok)))
        }
        (results, _) => results,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let table = match format {
        Some("table") => true,
        Some(_) => false,
        None => io::stdout().is_terminal(),
    };
    match results {
        QueryResults::Graph(triples) => {
            let format = rdf_format(format.filter(|f| *f != "table").unwrap_or("turtle"))?;
            let quads = triples
                .map(|t| t.map(|t| t.in_graph(oxigraph::model::GraphName::DefaultGraph)))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| anyhow!("{e}"))?;
            write_quads(&quads, format, &mut out)?;
        }
        QueryResults::Boolean(b) if table => writeln!(out, "{b}")?,
        QueryResults::Solutions(rows) if table => {
            let vars: Vec<String> = rows.variables().iter().map(|v| v.as_str().to_owned()).collect();
            let mut cells: Vec<Vec<String>> = Vec::new();
            for row in rows {
                let row = row.map_err(|e| anyhow!("{e}"))?;
                cells.push(vars.iter().map(|v| row.get(v.as_str()).map(display_term).unwrap_or_default()).collect());
            }
            write_table(&mut out, &vars, &cells)?;
        }
        results => {
            let format = match format.unwrap_or("tsv") {
                "csv" => QueryResultsFormat::Csv,
                "tsv" => QueryResultsFormat::Tsv,
                "json" => QueryResultsFormat::Json,
                "xml" => QueryResultsFormat::Xml,
                other => bail!("unknown result format {other:?} (table, csv, tsv, json or xml)"),
            };
            match results {
                QueryResults::Boolean(b) => {
                    QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(&mut out, b)?;
                }
                QueryResults::Solutions(rows) => {
                    let mut w = QueryResultsSerializer::from_format(format)
                        .serialize_solutions_to_writer(&mut out, rows.variables().to_vec())?;
                    for row in rows {
                        let row = row.map_err(|e| anyhow!("{e}"))?;
                        w.serialize(&row)?;
                    }
                    w.finish()?;
                }
                QueryResults::Graph(_) => unreachable!("handled above"),
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A term as a person reads it: IRIs bare, literals without quotes or datatypes.
fn display_term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::BlankNode(b) => b.to_string(),
        Term::Literal(l) => l.value().replace('\n', " "),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

fn write_table(out: &mut impl Write, vars: &[String], rows: &[Vec<String>]) -> Result<()> {
    const MAX: usize = 60;
    let clip = |s: &str| -> String {
        if s.chars().count() > MAX {
            s.chars().take(MAX - 1).chain(std::iter::once('…')).collect()
        } else {
            s.to_owned()
        }
    };
    let widths: Vec<usize> = (0..vars.len())
        .map(|i| rows.iter().map(|r| clip(&r[i]).chars().count()).chain([vars[i].len()]).max().unwrap_or(0))
        .collect();
    let line = |out: &mut dyn Write, cells: Vec<String>| -> io::Result<()> {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:w$}")).collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(out, vars.to_vec())?;
    line(out, widths.iter().map(|w| "-".repeat(*w)).collect())?;
    for r in rows {
        line(out, r.iter().map(|c| clip(c)).collect())?;
    }
    writeln!(out, "({} row{})", rows.len(), if rows.len() == 1 { "" } else { "s" })?;
    Ok(())
}

fn cmd_export(store: &StoreArgs, graph: Option<&str>, format: &str, out: Option<&Path>) -> Result<ExitCode> {
    let format = rdf_format(format)?;
    let store = Store::open_read_only(&store.store)?;
    let graph = match graph {
        Some(g) => {
            Some(resolve_graph(&store, &Minter::default(), g)?.ok_or_else(|| anyhow!("{g}: no such article graph"))?)
        }
        None => None,
    };
    let quads = store.quads(graph.as_ref())?;
    let mut w = output(out)?;
    write_quads(&quads, format, &mut w)?;
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn cmd_queries() -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    for q in queries::all() {
        writeln!(out, "{}\n    {}", q.name, q.description)?;
        for p in &q.params {
            writeln!(out, "    --param {}=...  {}", p.name, p.description)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_serve(args: ServeArgs) -> Result<ExitCode> {
    if args.timeout == 0 {
        bail!("--timeout must be at least 1 second");
    }
    let store = if args.writable { Store::open(&args.store.store)? } else { Store::open_read_only(&args.store.store)? };
    let options = newskg::serve::Options {
        bind: args.bind,
        writable: args.writable,
        cors: args.cors,
        max_body_bytes: args.max_body_bytes,
        query_timeout: std::time::Duration::from_secs(args.timeout),
        max_connections: args.max_connections.max(1),
    };
    if !args.bind.ip().is_loopback() {
        eprintln!(
            "newskg: warning: {} is not a loopback address: anyone who can reach it can {} the store",
            args.bind.ip(),
            if args.writable { "read and change" } else { "read" }
        );
    }
    let service = newskg::serve::Service::new(store, options);
    newskg::serve::run(service, |addr| {
        eprintln!("newskg: listening on {addr}");
    })?;
    Ok(ExitCode::SUCCESS)
}

fn cmd_push(args: PushArgs) -> Result<ExitCode> {
    use newskg::push::{Options, Protocol, Pusher};
    let credentials = match (std::env::var("NEWSKG_PUSH_USER"), std::env::var("NEWSKG_PUSH_PASSWORD")) {
        (Ok(user), Ok(password)) => Some((user, password)),
        (Ok(_), Err(_)) => bail!("NEWSKG_PUSH_USER is set but NEWSKG_PUSH_PASSWORD is not"),
        _ => None,
    };
    let protocol = if args.protocol == "update" { Protocol::Update } else { Protocol::Gsp };
    let batch = if protocol == Protocol::Update { args.batch.max(1) } else { 1 };
    let pusher = Pusher::new(Options {
        url: args.to.clone(),
        protocol,
        retries: args.retries,
        backoff: std::time::Duration::from_millis(args.backoff_ms),
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        credentials,
    })?;
    let mut push =
        PushRun { pusher, to: args.to.clone(), batch, buf: Vec::new(), sent: 0, triples: 0, failed: 0, progress: None };
    // The graphs to send, one at a time: from the store, or extracted from the inputs.
    if args.inputs.is_empty() {
        let store = Store::open_read_only(&args.store)?;
        let names = store.graph_names()?;
        push.progress = Some(crate::progress::Counter::new("pushed", "graphs", Some(names.len() as u64)));
        for g in names {
            let quads = store.quads(Some(&g));
            push.add(quads.map(|q| (g, q)))?;
        }
    } else {
        let config = InputConfig::from_args(InputArgs {
            inputs: args.inputs.clone(),
            input_format: None,
            date: args.date.clone(),
            max_article_bytes: newskg::article::DEFAULT_MAX_ARTICLE_BYTES,
            rules: None,
            base: args.base.clone(),
            segments: args.segments,
            jobs: None,
        })?;
        push.progress = Some(crate::progress::Counter::new("pushed", "graphs", None));
        config.for_each(|article| config.article_graph(article), |item| push.add(item))?;
    }
    push.flush()?;
    if let Some(p) = &push.progress {
        p.finish();
    }
    let (sent, triples, failed) = (push.sent, push.triples, push.failed);
    eprintln!(
        "newskg: pushed {sent} graph{} ({triples} triples) to {} in {} request{}{}",
        if sent == 1 { "" } else { "s" },
        args.to,
        push.pusher.requests,
        if push.pusher.requests == 1 { "" } else { "s" },
        if failed > 0 {
            format!("; {failed} input{} failed", if failed == 1 { "" } else { "s" })
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A push in progress: graphs are batched, sent, and counted.
struct PushRun {
    pusher: newskg::push::Pusher,
    to: String,
    batch: usize,
    buf: Vec<(NamedNode, Vec<Quad>)>,
    sent: usize,
    triples: usize,
    failed: usize,
    progress: Option<crate::progress::Counter>,
}

impl PushRun {
    /// Queues a graph (sending the batch when full), or reports the input that failed.
    fn add(&mut self, item: Result<(NamedNode, Vec<Quad>), newskg::Error>) -> Result<()> {
        match item {
            Ok(g) => {
                self.buf.push(g);
                if self.buf.len() >= self.batch {
                    self.flush()?;
                }
            }
            Err(e) => {
                self.failed += 1;
                report(&e);
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.pusher.push(&self.buf).with_context(|| format!("push to {}", self.to))?;
        self.sent += self.buf.len();
        self.triples += self.buf.iter().map(|(_, q)| q.len()).sum::<usize>();
        if let Some(p) = &self.progress {
            p.set(self.sent as u64);
        }
        self.buf.clear();
        Ok(())
    }
}

fn cmd_validate(files: &[PathBuf], store: &StoreArgs, shapes: Option<&Path>, format: &str) -> Result<ExitCode> {
    use newskg::validate::{load_files, validate, Shapes};
    let shapes = match shapes {
        Some(p) => Shapes::parse(
            &std::fs::read_to_string(p).with_context(|| p.display().to_string())?,
            &p.display().to_string(),
        )?,
        None => Shapes::builtin()?,
    };
    let (store, names) =
        if files.is_empty() { (Store::open_read_only(&store.store)?, Vec::new()) } else { load_files(files)? };
    let report = validate(&store, &shapes)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if format == "turtle" {
        report.write_turtle(&mut out)?;
    } else {
        let name = |g: &str| -> String {
            names.iter().find(|(iri, _)| iri == g).map(|(_, f)| f.clone()).unwrap_or_else(|| format!("<{g}>"))
        };
        report.write_text(&mut out, &name)?;
    }
    out.flush()?;
    Ok(if report.conforms() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
