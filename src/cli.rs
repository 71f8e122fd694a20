//! The command line, as clap derive types. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Turn news articles into an RDF knowledge graph: who, what, where, when and who-says-so,
/// with the text span behind every fact.
#[derive(Debug, Parser)]
#[command(name = "newskg", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  newskg ingest examples/                 extract every article in examples/ into ./newskg-store
  newskg query who-met-whom               run a ready-made query (see `newskg queries`)
  newskg extract story.txt --format nquads
  newskg export --format trig -o graph.trig";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract facts from articles and print them as RDF, without a store.
    #[command(after_help = "Examples:
  newskg extract story.txt                 Turtle on stdout
  newskg extract articles.jsonl --format nquads -o out.nq
  cat story.txt | newskg extract - --date 2024-11-12")]
    Extract {
        #[command(flatten)]
        input: InputArgs,
        /// Output format: turtle, trig, ntriples, nquads, rdfxml or jsonld.
        #[arg(long, short = 'f', default_value = "turtle")]
        format: String,
        /// Write to this file instead of stdout.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// Extract facts from articles into the store, one named graph per article.
    ///
    /// Ingesting an article again replaces its graph in one transaction.
    #[command(after_help = "Examples:
  newskg ingest examples/
  newskg ingest --store /data/kg feed.jsonl")]
    Ingest {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Remove articles (by id or graph IRI) from the store.
    #[command(after_help = "Example:
  newskg remove https://example.com/story-1")]
    Remove {
        /// Article ids or article graph IRIs.
        #[arg(required = true)]
        articles: Vec<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Print the number of articles, triples, and entities by type.
    #[command(after_help = "Example:
  newskg stats --store ./newskg-store")]
    Stats {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Run a SPARQL query over all articles: a ready-made query by name, a .rq file, or -e.
    #[command(after_help = "Examples:
  newskg query who-met-whom
  newskg query entity-profile --param name=\"Elon Musk\"
  newskg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv
  newskg query my-query.rq --format json")]
    Query {
        /// A ready-made query name (see `newskg queries`) or a file holding SPARQL.
        #[arg(required_unless_present = "expression", conflicts_with = "expression")]
        query: Option<String>,
        /// The SPARQL query itself.
        #[arg(long, short = 'e')]
        expression: Option<String>,
        /// table (default on a terminal), csv, tsv, json or xml for SELECT and ASK;
        /// an RDF format (turtle, nquads, ...) for CONSTRUCT and DESCRIBE.
        #[arg(long, short = 'f')]
        format: Option<String>,
        /// Binds a query variable: --param name=Trump binds ?name to "Trump"
        /// (a value in <...> is an IRI).
        #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
        params: Vec<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Run a SPARQL update on the store.
    #[command(after_help = "Example:
  newskg update -e 'DELETE WHERE { GRAPH ?g { ?s <https://w3id.org/newskg/ontology#rule> ?r } }'")]
    Update {
        /// A file holding the SPARQL update.
        #[arg(required_unless_present = "expression", conflicts_with = "expression")]
        file: Option<PathBuf>,
        /// The SPARQL update itself.
        #[arg(long, short = 'e')]
        expression: Option<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Write the store (or one article graph) as RDF, sorted.
    #[command(after_help = "Examples:
  newskg export -o graph.trig --format trig
  newskg export --graph https://w3id.org/newskg/id/article/x --format turtle")]
    Export {
        #[command(flatten)]
        store: StoreArgs,
        /// Only this article graph (an IRI, or an article id).
        #[arg(long)]
        graph: Option<String>,
        /// Output format: turtle, trig, ntriples, nquads, rdfxml or jsonld.
        #[arg(long, short = 'f', default_value = "trig")]
        format: String,
        /// Write to this file instead of stdout.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// List the ready-made queries with their descriptions and parameters.
    Queries,
}

/// Where articles come from and how they are read.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories (walked recursively: .txt, .json, .jsonl) or - for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Read every input as this format instead of guessing: text, json or jsonl.
    #[arg(long)]
    pub input_format: Option<String>,
    /// The publication date (YYYY-MM-DD) for articles that do not give one.
    #[arg(long)]
    pub date: Option<String>,
    /// Skip articles larger than this many bytes.
    #[arg(long, default_value_t = 8 * 1024 * 1024)]
    pub max_article_bytes: usize,
    /// A folder of extra rule files (same layout as the built-in `rules/`).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Base IRI for minted IRIs.
    #[arg(long, default_value = newskg::rdf::mint::DEFAULT_BASE)]
    pub base: String,
    /// Extract with this many threads (default: one per core). Output is the same, in
    /// input order, whatever the number.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

/// Which store to use.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// The store folder.
    #[arg(long, env = "NEWSKG_STORE", default_value = "./newskg-store")]
    pub store: PathBuf,
}
