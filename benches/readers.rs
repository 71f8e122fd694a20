//! The HTML reader on saved news pages and on generated hostile pages, in bytes per second:
//! nesting 30,000 and 60,000 deep (linear: the second takes about twice as long), a tag
//! with a million attributes, one text node of 0.85 and of 1.7 MB (linear too), and 240 chains of 250 nested
//! elements (the worst shape within the nesting bound: every element deep).
//!
//!     cargo bench --bench readers
//!
//! The saved pages are the evaluation kit's (`../shared/eval/html/pages`), when present.

use std::hint::black_box;
use std::io::Read;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newskg::article::read_html;

const STORY: &str = "<p>The court charged the former mayor on Tuesday with taking bribes from builders.</p>";

fn generated() -> Vec<(&'static str, String)> {
    let nested = |n: usize| format!("<html><body>{}{STORY}{}</body></html>", "<div>".repeat(n), "</div>".repeat(n));
    let attrs: String = (0..1_000_000).map(|i| format!(" a{}", i % 1000)).collect();
    vec![
        ("nested 30,000 deep", nested(30_000)),
        ("nested 60,000 deep", nested(60_000)),
        ("a million attributes", format!("<html><body><div{attrs}>{STORY}</div></body></html>")),
        ("one 0.85 MB text node", format!("<html><body><p>{}</p></body></html>", "The mayor spoke. ".repeat(50_000))),
        ("one 1.7 MB text node", format!("<html><body><p>{}</p></body></html>", "The mayor spoke. ".repeat(100_000))),
        ("240 chains 250 deep", format!("<html><body>{}</body></html>", nested(250).repeat(240))),
    ]
}

fn saved_pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/html/pages");
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files
        .iter()
        .filter_map(|f| {
            let mut html = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(f).ok()?).read_to_string(&mut html).ok()?;
            Some(html)
        })
        .collect()
}

fn readers(c: &mut Criterion) {
    // The extractor compiles its patterns on first use: not part of any page's time.
    read_html("warm-up.html", &format!("<html><body>{STORY}</body></html>")).expect("reads");
    let mut group = c.benchmark_group("read_html");
    group.sample_size(10);
    let pages = saved_pages();
    if !pages.is_empty() {
        group.throughput(Throughput::Bytes(pages.iter().map(|p| p.len() as u64).sum()));
        group.bench_function(format!("{} saved news pages", pages.len()), |b| {
            b.iter(|| pages.iter().filter(|p| read_html("page.html", p).is_ok()).count())
        });
    }
    for (name, page) in generated() {
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_function(name, |b| b.iter(|| read_html("page.html", black_box(&page)).is_ok()));
    }
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
