//! `query` (SPARQL over the store, printed as a table, W3C results or RDF), `update` and
//! `queries` (the list of ready-made queries).
//!
//! A query runs in four steps: the arguments are resolved ([`QueryConfig`]: the SPARQL
//! text, the bindings, the row limit, the format asked for), the results are computed
//! (the first rows of a ready-made query in article order by `first_rows`, else the whole
//! query), cut to the limit, and written by the library's one results writer.

use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use clap::ValueEnum;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::{QueryResults, QuerySolutionIter};

use super::first_rows;
use super::timing::Phases;
use crate::cli::{QueryArgs, QueryFormat, RdfFormatArg};
use newskg::queries::{self, WordFilter};
use newskg::results::{write_results, ResultsFormat};
use newskg::search::{self, Kind, SearchIndex, WordMatches};
use newskg::store::{QueryOptions, Store};

/// The rows a ready-made query prints unless `--limit` says otherwise: a store of
/// 100,000 articles gives hundreds of thousands of rows for some of them.
const CANNED_QUERY_ROWS: usize = 1000;

/// What `query` needs, resolved from the arguments.
pub(super) struct QueryConfig {
    sparql: String,
    bindings: Vec<(Variable, Term)>,
    /// The most rows printed (`None`: all).
    limit: Option<usize>,
    /// A ready-made query whose rows come in article order (`# order: article`).
    by_article: bool,
    /// The format asked for; `None` chooses by the kind of results and the terminal.
    format: Option<QueryFormat>,
    /// The parameters matched by words through the word index.
    word_filters: Vec<WordFilter>,
    /// The word filters given, matched through the word index (`None`: none given, or no
    /// index, so the query's own text filter runs).
    matched: Option<Vec<WordMatches>>,
    store: PathBuf,
}

impl QueryConfig {
    pub(super) fn from_args(args: QueryArgs) -> Result<Self> {
        let (sparql, canned) = match (args.query, args.expression) {
            (_, Some(e)) => (e, None),
            (Some(q), None) => (query_text(&q)?, queries::find(&q)),
            (None, None) => bail!("give a query name, a .rq file or -e SPARQL"),
        };
        Ok(QueryConfig {
            sparql,
            bindings: args.params.iter().map(|p| parse_param(p)).collect::<Result<_>>()?,
            limit: args.limit.or(canned.is_some().then_some(CANNED_QUERY_ROWS)).filter(|n| *n > 0),
            by_article: canned.as_ref().is_some_and(|c| c.by_article),
            format: args.format,
            word_filters: canned.as_ref().map(|c| c.word_filters.clone()).unwrap_or_default(),
            matched: None,
            store: args.store.store,
        })
    }
}

/// Runs a query and prints its results; a SELECT query prints at most `limit` rows.
pub(super) fn query(mut config: QueryConfig) -> Result<ExitCode> {
    let mut phases = Phases::from_env();
    let store = Store::open_read_only(&config.store)?;
    phases.end("open store");
    apply_word_filters(&store, &mut config, &mut phases)?;
    let mut results = compute(&store, &config)?;
    if let Some(n) = config.limit {
        results = first_rows(results, n)?;
    }
    phases.end("evaluate");
    let format = results_format(config.format, &results)?;
    let mut out = BufWriter::new(io::stdout().lock());
    write_results(results, format, &mut out)?;
    out.flush()?;
    phases.end("write");
    Ok(ExitCode::SUCCESS)
}

/// Matches the given word-filter parameters through the word index: the query is limited
/// to the (article, node) pairs whose names hold the words, and the parameter is left
/// unbound. Without an index the query's own (slow) filter runs, with a note.
fn apply_word_filters(store: &Store, config: &mut QueryConfig, phases: &mut Phases) -> Result<()> {
    let value_of = |config: &QueryConfig, param: &str| {
        config.bindings.iter().find(|(v, _)| v.as_str() == param).map(|(_, t)| match t {
            Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        })
    };
    let given: Vec<(WordFilter, String)> =
        config.word_filters.iter().filter_map(|w| Some((w.clone(), value_of(config, &w.param)?))).collect();
    if given.is_empty() {
        return Ok(());
    }
    let Some(index) = SearchIndex::open(store.path())? else {
        eprintln!(
            "newskg: note: this store has no word index, so the name filter scans every name \
             (slow) and matches text rather than words; `newskg reindex` builds the index"
        );
        return Ok(());
    };
    if let Some(warning) = index.freshness().warning() {
        eprintln!("newskg: warning: {warning}");
    }
    phases.end("open word index");
    let mut matched = Vec::new();
    let parsed = parse(&config.sparql).ok();
    for (filter, value) in given {
        let words =
            search::Query::new(&value, Some(Kind::Name), 0).with_context(|| format!("--param {}", filter.param))?;
        let variables: Vec<Variable> = filter.variables.iter().map(|v| Variable::new_unchecked(v.as_str())).collect();
        // Only the names with the roles the query needs of them (a speaker, a holder...).
        let roles = parsed.as_ref().map(|q| search::required_roles(q, &variables)).unwrap_or_default();
        let matches = index.names_matching(store, &words, &roles)?;
        phases.end(&format!("find names ({} pairs)", matches.pairs.len()));
        matched.push(WordMatches { matches, variables });
        config.bindings.retain(|(v, _)| v.as_str() != filter.param);
    }
    config.matched = Some(matched);
    Ok(())
}

/// The query's results: with a limit, one row more than printed (which tells whether rows
/// were left out), found article by article for a ready-made query in article order.
fn compute(store: &Store, config: &QueryConfig) -> Result<QueryResults<'static>> {
    let options = QueryOptions {
        bindings: config.bindings.clone(),
        max_rows: config.limit.map(|n| n.saturating_add(1)),
        ..QueryOptions::default()
    };
    let first = match (&config.matched, config.limit) {
        // Word filters: the matched articles newest first, a batch at a time.
        (Some(matched), Some(n)) if config.by_article => {
            search::first_rows_by_article(store, &parse(&config.sparql)?, matched, n, &options)?
        }
        (None, Some(n)) if config.by_article => {
            first_rows::of_article_ordered_query(store, &config.sparql, &config.bindings, n)?
        }
        _ => None,
    };
    Ok(match first {
        Some((variables, rows)) => {
            QueryResults::Solutions(QuerySolutionIter::new(variables.into(), rows.into_iter().map(Ok)))
        }
        // The restricted query starts from the few matching nodes: run it whole.
        None => match &config.matched {
            Some(matched) => store.query_parsed(search::restrict_all(parse(&config.sparql)?, matched)?, &options)?,
            None => store.query(&config.sparql, &options)?,
        },
    })
}

/// The algebra of a query.
fn parse(sparql: &str) -> Result<spargebra::Query> {
    Ok(spargebra::SparqlParser::new().parse_query(sparql).map_err(newskg::Error::InvalidQuery)?)
}

/// The first `n` rows of a SELECT query's results (other results as they are), with a note
/// on stderr when more rows match.
fn first_rows(results: QueryResults<'static>, n: usize) -> Result<QueryResults<'static>> {
    let QueryResults::Solutions(rows) = results else { return Ok(results) };
    let variables = rows.variables().to_vec();
    let mut kept = Vec::new();
    for row in rows {
        let row = row.map_err(newskg::Error::from)?;
        if kept.len() == n {
            eprintln!("newskg: showing the first {n} rows; more match (--limit N for more, --limit 0 for all)");
            break;
        }
        kept.push(row);
    }
    Ok(QueryResults::Solutions(QuerySolutionIter::new(variables.into(), kept.into_iter().map(Ok))))
}

/// The format to write `results` in: the one asked for when it fits their kind (an error
/// when it does not), else a table on a terminal and TSV elsewhere for rows and booleans,
/// Turtle for triples.
fn results_format(asked: Option<QueryFormat>, results: &QueryResults<'_>) -> Result<ResultsFormat> {
    if let QueryResults::Graph(_) = results {
        let format = match asked.filter(|f| *f != QueryFormat::Table) {
            None => RdfFormat::Turtle,
            Some(f) => rdf_format(f).ok_or_else(|| {
                let names: Vec<String> = RdfFormatArg::value_variants().iter().map(value_name).collect();
                anyhow!("unknown RDF format {:?} (one of {})", value_name(&f), names.join(", "))
            })?,
        };
        return Ok(ResultsFormat::Rdf(format));
    }
    let table = match asked {
        Some(f) => f == QueryFormat::Table,
        None => io::stdout().is_terminal(),
    };
    if table {
        return Ok(ResultsFormat::Table);
    }
    Ok(ResultsFormat::Sparql(match asked.unwrap_or(QueryFormat::Tsv) {
        QueryFormat::Csv => QueryResultsFormat::Csv,
        QueryFormat::Tsv => QueryResultsFormat::Tsv,
        QueryFormat::Json => QueryResultsFormat::Json,
        QueryFormat::Xml => QueryResultsFormat::Xml,
        other => bail!("unknown result format {:?} (table, csv, tsv, json or xml)", value_name(&other)),
    }))
}

/// The RDF format of a `--format` value for CONSTRUCT and DESCRIBE (`xml` is RDF/XML).
fn rdf_format(format: QueryFormat) -> Option<RdfFormat> {
    Some(match format {
        QueryFormat::Turtle => RdfFormat::Turtle,
        QueryFormat::Trig => RdfFormat::TriG,
        QueryFormat::Ntriples => RdfFormat::NTriples,
        QueryFormat::Nquads => RdfFormat::NQuads,
        QueryFormat::Rdfxml | QueryFormat::Xml => RdfFormat::RdfXml,
        QueryFormat::Jsonld => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
        QueryFormat::Table | QueryFormat::Csv | QueryFormat::Tsv | QueryFormat::Json => return None,
    })
}

/// A value's name on the command line.
fn value_name(value: &impl ValueEnum) -> String {
    value.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default()
}

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

/// A `--param KEY=VALUE`: the variable and its value (an IRI in `<...>`, else a string).
fn parse_param(p: &str) -> Result<(Variable, Term)> {
    let (k, v) = p.split_once('=').ok_or_else(|| anyhow!("--param {p:?}: expected KEY=VALUE"))?;
    let var = Variable::new(k.trim_start_matches(['?', '$'])).map_err(|e| anyhow!("--param {p:?}: {e}"))?;
    let value: Term = match v.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => NamedNode::new(iri).map_err(|e| anyhow!("--param {p:?}: {e}"))?.into(),
        None => Literal::new_simple_literal(v).into(),
    };
    Ok((var, value))
}

/// Runs a SPARQL update from a file or the command line.
pub(super) fn update(file: Option<&Path>, expression: Option<String>, store: &Path) -> Result<ExitCode> {
    let sparql = match (file, expression) {
        (_, Some(e)) => e,
        (Some(f), None) => std::fs::read_to_string(f).with_context(|| f.display().to_string())?,
        (None, None) => bail!("give a .ru file or -e SPARQL"),
    };
    let store = Store::open(store)?;
    super::search::mark_stale(&store)?;
    store.update(&sparql)?;
    Ok(ExitCode::SUCCESS)
}

/// Lists the ready-made queries with their descriptions and parameters.
pub(super) fn list_queries() -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    for q in queries::all() {
        writeln!(out, "{}\n    {}", q.name, q.description)?;
        for p in &q.params {
            writeln!(out, "    --param {}=...  {}", p.name, p.description)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
