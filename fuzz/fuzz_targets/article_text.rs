#![no_main]
//! Article text → attribution → scoring with the shipped model.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static MODEL: OnceLock<standpoint::Model> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let model = MODEL.get_or_init(|| {
        standpoint::Model::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../models/negotiation.json"
        )))
        .expect("the shipped model")
    });
    standpoint::fuzzing::article_text(model, data);
});
