//! Partial tables end to end: shards scored with `score --partial` and combined with `merge`
//! print what one run prints.

mod common;
use common::*;

/// The 295-article Wikinews corpus in 7 uneven shards (1 to 90 articles), scored shard by
/// shard, merged: CSV and JSON byte-identical to one run. Needs `../shared`.
#[test]
fn seven_uneven_shards_merge_to_the_single_run() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("articles/wikinews-2019-2020.jsonl");
    let text = std::fs::read_to_string(&corpus).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 295);
    let cuts = [0, 3, 40, 41, 120, 200, 290, 295];
    let dir = tempfile::tempdir().unwrap();
    let mut parts = Vec::new();
    for (i, w) in cuts.windows(2).enumerate() {
        let shard = dir.path().join(format!("shard{i}.jsonl"));
        std::fs::write(&shard, lines[w[0]..w[1]].join("\n") + "\n").unwrap();
        let part = dir.path().join(format!("part{i}.json"));
        let o = run(&["score", path_str(&shard), "--partial", path_str(&part)]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).is_empty(), "a partial run prints no table");
        parts.push(part.to_str().unwrap().to_string());
    }
    for format in ["csv", "json"] {
        let one = run(&["score", path_str(&corpus), "--format", format]);
        assert!(one.status.success(), "{}", stderr(&one));
        let mut args = vec!["merge", "--format", format];
        args.extend(parts.iter().map(String::as_str));
        let merged = run(&args);
        assert!(merged.status.success(), "{}", stderr(&merged));
        assert!(one.stdout.len() > 10_000, "{format} output too small");
        assert!(
            one.stdout == merged.stdout,
            "{format}: merged shards differ from the single run"
        );
    }
    // the run-level name join happened across shards: no one-word person name in the merged
    // table has a single longer name ending with it
    let merged = run(&[
        &["merge", "--format", "csv"][..],
        &parts.iter().map(String::as_str).collect::<Vec<_>>(),
    ]
    .concat());
    let mut rdr = csv::Reader::from_reader(merged.stdout.as_slice());
    let rows: Vec<(String, String)> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[1].to_string(), r[2].to_string())
        })
        .collect();
    for (name, kind) in rows
        .iter()
        .filter(|(n, k)| k == "person" && !n.contains(' '))
    {
        let longer = rows
            .iter()
            .filter(|(n, k)| k == kind && n.ends_with(&format!(" {name}")))
            .count();
        assert_ne!(longer, 1, "`{name}` should have joined its longer name");
    }
}

#[test]
fn partials_of_different_models_are_refused_and_tables_match() {
    let dir = tempfile::tempdir().unwrap();
    // the same model with one more byte: another digest
    let mut bytes = std::fs::read(root().join("models/negotiation.json")).unwrap();
    bytes.push(b' ');
    let other = dir.path().join("other.json");
    std::fs::write(&other, bytes).unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    let ex = "examples/harbour-strike-talks.txt";
    assert!(
        run(&["score", ex, "--partial", path_str(&a)])
            .status
            .success()
    );
    let o = run(&[
        "score",
        ex,
        "--partial",
        path_str(&b),
        "--model",
        path_str(&other),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["merge", path_str(&a), path_str(&b)]);
    assert_clean_failure(&o, "partials of different models do not merge");
    assert!(stderr(&o).contains("b.json"));
    // one partial merged alone prints the table of its run
    let one = run(&["score", ex, "--format", "markdown"]);
    let merged = run(&["merge", path_str(&a), "--format", "markdown"]);
    assert_eq!(stdout(&one), stdout(&merged));
    // a file that is not a partial names itself and the field
    let o = run(&["merge", "models/negotiation.json"]);
    assert_clean_failure(
        &o,
        "negotiation.json:0: field `format`: not a standpoint partial",
    );
}
