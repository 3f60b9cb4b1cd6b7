#![no_main]
//! See `standpoint::fuzzing::model_json`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| standpoint::fuzzing::model_json(data));
