//! Workloads shared by the benchmark files.

/// W4: Rosenbrock's function in n variables.
pub fn rosenbrock(n: usize) -> String {
    (1..n)
        .map(|i| format!("100*(x{} - x{i}^2)^2 + (1 - x{i})^2", i + 1))
        .collect::<Vec<_>>()
        .join(" + ")
}
