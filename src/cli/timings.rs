//! Stage times on stderr, one line each (`time parse 0.001200`), then
//! `time total S`: what the benchmark harness reads.

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

    /// Prints every stage and the total since the start.
    pub fn finish(&self) {
        if self.enabled {
            for (name, secs) in &self.stages {
                eprintln!("time {name} {secs:.6}");
            }
            eprintln!("time total {:.6}", self.start.elapsed().as_secs_f64());
        }
    }
}
