//! The work a batch has cost: the CPU time of the whole process (every thread: extraction,
//! the bulk loader, RocksDB's compaction, the word index), which is what a crash throws
//! away and a second ingest must spend again. Wall time is not: on a machine shared with
//! other work it grows three to six times faster than the work done (README,
//! "Performance"), so a batch bounded by wall time is cut smaller the busier the machine.

use std::time::{Duration, Instant};

/// Measures a batch's work from its first article.
#[derive(Debug, Clone, Copy)]
pub(super) struct WorkClock {
    began_cpu: Option<Duration>,
    began_wall: Instant,
}

impl WorkClock {
    /// Starts counting now.
    pub(super) fn start() -> Self {
        WorkClock { began_cpu: process_cpu_time(), began_wall: Instant::now() }
    }

    /// CPU time of the process since [`WorkClock::start`] (wall time where the platform
    /// has no process clock, which only makes batches smaller).
    pub(super) fn work(&self) -> Duration {
        match (self.began_cpu, process_cpu_time()) {
            (Some(began), Some(now)) => now.saturating_sub(began),
            _ => self.wall(),
        }
    }

    /// Wall time since [`WorkClock::start`].
    pub(super) fn wall(&self) -> Duration {
        self.began_wall.elapsed()
    }
}

/// CPU time (user and system) of all the process's threads so far.
#[cfg(unix)]
fn process_cpu_time() -> Option<Duration> {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    Some(Duration::new(u64::try_from(t.tv_sec).ok()?, u32::try_from(t.tv_nsec).ok()?))
}

#[cfg(not(unix))]
fn process_cpu_time() -> Option<Duration> {
    None
}

#[cfg(test)]
mod tests {
    use super::WorkClock;
    use std::time::Duration;

    #[test]
    fn work_grows_with_cpu_time() {
        let clock = WorkClock::start();
        let mut x = 0u64;
        while clock.work() < Duration::from_millis(20) && clock.wall() < Duration::from_secs(10) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        assert!(clock.work() >= Duration::from_millis(20), "20 ms of spinning is work: {:?}", clock.work());
        assert!(x > 0);
    }
}
