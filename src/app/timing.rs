//! Phase timings of one command on stderr, when the environment variable `NEWSKG_TIMING`
//! is set (to profile a command on a large store, as `bench/search.sh` does): each phase's
//! wall time and the time since the process started.

use std::time::{Duration, Instant};

/// The environment variable that turns the timings on.
const VAR: &str = "NEWSKG_TIMING";

/// A clock for the phases of one command; prints nothing unless [`VAR`] is set.
pub(super) struct Phases {
    on: bool,
    started: Instant,
    last: Instant,
}

impl Phases {
    pub(super) fn from_env() -> Phases {
        let now = Instant::now();
        Phases { on: std::env::var_os(VAR).is_some(), started: now, last: now }
    }

    /// Ends the phase `name` (begun at the previous call): prints its time when on.
    pub(super) fn end(&mut self, name: &str) {
        if !self.on {
            return;
        }
        let now = Instant::now();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "newskg: timing: {name:<24} {:>8.1} ms  (since start {:>8.1} ms; cpu {:>8.1} ms)",
            ms(now - self.last),
            ms(now - self.started),
            process_ms().unwrap_or(f64::NAN),
        );
        self.last = now;
    }
}

/// The CPU time (user and system) this process has used so far, in milliseconds, read from
/// `/proc/self/stat` (Linux; `None` elsewhere).
fn process_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (in parentheses, which may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0) // USER_HZ is 100 on Linux
}
