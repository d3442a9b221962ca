//! Resource limits: how much work one request may ask for.
//!
//! symdiff runs inside other programs, so a hostile or mistaken input must
//! fail fast with a clear error instead of eating the host's memory or stack.

/// Bounds on input size and on the work done for it. The defaults are
/// generous for real use (every benchmark workload fits) and small enough
/// that no input can exhaust a machine.
///
/// ```
/// let limits = symdiff::Limits { max_depth: 50, ..Default::default() };
/// let deep = "(".repeat(60) + "x" + &")".repeat(60);
/// assert!(symdiff::parse_input(&deep, &limits).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The longest input, in bytes.
    pub max_input_len: usize,
    /// The deepest nesting of brackets, calls and powers.
    pub max_depth: usize,
    /// The most distinct nodes a result may have.
    pub max_nodes: usize,
    /// The highest derivative order.
    pub max_order: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_len: 64 << 20,
            max_depth: 10_000,
            max_nodes: 20_000_000,
            max_order: 100,
        }
    }
}
