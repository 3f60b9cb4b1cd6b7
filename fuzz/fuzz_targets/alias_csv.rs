#![no_main]
//! See `standpoint::fuzzing::alias_csv`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| standpoint::fuzzing::alias_csv(data));
