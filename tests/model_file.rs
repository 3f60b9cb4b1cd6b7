//! The model file: round trip, determinism, and the shipped model's tie to its training data.

mod common;
use common::*;
use standpoint::features::Unit;
use standpoint::labelled::{self, Columns};
use standpoint::model::{Model, TrainParams};

/// The shipped training data, `training_data/negotiation.csv`.
fn shipped_data() -> labelled::Dataset {
    labelled::read(
        &root().join("training_data/negotiation.csv"),
        &Columns::default(),
        None,
    )
    .unwrap()
}

#[test]
fn shipped_model_matches_its_training_data() {
    let data = shipped_data();
    let model =
        Model::load(&root().join("models/negotiation.json")).expect("the shipped model loads");
    assert_eq!(
        model.training_data.sha256,
        data.digest(),
        "models/negotiation.json was trained on another version of training_data/negotiation.csv: \
         run `cargo run --release -- train --out models/negotiation.json --force` and commit both files together"
    );
    assert_eq!(model.training_data.rows, data.rows.len());
    assert!(model.stance.is_some() && model.sentiment.is_some());
}

#[test]
fn shipped_model_is_what_train_gives_today() {
    // Training masks the speaker mentions that attribution finds, so an attribution change can
    // change the model without any change to the data: retrain and commit when this fails.
    let data = shipped_data();
    let shipped = Model::load(&root().join("models/negotiation.json")).unwrap();
    let mut fresh = Model::train(&data, &shipped.params).unwrap();
    fresh.cross_validation = shipped.cross_validation.clone();
    fresh.standpoint_version = shipped.standpoint_version.clone();
    assert!(
        fresh.to_json() == shipped.to_json(),
        "models/negotiation.json differs from what `standpoint train` gives with today's code: \
         run `cargo run --release -- train --out models/negotiation.json --force` and commit the model"
    );
}

#[test]
fn shipped_data_meets_the_labelling_floor() {
    // the sizes issue 9 asks of the team-written data: 8,000 rows, 2,500 of them speech about other
    // subjects (neutral in stance), and a real share of each side
    let data = shipped_data();
    assert!(data.rows.len() >= 8000, "{} rows", data.rows.len());
    let about = data.counts(standpoint::Task::Relevance);
    assert!(about[1] >= 2500, "{} rows about other subjects", about[1]);
    assert!(
        data.rows
            .iter()
            .all(|r| r.about != Some(1) || r.stance == Some(2)),
        "rows about other subjects are neutral in stance"
    );
    let c = data.counts(standpoint::Task::Stance);
    let n: usize = c.iter().sum();
    for (label, k) in standpoint::Task::Stance.labels().iter().zip(c) {
        assert!(
            k * 6 >= n,
            "stance {label}: {k} of {n} rows is below a sixth"
        );
    }
}

#[test]
fn train_save_load_predict_round_trip_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    for out in [&a, &b] {
        let o = run(&[
            "train",
            "--data",
            "tests/fixtures/small.csv",
            "--out",
            path_str(out),
            "--min-df",
            "1",
            "--folds",
            "3",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("3-fold cross-validated macro-F1"));
    }
    assert_eq!(
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        "same data and options, same bytes"
    );

    // the library gives the same model, and the saved one predicts the same probabilities
    let data = labelled::read(
        &root().join("tests/fixtures/small.csv"),
        &Columns::default(),
        None,
    )
    .unwrap();
    let mut params = TrainParams::default();
    params.vectorizer.min_df = 1;
    params.folds = 3; // as `--folds 3` above: the same cross-validation fits the same temperatures
    let trained = Model::train(&data, &params).unwrap();
    let loaded = Model::load(&a).unwrap();
    for text in [
        "We will never accept these talks.",
        "The meeting is on Friday.",
        "We welcome dialogue.",
    ] {
        let u = Unit::plain(text);
        for task in standpoint::Task::ALL {
            let p1 = trained.classifier(task).unwrap().predict_proba(&u);
            let p2 = loaded.classifier(task).unwrap().predict_proba(&u);
            assert_eq!(p1, p2, "{task} probabilities for {text:?}");
        }
    }
    assert!(
        loaded
            .stance
            .unwrap()
            .predict_proba(&Unit::plain("We will never negotiate with them."))
            .iter()
            .cloned()
            .fold(0.0, f64::max)
            > 0.34
    );
}

#[test]
fn model_bytes_do_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "2", "3"] {
        let out = dir.path().join(format!("m{threads}.json"));
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_standpoint"))
            .args([
                "train",
                "--data",
                "tests/fixtures/small.csv",
                "--min-df",
                "1",
                "--folds",
                "3",
                "--out",
            ])
            .arg(&out)
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(root())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        outputs.push(std::fs::read(&out).unwrap());
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
}
