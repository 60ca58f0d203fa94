//! Stage timings, printed to stderr when `AGREED_TIMINGS` is set: where a build spends its time,
//! without a profiler.

use std::sync::LazyLock;
use std::time::Instant;

static ENABLED: LazyLock<bool> = LazyLock::new(|| std::env::var_os("AGREED_TIMINGS").is_some());

pub struct Timer(std::cell::Cell<Instant>);

impl Timer {
    pub fn start() -> Timer {
        Timer(std::cell::Cell::new(Instant::now()))
    }

    /// Print the time since the start or the previous lap.
    pub fn lap(&self, what: &str) {
        if *ENABLED {
            let now = Instant::now();
            eprintln!("{:>8.1} ms  {what}", (now - self.0.get()).as_secs_f64() * 1e3);
            self.0.set(now);
        }
    }
}

/// Time spent per kind of job, summed over threads: which pages cost the most.
#[derive(Default)]
pub struct Tally(std::sync::Mutex<std::collections::BTreeMap<&'static str, (u32, std::time::Duration)>>);

impl Tally {
    /// Run `f`, adding its time to `kind` when timings are on.
    pub fn time<T>(&self, kind: &'static str, f: impl FnOnce() -> T) -> T {
        if !*ENABLED {
            return f();
        }
        let start = Instant::now();
        let out = f();
        let took = start.elapsed();
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let entry = map.entry(kind).or_default();
        entry.0 += 1;
        entry.1 += took;
        out
    }

    pub fn print(&self) {
        if *ENABLED {
            for (kind, (n, took)) in self.0.lock().unwrap_or_else(|e| e.into_inner()).iter() {
                eprintln!("{:>8.1} ms  thread time: {n} × {kind}", took.as_secs_f64() * 1e3);
            }
        }
    }
}
