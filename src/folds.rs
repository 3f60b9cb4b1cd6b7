//! Group k-fold assignment for cross-validation: every row of a group (e.g. all sentences about
//! one debate topic) lands in the same fold, so no group is in both a training and a validation
//! part, and the folds keep the label proportions as closely as whole groups allow (as
//! scikit-learn's `StratifiedGroupKFold`).

use crate::error::{Error, Result};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use std::collections::BTreeMap;

/// Assigns each row to one of `k` folds, keeping the rows of each group together.
///
/// `y[i]` is row i's label index (any small integers) and `groups[i]` its group value; the two
/// slices have the same length. Groups are taken from the largest to the smallest (groups of
/// equal size in an order shuffled by a ChaCha8 generator seeded by `seed`), and each goes to the
/// fold where it unbalances the labels least: the fold minimising Σ_labels count(fold, label) ×
/// count(group, label) / count(label), i.e. the growth of the folds' sum of squared per-label
/// shares; ties go to the smallest fold, then the lowest index.
///
/// Returns the fold index (0..k) of each row. Same `y`, `groups`, `k` and `seed` ⇒ same folds.
///
/// # Errors
/// [`Error::InvalidParameter`] when `k` < 2, the slices differ in length, or there are fewer
/// distinct groups than folds (a fold would be empty).
pub fn group_folds(y: &[usize], groups: &[&str], k: usize, seed: u64) -> Result<Vec<usize>> {
    if k < 2 || y.len() != groups.len() {
        return Err(Error::InvalidParameter(format!(
            "group folds need k ≥ 2 and one group per row (k = {k}, {} labels, {} groups)",
            y.len(),
            groups.len()
        )));
    }
    let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        members.entry(g).or_default().push(i);
    }
    if members.len() < k {
        return Err(Error::InvalidParameter(format!(
            "{} distinct groups for {k} folds: every fold needs at least one group \
             (use at most {} folds, or a column with more values)",
            members.len(),
            members.len()
        )));
    }
    let n_labels = y.iter().max().map_or(1, |m| m + 1);
    let mut totals = vec![0usize; n_labels];
    for &l in y {
        totals[l] += 1;
    }
    let mut order: Vec<Vec<usize>> = members.into_values().collect();
    order.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(seed));
    order.sort_by_key(|rows| std::cmp::Reverse(rows.len()));
    let mut counts = vec![vec![0usize; n_labels]; k];
    let mut sizes = vec![0usize; k];
    let mut fold = vec![0; y.len()];
    for rows in order {
        let mut g = vec![0usize; n_labels];
        for &i in &rows {
            g[y[i]] += 1;
        }
        let cost = |f: usize| -> f64 {
            (0..n_labels)
                .filter(|&c| g[c] > 0)
                .map(|c| (counts[f][c] * g[c]) as f64 / totals[c] as f64)
                .sum()
        };
        let best = (0..k)
            .min_by(|&a, &b| {
                cost(a)
                    .total_cmp(&cost(b))
                    .then(sizes[a].cmp(&sizes[b]))
                    .then(a.cmp(&b))
            })
            .expect("k ≥ 2");
        for &i in &rows {
            fold[i] = best;
        }
        for c in 0..n_labels {
            counts[best][c] += g[c];
        }
        sizes[best] += rows.len();
    }
    Ok(fold)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 40 groups of 1 to 12 rows, labels cycling within each group.
    fn data() -> (Vec<usize>, Vec<String>) {
        let mut y = Vec::new();
        let mut g = Vec::new();
        for t in 0..40 {
            for j in 0..(1 + (t * 7) % 12) {
                y.push((t + j) % 3);
                g.push(format!("topic{t}"));
            }
        }
        (y, g)
    }

    #[test]
    fn no_group_is_split_and_folds_are_balanced() {
        let (y, g) = data();
        let gs: Vec<&str> = g.iter().map(String::as_str).collect();
        let f = group_folds(&y, &gs, 5, 42).unwrap();
        let mut fold_of: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, name) in gs.iter().enumerate() {
            assert_eq!(*fold_of.entry(name).or_insert(f[i]), f[i], "{name} split");
        }
        let sizes: Vec<usize> = (0..5)
            .map(|k| f.iter().filter(|&&x| x == k).count())
            .collect();
        let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        // the largest group has 12 rows: balance within one group
        assert!(max - min <= 12, "sizes {sizes:?}");
        assert!(*min > 0);
        // labels stay near their overall shares in every fold
        for k in 0..5 {
            let rows: Vec<usize> = (0..y.len()).filter(|&i| f[i] == k).collect();
            for c in 0..3 {
                let share = rows.iter().filter(|&&i| y[i] == c).count() as f64 / rows.len() as f64;
                let all = y.iter().filter(|&&l| l == c).count() as f64 / y.len() as f64;
                assert!(
                    (share - all).abs() < 0.1,
                    "fold {k} label {c}: {share} vs {all}"
                );
            }
        }
    }

    #[test]
    fn folds_are_deterministic_and_seeded() {
        let (y, g) = data();
        let gs: Vec<&str> = g.iter().map(String::as_str).collect();
        let f = group_folds(&y, &gs, 5, 7).unwrap();
        assert_eq!(f, group_folds(&y, &gs, 5, 7).unwrap());
        // equal-sized groups are shuffled by the seed
        let seeds: Vec<Vec<usize>> = (0..4)
            .map(|s| group_folds(&y, &gs, 5, s).unwrap())
            .collect();
        assert!(seeds.iter().any(|s| *s != f));
    }

    #[test]
    fn fewer_groups_than_folds_is_an_error() {
        let y = [0, 1, 0, 1];
        let e = group_folds(&y, &["a", "a", "b", "c"], 5, 1).unwrap_err();
        assert!(
            e.to_string().contains("3 distinct groups for 5 folds"),
            "{e}"
        );
        assert!(group_folds(&y, &["a", "a", "b", "c"], 3, 1).is_ok());
    }
}
