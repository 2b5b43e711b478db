/**
 * Selection (Hoare's FIND / quickselect) on a Float64Array, in place.
 *
 * After `selectInPlace(a, k)`, `a[k]` holds the value that would be at index `k` if `a` were sorted
 * ascending, every element before `k` is ≤ it and every element after is ≥ it. Expected O(n), no
 * allocation. Hoare partitioning with a median-of-three pivot keeps columns with many equal values
 * (ratings, zeros) linear instead of quadratic.
 *
 * @example
 * const a = Float64Array.of(5, 1, 4, 2, 3);
 * selectInPlace(a, 2); a[2] // => 3
 */
export function selectInPlace(a: Float64Array, k: number, from = 0, to = a.length - 1): void {
  let lo = from;
  let hi = to;
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    // Median of three, moved so that a[lo] <= a[mid] <= a[hi].
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Now a[lo..j] <= pivot <= a[i..hi], and anything between j and i equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
