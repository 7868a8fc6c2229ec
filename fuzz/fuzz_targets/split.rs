//! cargo fuzz target `split`: see `harness::split_target`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::split_target(data));
