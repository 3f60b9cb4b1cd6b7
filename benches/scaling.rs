//! Linear cost: time per paragraph of quote attribution (and of the whole scoring of an
//! article) at 100, 1,000 and 10,000 paragraphs of one article, for four paragraph shapes, with
//! the ratio of the per-paragraph cost at each length to the cost at 100 paragraphs (flat cost:
//! ratio 1; the goal is at most 1.5).
//!
//! Run with `cargo bench --bench scaling` (add `-- --quick` for 100 and 1,000 only). Every
//! figure comes from the same run; each is the best of several repetitions, so a noisy shared
//! machine inflates the ratios rather than hiding super-linear growth. Two clocks: wall time,
//! and the thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), which leaves out the time the thread
//! waited for a core; on a loaded machine a long run waits more than a short one, so the wall
//! ratios there overstate the growth and the CPU ratios are the cost.

use standpoint::attribution::extract;
use standpoint::corpus::Article;
use standpoint::model::Model;
use standpoint::score::Scorer;
use std::hint::black_box;
use std::time::{Duration, Instant};

const FIRST: [&str; 25] = [
    "Amara", "Bruno", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    "Kemal", "Lucia", "Mateo", "Nadia", "Oskar", "Paula", "Quentin", "Rosa", "Stefan", "Tamsin",
    "Umar", "Vera", "Wendell", "Ximena", "Yusuf",
];
const LAST: [&str; 40] = [
    "Abara",
    "Bellweather",
    "Castellano",
    "Dunmore",
    "Eriksen",
    "Falkner",
    "Gudmundsson",
    "Halloran",
    "Ivanova",
    "Jaramillo",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakashima",
    "Okonkwo",
    "Pellegrini",
    "Quarshie",
    "Rasmussen",
    "Szabo",
    "Tanaka",
    "Uddin",
    "Valdivia",
    "Whitlock",
    "Xavier",
    "Yamada",
    "Zielinski",
    "Achterberg",
    "Brannigan",
    "Cordeiro",
    "Delacroix",
    "Esposito",
    "Fairbairn",
    "Grimaldi",
    "Haddad",
    "Ibarra",
    "Jovanovic",
    "Kristiansen",
    "Lombardi",
    "Mbeki",
    "Novak",
];
const ORGS: [&str; 8] = [
    "Port Authority",
    "Transit Union",
    "Chamber of Trade",
    "Water Board",
    "Teachers Guild",
    "Rail Company",
    "Farmers Council",
    "Health Trust",
];

/// A distinct full name for paragraph `i` (1,000 of them, then they repeat).
fn name(i: usize) -> String {
    format!(
        "{} {}",
        FIRST[i % FIRST.len()],
        LAST[(i / FIRST.len()) % LAST.len()]
    )
}

/// Paragraph `i` of each shape.
fn paragraph(shape: &str, i: usize) -> String {
    let org = ORGS[i % ORGS.len()];
    match shape {
        "pronoun speakers" => format!(
            "{} arrived at the {org} office before noon. \u{201c}We need another week to look at item {i},\u{201d} she said.",
            name(i)
        ),
        "quotes without a cue" => format!(
            "\"Proposal {i} is still on the table and we expect an answer by the end of the month.\""
        ),
        "news paragraphs" => format!(
            "The {org} met on Tuesday to review budget line {i}, which {} had questioned in a letter to the board last spring.",
            name(i)
        ),
        "reported speech" => format!(
            "{}, a spokesperson for the {org}, said the talks on clause {i} would continue next week.",
            name(i)
        ),
        _ => unreachable!(),
    }
}

fn article(shape: &str, n: usize) -> String {
    (0..n)
        .map(|i| paragraph(shape, i))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The CPU time this thread has used so far: unlike wall time, it leaves out the time spent
/// waiting for a core, which on a shared machine grows with the length of a run.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec and the clock id is a constant libc defines
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// The best wall time and the best thread CPU time of `reps` runs of `f`.
fn best(reps: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let runs: Vec<(Duration, Duration)> = (0..reps)
        .map(|_| {
            let (t, c) = (Instant::now(), thread_cpu());
            f();
            (t.elapsed(), thread_cpu() - c)
        })
        .collect();
    (
        runs.iter().map(|r| r.0).min().unwrap(),
        runs.iter().map(|r| r.1).min().unwrap(),
    )
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let sizes: &[usize] = if quick {
        &[100, 1000]
    } else {
        &[100, 1000, 10000]
    };
    let model = Model::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/negotiation.json"
    )))
    .expect("shipped model");
    let scorer = Scorer::new(&model);
    println!(
        "| shape | stage | paragraphs | quotes | total ms | µs per paragraph | ratio to 100 | CPU µs per paragraph | CPU ratio to 100 |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for shape in [
        "pronoun speakers",
        "quotes without a cue",
        "news paragraphs",
        "reported speech",
    ] {
        for stage in ["attribution", "scoring"] {
            let mut base = None;
            for &n in sizes {
                let text = article(shape, n);
                let reps = (20_000 / n).clamp(7, 50);
                let quotes = extract(&text).quotes.len();
                let a = Article {
                    id: "bench".into(),
                    title: None,
                    date: None,
                    source: None,
                    text: text.clone(),
                };
                let (t, cpu) = match stage {
                    "attribution" => best(reps, || {
                        black_box(extract(black_box(&text)));
                    }),
                    _ => best(reps, || {
                        black_box(scorer.score(black_box(&a)));
                    }),
                };
                let per = t.as_secs_f64() * 1e6 / n as f64;
                let cpu_per = cpu.as_secs_f64() * 1e6 / n as f64;
                let (b, cb) = *base.get_or_insert((per, cpu_per));
                println!(
                    "| {shape} | {stage} | {n} | {quotes} | {:.1} | {per:.2} | {:.2} | {cpu_per:.2} | {:.2} |",
                    t.as_secs_f64() * 1e3,
                    per / b,
                    cpu_per / cb
                );
            }
        }
    }
}
