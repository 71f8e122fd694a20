//! Progress on stderr for long commands (ingest, push), drawn with indicatif only when
//! stderr is a terminal, so logs and pipes stay clean.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A count of things done, with a bar when the total is known.
pub struct Counter {
    bar: ProgressBar,
}

impl Counter {
    /// A counter labelled "{verb} N {unit}", e.g. "ingested 120 articles".
    pub fn new(verb: &str, unit: &str, total: Option<u64>) -> Self {
        let bar = match total {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(&format!(
                    "{{msg}} [{{bar:30}}] {{pos}}/{{len}} {unit} ({{per_sec}}, {{eta}} left)"
                ))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template(&format!("{{spinner}} {{msg}} {{pos}} {unit} ({{per_sec}})"))
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.set_message(verb.to_owned());
        if std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
        } else {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        Counter { bar }
    }

    pub fn inc(&self) {
        self.bar.inc(1);
    }

    pub fn set(&self, n: u64) {
        self.bar.set_position(n);
    }

    /// Removes the bar (the command prints its own summary line).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
