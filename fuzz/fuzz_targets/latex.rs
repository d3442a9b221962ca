//! Fuzz target: symdiff::fuzzing::check_latex on any UTF-8 input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(input) = symdiff::fuzzing::text(data) {
        symdiff::fuzzing::check_latex(input);
    }
});
