/** One cell of the RFM grid (see {@link rfmGrid}). */
export interface RfmGridCell {
  recencyScore: number;
  frequencyScore: number;
  customers: number;
  /** Mean monetary value of the cell's customers; null when the cell has none. */
  meanMonetary: number | null;
}

/** Scores run 1 … SCORES. */
const SCORES = 5;

/**
 * The RFM grid: customers and their mean monetary value per cell of recency score × frequency
 * score (1–5 each), the heatmap R's `rfm` package draws (`rfm_heatmap`): where the valuable
 * customers sit between "bought recently" and "buys often".
 *
 * Cells come recency-major: recency 1 with frequency 1 … 5, then recency 2, …, 25 cells in all,
 * each present even when empty (customers 0, meanMonetary null), so a chart or a table always has
 * the full 5 × 5. Scores are 1–5 per customer; rows with `mask` 0 are left out. O(n).
 *
 * @example
 * // two customers at R 5 / F 5 with 100 and 300, one at R 1 / F 1 with 10
 * rfmGrid(Uint8Array.of(5, 5, 1), Uint8Array.of(5, 5, 1), Float64Array.of(100, 300, 10), Uint8Array.of(1, 1, 1))
 * // => cell R 5 F 5: { customers: 2, meanMonetary: 200 }; R 1 F 1: { customers: 1, meanMonetary: 10 }; others empty
 */
export function rfmGrid(
  recencyScores: ArrayLike<number>,
  frequencyScores: ArrayLike<number>,
  monetary: ArrayLike<number>,
  mask: ArrayLike<number>,
): RfmGridCell[] {
  const counts = new Float64Array(SCORES * SCORES);
  const sums = new Float64Array(SCORES * SCORES);
  for (let i = 0; i < monetary.length; i++) {
    if (!mask[i]) continue;
    const cell = (recencyScores[i] - 1) * SCORES + (frequencyScores[i] - 1);
    counts[cell]++;
    sums[cell] += monetary[i];
  }
  const cells: RfmGridCell[] = [];
  for (let r = 1; r <= SCORES; r++) {
    for (let f = 1; f <= SCORES; f++) {
      const cell = (r - 1) * SCORES + (f - 1);
      cells.push({
        recencyScore: r,
        frequencyScore: f,
        customers: counts[cell],
        meanMonetary: counts[cell] === 0 ? null : sums[cell] / counts[cell],
      });
    }
  }
  return cells;
}
