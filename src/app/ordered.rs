//! Parallel work with ordered results: the items of an iterator are handed to a pool of
//! threads, and their results come back to the calling thread in input order, so output
//! does not depend on the number of threads.
//!
//! Invariant: at most `window` items are in flight (read but not yet handed to the sink),
//! so memory stays flat however long the input is; the input iterator and the sink run
//! on the calling thread only.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::mpsc;

use anyhow::{Context, Result};

/// How many items may be in flight per worker thread.
const WINDOW_PER_JOB: usize = 16;

/// Calls `sink(work(item))` for every item, in input order, with `work` run on `jobs`
/// threads (`jobs <= 1`: all on the calling thread). Stops at the first error of `sink`.
pub fn for_each_ordered<T, R>(
    jobs: usize,
    items: impl Iterator<Item = T>,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<()>,
) -> Result<()>
where
    T: Send,
    R: Send,
{
    if jobs <= 1 {
        for item in items {
            sink(work(item))?;
        }
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("newskg-worker-{i}"))
        .build()
        .context("cannot start worker threads")?;
    let window = jobs * WINDOW_PER_JOB;
    let work = &work;
    pool.in_place_scope(|scope| {
        let (tx, rx) = mpsc::channel();
        let mut items = items.fuse();
        let (mut sent, mut done) = (0usize, 0usize);
        let mut ready = BTreeMap::new();
        loop {
            while sent - done < window {
                let Some(item) = items.next() else { break };
                let tx = tx.clone();
                let seq = sent;
                scope.spawn(move |_| {
                    let result = catch_unwind(AssertUnwindSafe(|| work(item)));
                    // The receiver is gone only when the sink failed; the result is moot.
                    let _ = tx.send((seq, result));
                });
                sent += 1;
            }
            if done == sent {
                return Ok(());
            }
            let (seq, result) = rx.recv().expect("the calling thread holds a sender");
            ready.insert(seq, result);
            while let Some(result) = ready.remove(&done) {
                done += 1;
                match result {
                    Ok(r) => sink(r)?,
                    Err(panic) => resume_unwind(panic),
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::for_each_ordered;

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        for jobs in [1, 2, 3, 8] {
            let mut out = Vec::new();
            for_each_ordered(
                jobs,
                0..1000u64,
                |i| {
                    // Uneven work, so that results finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 50));
                    i * 2
                },
                |r| {
                    out.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(out, (0..1000).map(|i| i * 2).collect::<Vec<_>>(), "jobs = {jobs}");
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let mut seen = 0;
        let r = for_each_ordered(
            2,
            0..10_000,
            |i| i,
            |i| {
                seen += 1;
                if i == 10 {
                    anyhow::bail!("stop")
                }
                Ok(())
            },
        );
        assert!(r.is_err());
        assert_eq!(seen, 11);
    }
}
