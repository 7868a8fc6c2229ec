//! cargo fuzz target `results`: see `harness::results_target`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::results_target(data));
