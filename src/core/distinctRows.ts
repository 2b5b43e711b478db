/**
 * Groups the rows of a few numeric columns into distinct rows with counts: the "group identical
 * histories" step that makes the BG/NBD and Gamma-Gamma likelihoods cost O(distinct histories)
 * per evaluation instead of O(customers). Customers measured in days (and weeks of days/7) share
 * histories massively: a million simulated customers over 39 weeks have a few ten thousand distinct
 * (x, tₓ, T).
 *
 * An open-addressing hash table over the columns' bit patterns (values equal by `===`; 0 and −0 are
 * one value). Expected O(rows · columns) time, O(rows) memory; no strings, no per-row allocation.
 *
 * @example
 * const groups = distinctRows([Float64Array.of(1, 2, 1), Float64Array.of(5, 5, 5)], 3);
 * // groups.size === 2, groups.first → [0, 1], groups.count → [2, 1], groups.groupOf → [0, 1, 0]
 */

/** The distinct rows: `first[g]` is the first row of group g, `count[g]` its rows, `groupOf[row]` its group. */
export interface DistinctRows {
  readonly size: number;
  readonly first: Int32Array;
  readonly count: Float64Array;
  readonly groupOf: Int32Array;
}

import { runSteps, Steps } from "./steps";

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** 32-bit hash of a double's bit pattern, mixed into `hash` (a multiply-xorshift step per word). */
function mix(hash: number, value: number): number {
  bits[0] = value === 0 ? 0 : value;
  hash = Math.imul(hash ^ words[0], 0x9e3779b1);
  hash ^= hash >>> 15;
  hash = Math.imul(hash ^ words[1], 0x85ebca77);
  return hash ^ (hash >>> 13);
}

/** The distinct rows among the first `rows` rows of `columns` (see the module comment). */
export function distinctRows(columns: readonly ArrayLike<number>[], rows: number): DistinctRows {
  return runSteps(distinctRowsSteps(columns, rows));
}

/** {@link distinctRows} in steps of `chunk` rows, for a caller that paces the work (see steps.ts). */
export function* distinctRowsSteps(
  columns: readonly ArrayLike<number>[],
  rows: number,
  chunk = 16384,
): Steps<DistinctRows> {
  let capacity = 16;
  while (capacity < rows * 2) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1); // slot → group
  const first = new Int32Array(rows);
  const count = new Float64Array(rows);
  const groupOf = new Int32Array(rows);
  let size = 0;
  const width = columns.length;
  for (let row = 0; row < rows; row++) {
    if (row % chunk === chunk - 1) yield { stage: "group", done: row, total: rows };
    let hash = 0x811c9dc5;
    for (let c = 0; c < width; c++) hash = mix(hash, columns[c][row]);
    let slot = hash & mask;
    for (;;) {
      const group = table[slot];
      if (group === -1) {
        table[slot] = size;
        first[size] = row;
        count[size] = 1;
        groupOf[row] = size++;
        break;
      }
      if (sameRow(columns, width, first[group], row)) {
        count[group]++;
        groupOf[row] = group;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { size, first: first.slice(0, size), count: count.slice(0, size), groupOf };
}

function sameRow(columns: readonly ArrayLike<number>[], width: number, a: number, b: number): boolean {
  for (let c = 0; c < width; c++) if (columns[c][a] !== columns[c][b]) return false;
  return true;
}
