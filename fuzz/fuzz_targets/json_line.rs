#![no_main]
//! See `standpoint::fuzzing::json_line`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| standpoint::fuzzing::json_line(data));
