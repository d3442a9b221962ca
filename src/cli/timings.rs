//! Stage times on stderr, one line each (`time parse 0.001200`), then
//! `time total S`: what the benchmark harness reads.

use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Instant;

/// Accumulates the time spent in each named stage when asked to.
pub struct Timings {
    enabled: bool,
    start: Instant,
    stages: Vec<(&'static str, f64)>,
}

impl Timings {
    pub fn new(enabled: bool) -> Timings {
        Timings {
            enabled,
            start: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Runs `f`, adding its time to the stage `name`.
    pub fn time<R>(&mut self, name: &'static str, f: impl FnOnce() -> R) -> R {
        let t = Instant::now();
        let r = f();
        let secs = t.elapsed().as_secs_f64();
        match self.stages.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += secs,
            None => self.stages.push((name, secs)),
        }
        r
    }

    /// Prints every stage and the total since the start. The total stops
    /// before the report: stderr is unbuffered, and writing the lines piece
    /// by piece took a small input's total several system calls per line.
    pub fn finish(&self) {
        if !self.enabled {
            return;
        }
        let total = self.start.elapsed().as_secs_f64();
        let mut report = String::new();
        for (name, secs) in &self.stages {
            let _ = writeln!(report, "time {name} {secs:.6}");
        }
        let _ = writeln!(report, "time total {total:.6}");
        // Nothing to do if stderr is gone: the result is already written.
        let _ = std::io::stderr().lock().write_all(report.as_bytes());
    }
}
