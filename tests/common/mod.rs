//! What several test files share: running the binary as a user does, and
//! random expression text for property tests.

// Each test file is a crate of its own and uses a part of this module.
#![allow(dead_code)]

use proptest::prelude::*;
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// A property test's configuration with `cases` cases drawn from a fixed
/// seed, so that every run (CI's too) tries the same inputs; a failure
/// found once is found again.
pub fn fixed_seed(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_d1ff),
        ..ProptestConfig::default()
    }
}

/// The `symdiff` binary run with `args`.
pub fn symdiff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_symdiff"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The `symdiff` binary run with `args` and `input` on standard input.
pub fn symdiff_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_symdiff"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // The binary may stop reading early (a bad usage): that is its answer.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait_with_output().expect("the binary finishes")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every registered function as a random call takes it: its name, how
/// many arguments to give it, and whether the first must be a small whole
/// number (polygamma's order). Read from the registry, so a function is
/// in every property test the moment it is declared.
pub fn functions() -> Vec<(&'static str, usize, bool)> {
    let x = symdiff::Expr::symbol("x");
    symdiff::functions::REGISTERED
        .iter()
        .filter_map(|f| f.def())
        .map(|def| {
            let count = match def.arity {
                symdiff::functions::Arity::Exactly(n) => n,
                symdiff::functions::Arity::AtLeast(n) => n + 1,
            };
            let any = vec![x.clone(); count];
            (def.name, count, (def.check)(&any).is_some())
        })
        .collect()
}

/// A call of a random registered function on arguments drawn from `inner`.
pub fn calls(inner: BoxedStrategy<String>) -> BoxedStrategy<String> {
    let shapes = functions();
    (
        prop::sample::select(shapes),
        prop::collection::vec(inner, 3),
        0u32..3,
    )
        .prop_map(|((name, count, whole_first), args, order)| {
            let mut args: Vec<String> = args.into_iter().take(count).collect();
            if whole_first {
                args[0] = order.to_string();
            }
            format!("{name}({})", args.join(", "))
        })
        .boxed()
}

/// Random expression text: `leaves` combined by `+ * / ^` and calls of
/// every registered function, nested up to `depth`.
pub fn expressions(leaves: BoxedStrategy<String>, depth: u32) -> BoxedStrategy<String> {
    leaves
        .prop_recursive(depth, 24, 3, move |inner| {
            prop_oneof![
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) + ({b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})*({b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})/({b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})^({b})")),
                calls(inner),
            ]
        })
        .boxed()
}
