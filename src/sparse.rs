//! A compressed sparse row (CSR) matrix of `f64`, the layout the vectorizer produces and the
//! sparse logistic regression consumes.
//!
//! Row `i` holds the entries `indices[indptr[i]..indptr[i + 1]]` (column indices, strictly
//! increasing within a row) with values `data[indptr[i]..indptr[i + 1]]`. Column indices are `u32`
//! (vocabularies stay far below 4 billion terms), which halves the memory traffic of the solver's
//! inner loop compared with `usize`.
//!
//! ```
//! use standpoint::sparse::CsrMatrix;
//!
//! let mut m = CsrMatrix::new(4);
//! m.push_row(&[(0, 1.0), (3, 2.0)]);
//! m.push_row(&[]);
//! m.push_row(&[(2, 0.5)]);
//! assert_eq!(m.shape(), (3, 4));
//! assert_eq!(m.nnz(), 3);
//! assert_eq!(m.row(0).collect::<Vec<_>>(), [(0, 1.0), (3, 2.0)]);
//! assert_eq!(m.to_dense()[(2, 2)], 0.5);
//! ```

use ndarray::Array2;

/// A CSR matrix of shape `(n_rows, n_cols)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CsrMatrix {
    n_cols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    data: Vec<f64>,
}

impl CsrMatrix {
    /// An empty matrix with `n_cols` columns and no rows.
    pub fn new(n_cols: usize) -> Self {
        CsrMatrix {
            n_cols,
            indptr: vec![0],
            indices: Vec::new(),
            data: Vec::new(),
        }
    }

    /// Builds a matrix from raw CSR arrays.
    ///
    /// # Panics
    /// When the arrays are inconsistent: `indptr` not starting at 0, not non-decreasing, not
    /// ending at `indices.len()`, `indices` and `data` of different lengths, a column index
    /// `≥ n_cols`, or column indices not strictly increasing within a row.
    pub fn from_parts(
        n_cols: usize,
        indptr: Vec<usize>,
        indices: Vec<u32>,
        data: Vec<f64>,
    ) -> Self {
        assert_eq!(indptr.first(), Some(&0), "indptr must start at 0");
        assert_eq!(
            *indptr.last().expect("indptr"),
            indices.len(),
            "indptr must end at nnz"
        );
        assert_eq!(
            indices.len(),
            data.len(),
            "indices and data differ in length"
        );
        for w in indptr.windows(2) {
            assert!(w[0] <= w[1], "indptr must not decrease");
            let row = &indices[w[0]..w[1]];
            assert!(
                row.windows(2).all(|p| p[0] < p[1]),
                "column indices must increase within a row"
            );
            assert!(
                row.iter().all(|&c| (c as usize) < n_cols),
                "column index out of range"
            );
        }
        CsrMatrix {
            n_cols,
            indptr,
            indices,
            data,
        }
    }

    /// Appends a row given as `(column, value)` pairs with strictly increasing columns.
    ///
    /// # Panics
    /// When a column is out of range or the columns are not strictly increasing.
    pub fn push_row(&mut self, entries: &[(u32, f64)]) {
        let mut prev: Option<u32> = None;
        for &(c, v) in entries {
            assert!((c as usize) < self.n_cols, "column {c} out of range");
            assert!(
                prev.is_none_or(|p| p < c),
                "columns must increase within a row"
            );
            prev = Some(c);
            self.indices.push(c);
            self.data.push(v);
        }
        self.indptr.push(self.indices.len());
    }

    /// Appends all rows of `other` (same number of columns).
    ///
    /// # Panics
    /// When the column counts differ.
    pub fn append(&mut self, other: &CsrMatrix) {
        assert_eq!(self.n_cols, other.n_cols, "column counts differ");
        let base = self.indices.len();
        self.indices.extend_from_slice(&other.indices);
        self.data.extend_from_slice(&other.data);
        self.indptr
            .extend(other.indptr[1..].iter().map(|p| p + base));
    }

    /// `(n_rows, n_cols)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.n_rows(), self.n_cols)
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Column indices and values of row `i`.
    pub fn row_slices(&self, i: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.indptr[i], self.indptr[i + 1]);
        (&self.indices[a..b], &self.data[a..b])
    }

    /// Iterates over `(column, value)` of row `i`.
    pub fn row(&self, i: usize) -> impl Iterator<Item = (u32, f64)> + '_ {
        let (idx, val) = self.row_slices(i);
        idx.iter().copied().zip(val.iter().copied())
    }

    /// A new matrix holding the given rows, in the given order.
    pub fn select_rows(&self, rows: &[usize]) -> CsrMatrix {
        let mut out = CsrMatrix::new(self.n_cols);
        let nnz: usize = rows
            .iter()
            .map(|&r| self.indptr[r + 1] - self.indptr[r])
            .sum();
        out.indices.reserve(nnz);
        out.data.reserve(nnz);
        out.indptr.reserve(rows.len());
        for &r in rows {
            let (idx, val) = self.row_slices(r);
            out.indices.extend_from_slice(idx);
            out.data.extend_from_slice(val);
            out.indptr.push(out.indices.len());
        }
        out
    }

    /// Columns that hold at least one stored entry, as a mask of length `n_cols`.
    pub fn used_columns(&self) -> Vec<bool> {
        let mut used = vec![false; self.n_cols];
        for &c in &self.indices {
            used[c as usize] = true;
        }
        used
    }

    /// The same rows with column `c` renamed `new_index[c]` in a matrix of `n_cols` columns.
    ///
    /// # Panics
    /// When `new_index` is not increasing on the used columns or maps out of range.
    pub fn remap_columns(&self, new_index: &[u32], n_cols: usize) -> CsrMatrix {
        let indices: Vec<u32> = self
            .indices
            .iter()
            .map(|&c| new_index[c as usize])
            .collect();
        CsrMatrix::from_parts(n_cols, self.indptr.clone(), indices, self.data.clone())
    }

    /// The dense matrix, shape `(n_rows, n_cols)`: for linfa-logistic and small tests only.
    pub fn to_dense(&self) -> Array2<f64> {
        let mut x = Array2::zeros(self.shape());
        for r in 0..self.n_rows() {
            for (c, v) in self.row(r) {
                x[(r, c as usize)] = v;
            }
        }
        x
    }

    /// Bytes held by the three arrays (for memory reports).
    pub fn heap_bytes(&self) -> usize {
        self.indptr.len() * std::mem::size_of::<usize>()
            + self.indices.len() * 4
            + self.data.len() * 8
    }
}

impl linfa::dataset::Records for CsrMatrix {
    type Elem = f64;
    fn nsamples(&self) -> usize {
        self.n_rows()
    }
    fn nfeatures(&self) -> usize {
        self.n_cols
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_and_append_keep_rows() {
        let m = CsrMatrix::from_parts(3, vec![0, 2, 2, 3], vec![0, 2, 1], vec![1.0, 2.0, 3.0]);
        let s = m.select_rows(&[2, 0]);
        assert_eq!(s.row(0).collect::<Vec<_>>(), [(1, 3.0)]);
        assert_eq!(s.row(1).collect::<Vec<_>>(), [(0, 1.0), (2, 2.0)]);
        let mut a = s.clone();
        a.append(&m);
        assert_eq!(a.n_rows(), 5);
        assert_eq!(a.row(4).collect::<Vec<_>>(), [(1, 3.0)]);
        assert_eq!(a.row(3).count(), 0);
    }

    #[test]
    #[should_panic(expected = "increase")]
    fn unsorted_rows_are_refused() {
        CsrMatrix::from_parts(3, vec![0, 2], vec![2, 1], vec![1.0, 1.0]);
    }
}
