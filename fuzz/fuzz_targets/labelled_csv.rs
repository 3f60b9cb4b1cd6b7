#![no_main]
//! See `standpoint::fuzzing::labelled_csv`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| standpoint::fuzzing::labelled_csv(data));
