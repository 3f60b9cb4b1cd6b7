//! The fuzz targets of `fuzz/` on stable: a few thousand deterministic inputs per target (random
//! bytes, and the gold articles and example files mutated byte by byte and spliced with quote
//! marks and cue words from `fuzz/quotes.dict`), calling the same `standpoint::fuzzing`
//! functions as cargo-fuzz does. Each function panics on a broken invariant (a quote span that
//! does not slice the text, a non-finite probability, an error that does not name its file).

mod common;

use common::root;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The dictionary's entries, unescaped.
fn dictionary() -> Vec<Vec<u8>> {
    let text = std::fs::read_to_string(root().join("fuzz/quotes.dict")).unwrap();
    text.lines()
        .filter(|l| l.starts_with('"'))
        .map(|l| {
            let inner = &l[1..l.len() - 1];
            let mut out = Vec::new();
            let b = inner.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
                    out.push(u8::from_str_radix(&inner[i + 2..i + 4], 16).unwrap());
                    i += 4;
                } else if b[i] == b'\\' {
                    out.push(b[i + 1]);
                    i += 2;
                } else {
                    out.push(b[i]);
                    i += 1;
                }
            }
            out
        })
        .collect()
}

/// `n` inputs: random bytes, and mutations of the seeds (flip, insert a dictionary entry,
/// delete a range, splice two seeds).
fn inputs(seeds: &[Vec<u8>], n: usize, salt: u64) -> Vec<Vec<u8>> {
    let dict = dictionary();
    assert!(dict.len() > 30, "dictionary read");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ salt);
    (0..n)
        .map(|i| {
            if i % 5 == 0 {
                let len = rng.below(300);
                return (0..len).map(|_| rng.next() as u8).collect();
            }
            let mut v = seeds[rng.below(seeds.len())].clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(v.len() + 1);
                match rng.below(4) {
                    0 if !v.is_empty() => {
                        let j = rng.below(v.len());
                        v[j] ^= 1 << rng.below(8);
                    }
                    1 => {
                        let d = &dict[rng.below(dict.len())];
                        v.splice(at..at, d.iter().copied());
                    }
                    2 if at < v.len() => {
                        let end = (at + rng.below(40)).min(v.len());
                        v.drain(at..end);
                    }
                    _ => {
                        let other = &seeds[rng.below(seeds.len())];
                        let from = rng.below(other.len() + 1);
                        let to = (from + rng.below(200)).min(other.len());
                        v.splice(at..at, other[from..to].iter().copied());
                    }
                }
            }
            v
        })
        .collect()
}

fn files(dir: &str, ext: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn article_text_target() {
    let model = standpoint::Model::load(&root().join("models/negotiation.json")).unwrap();
    let mut seeds = files("tests/gold", "txt");
    seeds.extend(files("examples", "txt"));
    // short pieces, so a few thousand runs stay fast in a debug build
    let seeds: Vec<Vec<u8>> = seeds
        .iter()
        .flat_map(|s| s.chunks(400).map(<[u8]>::to_vec).collect::<Vec<_>>())
        .collect();
    for input in inputs(&seeds, 2000, 1) {
        standpoint::fuzzing::article_text(&model, &input);
    }
}

#[test]
fn json_line_target() {
    let seeds: Vec<Vec<u8>> = [
        r#"{"id":"a","title":"T","date":"2020-01-01","text":"\"No,\" she said."}"#,
        r#"{"text":"&quot;Yes,&quot; the minister said.","source":"x"}"#,
        r#"{"html":"<html><body><article><p>\"We agree,\" the mayor said.</p></article></body></html>"}"#,
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    for input in inputs(&seeds, 3000, 2) {
        standpoint::fuzzing::json_line(&input);
    }
}

#[test]
fn labelled_csv_target() {
    let seeds = vec![std::fs::read(root().join("tests/fixtures/small.csv")).unwrap()];
    for input in inputs(&seeds, 1500, 3) {
        standpoint::fuzzing::labelled_csv(&input);
    }
}

#[test]
fn model_json_target() {
    // a small model, so each mutation parses quickly
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.json");
    let o = common::run(&[
        "train",
        "--data",
        "tests/fixtures/small.csv",
        "--out",
        m.to_str().unwrap(),
        "--folds",
        "0",
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let seeds = vec![std::fs::read(&m).unwrap()];
    let mut loaded = 0;
    for input in inputs(&seeds, 1500, 4) {
        standpoint::fuzzing::model_json(&input);
        loaded += usize::from(standpoint::Model::from_json(&input, &m).is_ok());
    }
    // mutations of numbers keep some models loadable: the predict check ran on them
    assert!(loaded > 0);
}

#[test]
fn alias_csv_target() {
    let seeds: Vec<Vec<u8>> = [
        "alias,canonical\nOsei,Daniel Osei\n",
        "alias,canonical,kind\nthe union,Coastal Dockworkers Union,organization\n",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    for input in inputs(&seeds, 1500, 5) {
        standpoint::fuzzing::alias_csv(&input);
    }
}

/// Every input a `cargo fuzz` run found crashing (tests/fixtures/fuzz-crashes/<target>-<hash>.bin),
/// replayed through its target: each must now run without a panic.
#[test]
fn fuzz_crashes_stay_fixed() {
    let model = standpoint::Model::load(&root().join("models/negotiation.json")).unwrap();
    let crashes = files("tests/fixtures/fuzz-crashes", "bin");
    assert!(
        !crashes.is_empty(),
        "the crash folder holds the inputs found so far"
    );
    for input in crashes {
        standpoint::fuzzing::article_text(&model, &input);
    }
}
