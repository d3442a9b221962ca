//! Running a request's computation: off the async executor, on tokio's
//! blocking pool, within the server's limits and a time budget.
//!
//! The engine cannot be interrupted, so a computation past the budget goes
//! on to its end on its thread while the client gets its error at once.
//! The limits bound how long that can be; a semaphore bounds how many run
//! at a time (a computation keeps its permit until it really ends), so a
//! flood of heavy requests costs a bounded number of threads and memory,
//! and waits that pass the budget end as errors instead of queueing for ever.

use super::error::{ApiError, Kind};
use std::sync::Arc;
use std::time::Duration;
use symdiff::Limits;
use tokio::sync::Semaphore;

/// What every request runs within.
pub struct Work {
    limits: Limits,
    budget: Duration,
    permits: Arc<Semaphore>,
}

impl Work {
    /// At most `concurrent` computations at once, each within `limits`, and
    /// each request answered within `budget` (waiting included).
    pub fn new(limits: Limits, budget: Duration, concurrent: usize) -> Work {
        Work {
            limits,
            budget,
            permits: Arc::new(Semaphore::new(concurrent.max(1))),
        }
    }

    /// `job`'s answer, or a timeout error once the budget is spent.
    pub async fn run<T, F>(&self, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Limits) -> Result<T, ApiError> + Send + 'static,
    {
        let limits = self.limits.clone();
        let permits = Arc::clone(&self.permits);
        let work = async move {
            let permit = permits.acquire_owned().await;
            tokio::task::spawn_blocking(move || {
                let _held = permit;
                job(&limits)
            })
            .await
        };
        match tokio::time::timeout(self.budget, work).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(failed)) => Err(ApiError::new(
                Kind::Internal,
                format!("the computation failed: {failed}"),
            )),
            Err(_) => Err(ApiError::new(
                Kind::Timeout,
                format!(
                    "the computation took longer than the time budget of {} ms",
                    self.budget.as_millis()
                ),
            )),
        }
    }
}
