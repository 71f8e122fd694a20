//! The store over the network: `serve` (the store as a SPARQL endpoint) and `push` (article
//! graphs, from the store or extracted on the fly, to another SPARQL store).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use oxigraph::model::{NamedNode, Quad};

use super::input::InputConfig;
use super::Failures;
use crate::cli::{PushArgs, PushProtocol, ServeArgs};
use crate::progress::Counter;
use newskg::push::{self, Protocol, Pusher};
use newskg::serve::{self, Service};
use newskg::store::Store;

/// What `serve` needs, resolved from the arguments.
pub(super) struct ServeConfig {
    store: PathBuf,
    options: serve::Options,
}

impl ServeConfig {
    pub(super) fn from_args(args: ServeArgs) -> Result<Self> {
        if args.timeout == 0 {
            bail!("--timeout must be at least 1 second");
        }
        let options = serve::Options {
            bind: args.bind,
            writable: args.writable,
            cors: args.cors,
            max_body_bytes: args.max_body_bytes,
            query_timeout: Duration::from_secs(args.timeout),
            max_connections: args.max_connections.max(1),
        };
        Ok(ServeConfig { store: args.store.store, options })
    }
}

/// Serves the store until the process is stopped; says "listening on ADDR" on stderr once
/// it accepts connections.
pub(super) fn serve(config: ServeConfig) -> Result<ExitCode> {
    let options = config.options;
    let store = if options.writable { Store::open(&config.store)? } else { Store::open_read_only(&config.store)? };
    if !options.bind.ip().is_loopback() {
        eprintln!(
            "newskg: warning: {} is not a loopback address: anyone who can reach it can {} the store",
            options.bind.ip(),
            if options.writable { "read and change" } else { "read" }
        );
    }
    serve::run(Service::new(store, options), |addr| {
        eprintln!("newskg: listening on {addr}");
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Where `push` takes its graphs from.
enum Source {
    /// Every graph of this store.
    Store(PathBuf),
    /// The articles of these inputs, extracted on the fly.
    Inputs(Box<InputConfig>),
}

/// What `push` needs, resolved from the arguments.
pub(super) struct PushConfig {
    source: Source,
    options: push::Options,
    /// Graphs per request.
    batch: usize,
}

impl PushConfig {
    pub(super) fn from_args(args: PushArgs) -> Result<Self> {
        let credentials = match (std::env::var("NEWSKG_PUSH_USER"), std::env::var("NEWSKG_PUSH_PASSWORD")) {
            (Ok(user), Ok(password)) => Some((user, password)),
            (Ok(_), Err(_)) => bail!("NEWSKG_PUSH_USER is set but NEWSKG_PUSH_PASSWORD is not"),
            _ => None,
        };
        let protocol = match args.protocol {
            PushProtocol::Gsp => Protocol::Gsp,
            PushProtocol::Update => Protocol::Update,
        };
        let source = if args.inputs.is_empty() {
            Source::Store(args.store.store)
        } else {
            Source::Inputs(Box::new(InputConfig::from_args(args.inputs, args.extraction)?))
        };
        Ok(PushConfig {
            source,
            batch: if protocol == Protocol::Update { args.batch.max(1) } else { 1 },
            options: push::Options {
                url: args.to,
                protocol,
                retries: args.retries,
                backoff: Duration::from_millis(args.backoff_ms),
                timeout: Duration::from_secs(args.timeout.max(1)),
                credentials,
            },
        })
    }
}

/// Sends the graphs, a batch at a time, and prints a summary line.
pub(super) fn push(config: PushConfig) -> Result<ExitCode> {
    let to = config.options.url.clone();
    let mut push = PushRun {
        pusher: Pusher::new(config.options)?,
        to,
        batch: config.batch,
        buf: Vec::new(),
        sent: 0,
        triples: 0,
        failures: Failures::default(),
        progress: None,
    };
    match &config.source {
        Source::Store(path) => {
            let store = Store::open_read_only(path)?;
            let names = store.graph_names()?;
            push.progress = Some(Counter::new("pushed", "graphs", Some(names.len() as u64)));
            for g in names {
                let quads = store.quads(Some(&g));
                push.add(quads.map(|q| (g, q)))?;
            }
        }
        Source::Inputs(input) => {
            push.progress = Some(Counter::new("pushed", "graphs", None));
            input.for_each(|article| input.graph_of(&input.prepare(article)?), |item| push.add(item))?;
        }
    }
    push.flush()?;
    if let Some(p) = &push.progress {
        p.finish();
    }
    eprintln!("newskg: {}", push.summary());
    Ok(push.failures.exit_code())
}

/// A push in progress: graphs are batched, sent, and counted.
struct PushRun {
    pusher: Pusher,
    to: String,
    batch: usize,
    buf: Vec<(NamedNode, Vec<Quad>)>,
    sent: usize,
    triples: usize,
    failures: Failures,
    progress: Option<Counter>,
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
            Err(e) => self.failures.report(&e),
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

    /// "pushed N graphs (T triples) to URL in R requests[; F inputs failed]".
    fn summary(&self) -> String {
        let plural = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        let (sent, requests, failed) = (self.sent, self.pusher.requests, self.failures.count());
        format!(
            "pushed {sent} graph{} ({} triples) to {} in {requests} request{}{}",
            plural(sent, "", "s"),
            self.triples,
            self.to,
            plural(requests, "", "s"),
            if failed > 0 { format!("; {failed} input{} failed", plural(failed, "", "s")) } else { String::new() }
        )
    }
}
