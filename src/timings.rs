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
