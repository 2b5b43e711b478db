/**
 * Why a run (or the preview, or "Remove results") stopped: a code and the facts behind it, with no
 * words yet. The words come from one catalogue (`problemText.ts`) in the vocabulary of the surface
 * the user is on: the pane names its controls ("choose it in the column mapping", "Skip these
 * rows"), the runner its flags (`--map value=HEADER`, `--skip-invalid`). Faces decide by `code` and
 * the details, never by the text.
 */
import type { CellValue } from "../workbook/workbook";
import type { OrderProblemKind } from "../core/orderLog";
import type { Role } from "./types";

/** A column of the table as messages name it: `column C "Revenue" (value)`. */
export interface ColumnRef {
  /** Sheet column letters, e.g. "C". */
  letter: string;
  header: string;
  role: Role;
}

/** Some rows of a column: how many in all, and the first few Excel row numbers (1-based). */
export interface RowList {
  count: number;
  rows: number[];
}

/** Cells of a mapped numeric column that are not numbers, by what they are instead. */
export interface InvalidCells {
  column: ColumnRef;
  blank: RowList;
  text: RowList;
  /** Error values (`#N/A`, `#REF!`…), with the distinct ones seen. */
  errors: RowList & { values: string[] };
  logical: RowList;
  notFinite: RowList;
}

/** What a failed write left behind after removing what it had written. */
export interface Rollback {
  /** The summary sheet the run was adding. */
  sheet: string;
  /** The user had agreed to overwrite non-empty cells and the run had started writing over them. */
  overwrote: boolean;
  /** Those cells were put back (true), could not be on this host (false); null when none. */
  restored: boolean | null;
  /** Removing what was written failed too: its message; null when the removal worked. */
  failed: string | null;
  /** Other sheets the run was adding (the order log's `CX Customers`). */
  otherSheets?: string[];
}

/** The named steps of a run (see `run.ts`); unexpected errors say in which one they happened. */
export type Stage =
  | "locate"
  | "check"
  | "read"
  | "customers"
  | "score"
  | "planWrites"
  | "write"
  | "remember"
  | "preview"
  | "remove";

/** Settings a problem can be about; each surface names them its own way. */
export type SettingKey =
  | "method"
  | "mapping"
  | "valueCut"
  | "matchCut"
  | "labels"
  | "asOf"
  | "rfmCuts.recency"
  | "rfmCuts.frequency"
  | "rfmCuts.monetary"
  | "abc"
  | "period"
  | "horizon"
  | "margin"
  | "discount"
  | "penalty"
  | "source"
  | "source.asOf"
  | "source.period"
  | "retention.period"
  | "retention.margin"
  | "retention.discount";

/** One bad order row as a message names it: its Excel row, the column, what is wrong, the cell. */
export interface BadOrderRow {
  row: number;
  column: ColumnRef;
  kind: OrderProblemKind;
  value: CellValue;
}

/**
 * A rule a method's rows must keep beyond holding numbers, named so each surface words it (the
 * lifetime-value method's purchase histories: `methods/clv.ts`).
 */
export type RowRule =
  | "purchases-below-one"
  | "purchases-not-whole"
  | "last-before-first"
  | "first-after-as-of"
  | "last-after-as-of"
  | "one-purchase-two-days"
  | "average-value-missing"
  | "average-value-not-positive";

/** The rows that break one rule, and the columns the rule is about. */
export interface BrokenRule {
  rule: RowRule;
  columns: ColumnRef[];
  cells: RowList;
}

export type ProblemDetails =
  | { code: "empty-selection" }
  | { code: "sheet-not-found"; sheet: string; sheets: string[] }
  | { code: "table-not-found"; table: string; tables: string[] }
  /** The header row holds numbers or logicals: the selection has no header row. */
  | { code: "no-header"; headerRow: number; cells: { address: string; text: string }[] }
  /** One filled cell above a row that looks like headers: a title, not the header row. */
  | { code: "title-row"; titleRow: number; titleAddress: string; title: string; headers: string[] }
  /**
   * Header cells that are blank; `mergedWith` lists those right of a filled header, which is what a
   * merged header cell looks like from its values (only its first cell holds the text).
   */
  | {
      code: "blank-headers";
      headerRow: number;
      columns: string[];
      mergedWith: { blank: string; range: string; header: string }[];
    }
  | {
      code: "duplicate-headers";
      headerRow: number;
      duplicates: { header: string; first: string; second: string }[];
    }
  | { code: "unmapped-column"; methodName: string; roles: Role[]; headers: string[] }
  /** An order log without its customer, order date or amount column. */
  | { code: "unmapped-order-column"; roles: Role[]; headers: string[] }
  /** Order rows that cannot be used (`src/core/orderLog.ts`): the first few in full, and how many. */
  | { code: "bad-order-rows"; badRows: BadOrderRow[]; count: number; allowReturns: boolean }
  /** Every order of the log is dated after the as-of date. */
  | { code: "no-orders-by-as-of"; asOf: string; afterAsOf: number }
  /** From an order log with returns: customers whose returns outweigh their purchases, for a method that needs 0 or more. */
  | { code: "negative-totals"; methodName: string; customers: string[]; count: number }
  | { code: "no-data"; reason: "no-rows"; headerRow: number }
  | { code: "no-data"; reason: "no-valid-rows"; headers: string[] }
  | { code: "no-data"; reason: "nothing-to-remove" }
  | { code: "protected-sheet"; sheet: string }
  | { code: "filtered-table"; hiddenRows: number }
  /** `rule` completes a sentence whose subject is the setting: "must be a number". */
  | { code: "invalid-setting"; setting: SettingKey; rule: string }
  | { code: "non-numeric"; columns: InvalidCells[] }
  | { code: "negative-values"; methodName: string; column: ColumnRef; cells: RowList }
  /**
   * Rows that break the method's own rules (each row counted under the first rule it breaks);
   * `asOf` (yyyy-mm-dd) where a rule is about the as-of date.
   */
  | { code: "invalid-rows"; methodName: string; asOf: string | null; rules: BrokenRule[] }
  /** A model cannot be fitted to these customers; `reason` is the model's own sentence (`src/core/messages.ts`). */
  | { code: "model-not-identified"; model: string; reason: string }
  /** A model's fit ended without a proper maximum: why (the optimiser's stop), from how many starts. */
  | { code: "fit-not-converged"; model: string; stop: string; starts: number }
  | { code: "zero-total"; methodName: string; column: ColumnRef }
  /** A sum or cut of the column leaves the finite range of numbers (about ±1.8E+308). */
  | { code: "number-overflow"; column: ColumnRef; what: "total" | "cut" }
  | { code: "cancelled"; rollback: Rollback | null }
  | { code: "declined-overwrite"; cells: string[] }
  | { code: "read-failed"; reason: string; stage: Stage }
  | { code: "write-failed"; reason: string; rollback: Rollback }
  | { code: "remove-failed"; reason: string; columns: string[]; sheet: string }
  /** A bug or an unexpected failure outside the workbook: where, and what was undone. */
  | { code: "internal-error"; reason: string; stage: Stage; rollback: Rollback | null };

export type ProblemCode = ProblemDetails["code"];

/**
 * A problem as a face shows it: the facts, the message in that face's words, and for the pane's
 * row list the first Excel rows concerned (`rows`) and how many in all (`count`).
 */
export type Problem = ProblemDetails & {
  message: string;
  rows?: number[];
  count?: number;
  /** The rows at fault can be left unsegmented instead ("Skip these rows", `--skip-invalid`). */
  skippable?: boolean;
};

/** How many row numbers a problem lists before it just counts. */
export const LISTED_ROWS = 10;

/** What a stage gives the next one, or the problem that stops the run there. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: ProblemDetails };

/** A stage passing its result on. */
export function pass<T>(value: T): Checked<T> {
  return { ok: true, value };
}

/** A stage stopping the run with a problem. */
export function stop(problem: ProblemDetails): { ok: false; problem: ProblemDetails } {
  return { ok: false, problem };
}
