//! The command line, as clap derive types. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
        /// Output format.
        #[arg(long, short = 'f', value_enum, ignore_case = true, default_value_t = RdfFormatArg::Turtle)]
        format: RdfFormatArg,
        /// Write to this file instead of stdout.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// Extract facts from articles into the store, one named graph per article.
    ///
    /// Ingesting an article again replaces its graph in one transaction, unless it is
    /// unchanged: an article whose text and metadata are the same, ingested by the same
    /// newskg version with the same rules and settings, is skipped (see --force). The
    /// summary line says how many articles were new, changed and unchanged.
    #[command(after_help = "Examples:
  newskg ingest examples/
  newskg ingest --store /data/kg feed.jsonl
  newskg ingest --force examples/")]
    Ingest {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        store: StoreArgs,
        /// Re-extract and replace every article, even one stored unchanged (same text,
        /// metadata, newskg version, rules and settings), which is skipped otherwise.
        #[arg(long)]
        force: bool,
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
    /// Compact the store after a large ingest: smaller on disk and faster to query.
    ///
    /// Bulk loading leaves data in many files; this merges them (Oxigraph's optimize). It
    /// changes no triple. It takes a while (about 3.5 minutes for 100,000 articles on two
    /// cores) and holds the store like a writer.
    #[command(after_help = "Example:
  newskg ingest --store /data/kg archive/ && newskg optimize --store /data/kg")]
    Optimize {
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
    /// Find entities, quotations and articles by their words, in any case.
    ///
    /// Prints each hit with its article id, date and a snippet, the matching words between
    /// ** marks; most relevant first. Every word must match (whole words; accents and
    /// punctuation do not count).
    #[command(after_help = "Examples:
  newskg search nakamura
  newskg search tariff --in quotes --limit 20
  newskg search \"central bank\" --in text")]
    Search {
        /// The words to find.
        #[arg(required = true)]
        words: Vec<String>,
        /// Search only entity names, quotations, or article headlines and texts.
        #[arg(long = "in", value_enum)]
        within: Option<SearchIn>,
        /// The most hits printed.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Rebuild the word index of the store (for `search` and the queries' word filters).
    ///
    /// Needed after `update`, writes through `serve --writable`, a crash during ingest, or
    /// for a store made before the index existed; `search` says when it is.
    #[command(after_help = "Example:
  newskg reindex --store /data/kg")]
    Reindex {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Run a SPARQL query over all articles: a ready-made query by name, a .rq file, or -e.
    #[command(after_help = "Examples:
  newskg query who-met-whom
  newskg query entity-profile --param name=\"Elon Musk\"
  newskg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv
  newskg query my-query.rq --format json")]
    Query(QueryArgs),
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
        /// Output format.
        #[arg(long, short = 'f', value_enum, ignore_case = true, default_value_t = RdfFormatArg::Trig)]
        format: RdfFormatArg,
        /// Write to this file instead of stdout.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// List the ready-made queries with their descriptions and parameters.
    Queries,
    /// Serve the store over HTTP: SPARQL 1.1 Protocol, Graph Store Protocol, a query page.
    ///
    /// Queries by GET or POST at /sparql (also /query), with content negotiation for the
    /// W3C result formats (JSON, XML, CSV, TSV) and RDF formats; graphs at
    /// /store?graph=IRI (Graph Store Protocol); a query page at /; the JSON-LD context at
    /// /context.jsonld. The default graph of queries is the union of the article graphs.
    /// Read-only unless --writable (then SPARQL Update at /sparql or /update, and graph
    /// PUT, POST and DELETE). Prints "listening on ADDR" on stderr once it accepts
    /// connections; stop it with Ctrl-C.
    #[command(after_help = "Examples:
  newskg serve                                   read-only on http://127.0.0.1:7878/
  newskg serve --store /data/kg --bind 127.0.0.1:8080 --cors
  newskg serve --writable --timeout 10
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/sparql
  curl -H 'Accept: text/turtle' 'http://127.0.0.1:7878/store?graph=https://w3id.org/newskg/id/article/example-1'")]
    Serve(ServeArgs),
    /// Send article graphs to an external SPARQL 1.1 store.
    ///
    /// Each article's named graph is sent by the Graph Store Protocol (--protocol gsp: one
    /// PUT per graph to URL?graph=IRI) or by SPARQL Update (--protocol update: DROP SILENT
    /// GRAPH + INSERT DATA per graph, --batch graphs per request), so pushing again leaves
    /// the same triples. Graphs come from the store, or from INPUTS extracted on the fly.
    /// Server errors (5xx) and connection failures are retried with exponential backoff;
    /// other client errors (4xx) stop the push. Credentials are read from the environment
    /// only (NEWSKG_PUSH_USER, NEWSKG_PUSH_PASSWORD) and sent when the server asks for them
    /// (Basic or Digest authentication).
    #[command(after_help = "Examples:
  newskg push --to http://127.0.0.1:7878/store                     every graph of ./newskg-store, by GSP PUT
  newskg push --to http://localhost:8890/sparql --protocol update --batch 20
  NEWSKG_PUSH_USER=dba NEWSKG_PUSH_PASSWORD=dba \\
    newskg push --to http://localhost:8890/sparql-graph-crud-auth examples/")]
    Push(PushArgs),
    /// Check article graphs against the SHACL shapes of the extraction contract.
    ///
    /// Validates every article graph of the store (or the RDF FILES given) on its own
    /// against ontologies/newskg-shapes.ttl (or --shapes): required properties,
    /// datatypes, classes of values and cardinalities of Person, Organization, Place,
    /// PositionHolding, the Event classes, Quotation, AnonymousSource, Span and Article.
    /// Prints a report (text, or an sh:ValidationReport with --format turtle); exits 1
    /// when there is a violation (warnings alone conform).
    #[command(after_help = "Examples:
  newskg validate                                  the store ./newskg-store
  newskg validate --format turtle > report.ttl
  newskg export --format trig -o graph.trig && newskg validate graph.trig
  newskg validate --shapes my-shapes.ttl --store /data/kg")]
    Validate {
        /// RDF files to validate instead of the store (.ttl, .nt, .nq, .trig, .rdf, .jsonld).
        files: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
        /// SHACL shapes (Turtle) to use instead of the built-in ones.
        #[arg(long)]
        shapes: Option<PathBuf>,
        /// The report's format.
        #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Examples:
  newskg completions bash > ~/.local/share/bash-completion/completions/newskg
  newskg completions zsh > ~/.zfunc/_newskg
  newskg completions fish > ~/.config/fish/completions/newskg.fish")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) generated from the command-line definitions.
    #[command(after_help = "Examples:
  newskg man > newskg.1 && man ./newskg.1
  newskg man | gzip > /usr/local/share/man/man1/newskg.1.gz")]
    Man,
}

/// Options of `newskg query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// A ready-made query name (see `newskg queries`) or a file holding SPARQL.
    #[arg(required_unless_present = "expression", conflicts_with = "expression")]
    pub query: Option<String>,
    /// The SPARQL query itself.
    #[arg(long, short = 'e')]
    pub expression: Option<String>,
    /// table (default on a terminal, else tsv), csv, tsv, json or xml for SELECT and
    /// ASK; an RDF format (turtle, the default, nquads, ...) for CONSTRUCT and DESCRIBE.
    #[arg(long, short = 'f', value_enum, ignore_case = true)]
    pub format: Option<QueryFormat>,
    /// Binds a query variable: --param name=Trump binds ?name to "Trump"
    /// (a value in <...> is an IRI).
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// Print at most N rows of a SELECT query, 0 for all (default: 1000 for a
    /// ready-made query, all for others); a note on stderr says when rows were left out.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Options of `newskg push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// The Graph Store endpoint (gsp) or SPARQL Update endpoint (update) of the store.
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// How graphs are sent.
    #[arg(long, value_enum, default_value_t = PushProtocol::Gsp)]
    pub protocol: PushProtocol,
    /// Extract these files or directories and push their graphs, instead of the store's.
    pub inputs: Vec<PathBuf>,
    // How INPUTS are read and extracted.
    #[command(flatten)]
    pub extraction: ExtractionArgs,
    // The store whose graphs are pushed (when no INPUTS are given).
    #[command(flatten)]
    pub store: StoreArgs,
    /// Graphs per request with --protocol update.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub batch: usize,
    /// Retries of a request that failed with a server error or a connection failure.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub retries: u32,
    /// The first wait before a retry, doubled at each retry.
    #[arg(long, default_value_t = 500, value_name = "MILLISECONDS")]
    pub backoff_ms: u64,
    /// Time limit of one request.
    #[arg(long, default_value_t = 120, value_name = "SECONDS")]
    pub timeout: u64,
}

/// Options of `newskg serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The address and port to listen on (port 0 picks a free port). Anything but a
    /// loopback address exposes the store to the network.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Accept SPARQL Update and Graph Store PUT, POST and DELETE.
    #[arg(long)]
    pub writable: bool,
    /// Allow pages of other origins to query (Access-Control-Allow-Origin: *).
    #[arg(long)]
    pub cors: bool,
    /// Stop a query after this many seconds (503).
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
    /// Refuse request bodies larger than this many bytes (413).
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    pub max_body_bytes: u64,
    /// Serve at most this many connections at once.
    #[arg(long, default_value_t = 64)]
    pub max_connections: usize,
}

/// Where articles come from and how they are read and extracted.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories (walked recursively: .txt, .json, .jsonl, .html, .htm, .warc,
    /// .warc.gz) or - for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub extraction: ExtractionArgs,
}

/// How articles are read and extracted (`extract`, `ingest`, and `push` with INPUTS).
#[derive(Debug, Args)]
pub struct ExtractionArgs {
    /// Read every input as this format instead of guessing.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormatArg>,
    /// The publication date (YYYY-MM-DD) for articles that do not give one.
    #[arg(long)]
    pub date: Option<String>,
    /// Skip articles larger than this many bytes (a file, or one record of a JSON array,
    /// a JSONL file or a web archive).
    #[arg(long, default_value_t = newskg::article::DEFAULT_MAX_ARTICLE_BYTES)]
    pub max_article_bytes: usize,
    /// A folder of extra rule files (same layout as the built-in `rules/`).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Base IRI for minted IRIs.
    #[arg(long, default_value = newskg::rdf::mint::DEFAULT_BASE)]
    pub base: String,
    /// Also write every paragraph and sentence as a span (NIF document structure: about a
    /// third more quads). Without it, only sentences that a source is cited for are written.
    #[arg(long)]
    pub segments: bool,
    /// Extract with this many threads (default: one per core, or one when reading standard
    /// input, which may be a live feed: each article is then handled as soon as it
    /// arrives). Output is the same, in input order, whatever the number.
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

/// What `search --in` looks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchIn {
    /// Entity names (labels and other names).
    Names,
    /// Quotations.
    Quotes,
    /// Article headlines and texts.
    Text,
}

/// An RDF format, by its command-line name (`extract`, `export`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RdfFormatArg {
    #[value(alias = "ttl")]
    Turtle,
    Trig,
    #[value(aliases = ["nt", "n-triples"])]
    Ntriples,
    #[value(aliases = ["nq", "n-quads"])]
    Nquads,
    #[value(aliases = ["rdf", "xml", "rdf/xml"])]
    Rdfxml,
    #[value(alias = "json-ld")]
    Jsonld,
}

/// The format of `query` results: the first five for SELECT and ASK, the RDF formats (and
/// xml, as RDF/XML) for CONSTRUCT and DESCRIBE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns (SELECT, ASK; CONSTRUCT gives Turtle).
    Table,
    /// SPARQL results as CSV.
    Csv,
    /// SPARQL results as TSV.
    Tsv,
    /// SPARQL results as JSON.
    Json,
    /// SPARQL results as XML (CONSTRUCT: RDF/XML).
    Xml,
    /// Turtle (CONSTRUCT, DESCRIBE).
    #[value(alias = "ttl")]
    Turtle,
    /// TriG (CONSTRUCT, DESCRIBE).
    Trig,
    /// N-Triples (CONSTRUCT, DESCRIBE).
    #[value(aliases = ["nt", "n-triples"])]
    Ntriples,
    /// N-Quads (CONSTRUCT, DESCRIBE).
    #[value(aliases = ["nq", "n-quads"])]
    Nquads,
    /// RDF/XML (CONSTRUCT, DESCRIBE).
    #[value(aliases = ["rdf", "rdf/xml"])]
    Rdfxml,
    /// JSON-LD (CONSTRUCT, DESCRIBE).
    #[value(alias = "json-ld")]
    Jsonld,
}

/// An input format (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    #[value(alias = "txt")]
    Text,
    Json,
    #[value(alias = "ndjson")]
    Jsonl,
    #[value(alias = "htm")]
    Html,
    /// A web archive (WARC, optionally gzipped): each HTML response record is a saved page.
    Warc,
}

/// How `push` sends graphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PushProtocol {
    /// Graph Store Protocol: a PUT per graph.
    Gsp,
    /// SPARQL 1.1 Update: DROP SILENT GRAPH + INSERT DATA, --batch graphs per request.
    Update,
}

/// The format of a `validate` report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One line per result, for people.
    Text,
    /// An sh:ValidationReport in Turtle.
    Turtle,
}
