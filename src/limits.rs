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
    /// The most distinct nodes a derivative or simplified result may have;
    /// a derivative step that would build more operands than this is
    /// refused before it starts.
    pub max_nodes: usize,
    /// The highest derivative order (also bounds primes: `f''''(x)`).
    pub max_order: usize,
    /// The most decimal digits of an exact number: a literal, or a number
    /// the input's arithmetic folds to (`2^100*3^100`). Powers too large to
    /// fold (`2^(10^9)`) are not errors: they stay symbolic.
    pub max_digits: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_len: 64 << 20,
            max_depth: 10_000,
            max_nodes: 20_000_000,
            max_order: 100,
            max_digits: 20_000,
        }
    }
}

impl Limits {
    /// [`Limits::max_digits`] in bits: the size exact arithmetic may reach.
    ///
    /// ```
    /// let limits = symdiff::Limits { max_digits: 3, ..Default::default() };
    /// assert_eq!(limits.max_number_bits(), 10); // 999 < 2^10
    /// ```
    pub fn max_number_bits(&self) -> u64 {
        // log2(10) < 3.33, so d digits need at most ceil(3.33*d) bits.
        (self.max_digits as u64).saturating_mul(333).div_ceil(100)
    }
}
