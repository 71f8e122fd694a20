//! Per-article pipeline stages, in words per second: analyse (tokens and sentences),
//! extract (all stages, analysis included), to_quads (the RDF mapping, sorted), and
//! serialise (N-Quads and Turtle).
//!
//!     cargo bench --bench pipeline
//!     NEWSKG_BENCH_CORPUS=corpus.jsonl cargo bench --bench pipeline   # its first 50 records
//!
//! The default articles are the ones in `examples/` (a wire story and two Wikinews pages).
//! `bench/run.sh` measures the whole command line against spaCy and Oxigraph.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newskg::article::{read_inputs, Article, ReadOptions};
use newskg::rdf::{to_quads, Minter, Segments};
use newskg::text::Doc;
use newskg::{extract, Rules};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::TripleRef;

fn articles() -> Vec<Article> {
    let inputs: Vec<PathBuf> = match std::env::var_os("NEWSKG_BENCH_CORPUS") {
        Some(p) => vec![PathBuf::from(p)],
        None => vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))],
    };
    let mut articles: Vec<Article> =
        read_inputs(&inputs, ReadOptions::default()).filter_map(Result::ok).take(50).collect();
    for a in &mut articles {
        a.metadata.date = a.metadata.date.or(chrono::NaiveDate::from_ymd_opt(2024, 11, 12));
    }
    assert!(!articles.is_empty(), "no articles in {inputs:?}");
    articles
}

fn words(articles: &[Article]) -> u64 {
    articles.iter().map(|a| a.text.split_whitespace().count() as u64).sum()
}

fn stages(c: &mut Criterion) {
    let rules = Rules::builtin().expect("built-in rules");
    let minter = Minter::default();
    let articles = articles();
    let extractions: Vec<_> = articles.iter().map(|a| extract(a, &rules)).collect();
    let quads: Vec<_> = articles
        .iter()
        .zip(&extractions)
        .map(|(a, e)| to_quads(a, e, &minter, Segments::Cited).expect("quads"))
        .collect();

    let mut g = c.benchmark_group("article");
    g.throughput(Throughput::Elements(words(&articles)));
    g.bench_function("analyze", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(Doc::analyze(a, &rules.abbreviations));
            }
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(extract(a, &rules));
            }
        })
    });
    g.bench_function("to_quads", |b| {
        b.iter(|| {
            for (a, e) in articles.iter().zip(&extractions) {
                black_box(to_quads(a, e, &minter, Segments::Cited).expect("quads"));
            }
        })
    });
    for (name, format) in [("serialise_nquads", RdfFormat::NQuads), ("serialise_turtle", RdfFormat::Turtle)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut s = RdfSerializer::from_format(format).for_writer(Vec::new());
                for q in quads.iter().flatten() {
                    if format.supports_datasets() {
                        s.serialize_quad(q).expect("serialise");
                    } else {
                        s.serialize_triple(TripleRef::from(q.as_ref())).expect("serialise");
                    }
                }
                black_box(s.finish().expect("serialise"));
            })
        });
    }
    g.bench_function("all", |b| {
        b.iter(|| {
            let mut s = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
            for a in &articles {
                for q in &to_quads(a, &extract(a, &rules), &minter, Segments::Cited).expect("quads") {
                    s.serialize_quad(q).expect("serialise");
                }
            }
            black_box(s.finish().expect("serialise"));
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
