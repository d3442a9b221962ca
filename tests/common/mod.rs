//! What several test files share: running the binary as a user does, and
//! random expression text for property tests.

// Each test file is a crate of its own and uses a part of this module.
#![allow(dead_code)]

use proptest::prelude::*;
use std::io::Write;
use std::process::{Command, Output, Stdio};

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

/// Random expression text: `leaves` combined by `+ * / ^` and calls of
/// `functions`, nested up to `depth`.
pub fn expressions(
    leaves: BoxedStrategy<String>,
    functions: &'static [&'static str],
    depth: u32,
) -> BoxedStrategy<String> {
    leaves
        .prop_recursive(depth, 24, 2, move |inner| {
            prop_oneof![
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) + ({b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})*({b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})/({b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})^({b})")),
                (prop::sample::select(functions), inner).prop_map(|(f, a)| format!("{f}({a})")),
            ]
        })
        .boxed()
}
