//! Small dense linear algebra for Newton steps and the Hessian test:
//! Gaussian elimination and the Jacobi eigenvalue method.

/// The solution of `a*x = b` (row-major `a`, n×n), or `None` when `a` is
/// singular to working precision.
pub(crate) fn solve(a: &[f64], b: &[f64]) -> Option<Vec<f64>> {
    let n = b.len();
    let mut m = a.to_vec();
    let mut x = b.to_vec();
    let scale = a
        .iter()
        .fold(0.0f64, |s, v| s.max(v.abs()))
        .max(f64::MIN_POSITIVE);
    for col in 0..n {
        let pivot =
            (col..n).max_by(|&i, &j| m[i * n + col].abs().total_cmp(&m[j * n + col].abs()))?;
        if m[pivot * n + col].abs() <= 1e-13 * scale || !m[pivot * n + col].is_finite() {
            return None;
        }
        for k in 0..n {
            m.swap(col * n + k, pivot * n + k);
        }
        x.swap(col, pivot);
        for row in col + 1..n {
            let factor = m[row * n + col] / m[col * n + col];
            for k in col..n {
                m[row * n + k] -= factor * m[col * n + k];
            }
            x[row] -= factor * x[col];
        }
    }
    for row in (0..n).rev() {
        let tail: f64 = (row + 1..n).map(|k| m[row * n + k] * x[k]).sum();
        x[row] = (x[row] - tail) / m[row * n + row];
    }
    Some(x)
}

/// The eigenvalues of the symmetric n×n matrix `a` (row-major), ascending,
/// by cyclic Jacobi rotations: each rotation zeroes one off-diagonal pair,
/// and the sweeps stop when the off-diagonal part is negligible.
pub(crate) fn symmetric_eigenvalues(a: &[f64], n: usize) -> Vec<f64> {
    let mut m = a.to_vec();
    let norm: f64 = m.iter().map(|v| v * v).sum::<f64>().sqrt();
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i * n + j] * m[i * n + j])
            .sum::<f64>()
            .sqrt();
        if off <= 1e-14 * norm || !off.is_finite() {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = m[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (m[q * n + q] - m[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (m[k * n + p], m[k * n + q]);
                    m[k * n + p] = c * akp - s * akq;
                    m[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (m[p * n + k], m[q * n + k]);
                    m[p * n + k] = c * apk - s * aqk;
                    m[q * n + k] = s * apk + c * aqk;
                }
            }
        }
    }
    let mut eigen: Vec<f64> = (0..n).map(|i| m[i * n + i]).collect();
    eigen.sort_by(f64::total_cmp);
    eigen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_a_pivoting_system() {
        let x = solve(&[0.0, 2.0, 3.0, 1.0], &[4.0, 5.0]).unwrap();
        assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12);
        assert_eq!(solve(&[1.0, 2.0, 2.0, 4.0], &[1.0, 1.0]), None);
    }

    #[test]
    fn eigenvalues_of_symmetric_matrices() {
        let e = symmetric_eigenvalues(&[2.0, 1.0, 1.0, 2.0], 2);
        assert!((e[0] - 1.0).abs() < 1e-12 && (e[1] - 3.0).abs() < 1e-12);
        let e = symmetric_eigenvalues(&[4.0, 1.0, 2.0, 1.0, 3.0, 0.0, 2.0, 0.0, 1.0], 3);
        let trace: f64 = e.iter().sum();
        assert!((trace - 8.0).abs() < 1e-10);
        let det = 4.0 * 3.0 - 1.0 - 2.0 * 2.0 * 3.0;
        assert!((e.iter().product::<f64>() - det).abs() < 1e-9);
    }
}
