//! cargo fuzz target `markdown`: see `harness::markdown_target`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::markdown_target(data));
