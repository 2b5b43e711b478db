/** One line of the benchmark table: a measured time against a baseline measured in the same run. */
export interface BenchRow {
  /** What was measured, e.g. "CX.SEGMENT, 1,048,576 rows, default medians". */
  name: string;
  /** Best of the runs, in milliseconds. */
  ms: number;
  /** The baseline's best time in the same run, in milliseconds. */
  baselineMs: number;
  /** ms / baselineMs. */
  ratio: number;
  /** What the baseline was, or anything a reader needs to interpret the row. */
  note?: string;
}
