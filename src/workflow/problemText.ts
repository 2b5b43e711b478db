/**
 * The one message catalogue of the workflow: a {@link ProblemDetails} becomes the sentence a user
 * reads. What is wrong is said the same way everywhere; how to fix it comes from the vocabulary of
 * the surface ({@link SurfaceWords}): the pane names its controls, the runner its flags. The pane's
 * vocabulary is here ({@link PANE_WORDS}, the default); the runner's is in `src/cli/runnerWords.ts`.
 */
import { messages } from "../core/messages";
import { roleName, isDateRole } from "./roles";
import type {
  BrokenRule,
  ColumnRef,
  InvalidCells,
  Problem,
  ProblemDetails,
  Rollback,
  RowList,
  RowRule,
  SettingKey,
  Stage,
} from "./problems";
import type { Role } from "./types";

/** How a surface tells the user to change something. */
export interface SurfaceWords {
  /** How to map the columns of these roles, e.g. "choose it in the column mapping". */
  mapColumns(roles: readonly Role[], headers: readonly string[]): string;
  /** How to map other columns for roles whose cells are wrong. */
  mapAnother(roles: readonly Role[]): string;
  /** How to leave the rows at fault unsegmented, e.g. `choose "Skip these rows"`. */
  skipRows: string;
  /** How to leave bad order rows out of an order log, e.g. `choose "Skip these rows"`. */
  skipOrders: string;
  /** How to count negative amounts as returns, e.g. `tick "Returns allowed"`. */
  allowReturns: string;
  /** What to do when there is no table to segment. */
  noTable: string;
  /** What to do about a title row above the header row. */
  titleRowFix: string;
  /** What to do about a table without a header row. */
  headerRowFix: string;
  /** How to agree to overwrite non-empty cells. */
  allowOverwrite: string;
  /** Doing something in Excel before running again: "Unprotect it (…)" → the full instruction. */
  inExcel(action: string): string;
  /** A setting's name as the surface shows it: "the typed value cut" or "--value-cut". */
  setting(key: SettingKey): string;
  /** Who had the unexpected error: "the add-in", "cx-segment". */
  product: string;
}

/** The task pane's words: its controls by their labels. */
export const PANE_WORDS: SurfaceWords = {
  mapColumns: (roles) => `choose ${roles.length === 1 ? "it" : "them"} in the column mapping`,
  mapAnother: (roles) => (roles.length === 1 ? "map another column" : "map other columns"),
  skipRows: 'choose "Skip these rows" to leave those rows unsegmented',
  skipOrders: 'choose "Skip these rows" to leave those orders out',
  allowReturns: 'tick "Negative amounts are returns"',
  noTable: "select a cell inside your customer table (or the whole table), then try again",
  titleRowFix:
    "Insert an empty row between the title and the table, or make the table an Excel table (Home › Format as Table), then select it again",
  headerRowFix: "Select a table with a header row, or type the headers as text",
  allowOverwrite: "agree to overwrite",
  inExcel: (action) => `${action} and run again`,
  setting: (key) => PANE_SETTINGS[key],
  product: "the add-in",
};

const PANE_SETTINGS: Record<SettingKey, string> = {
  method: "the method",
  mapping: "the column mapping",
  valueCut: "the typed value cut",
  matchCut: "the typed match cut",
  labels: "the segment labels",
  asOf: "the as-of date",
  "rfmCuts.recency": "the recency cut points",
  "rfmCuts.frequency": "the frequency cut points",
  "rfmCuts.monetary": "the monetary cut points",
  abc: "the ABC limits",
  period: "the period",
  horizon: "the horizon",
  margin: "the margin",
  discount: "the annual discount",
  penalty: "the penalty",
  source: "the table kind",
  "source.asOf": "the order log's as-of date",
  "source.period": "the period",
  "retention.period": "the retention period",
  "retention.margin": "the margin",
  "retention.discount": "the discount rate",
};

/** The problem with its message in the given words, and the rows a face lists. */
export function describeProblem(details: ProblemDetails, words: SurfaceWords = PANE_WORDS): Problem {
  return { ...details, ...wordsFor(details, words) } as Problem;
}

/** The message and listed rows of each problem. */
function wordsFor(
  p: ProblemDetails,
  w: SurfaceWords,
): { message: string; rows?: number[]; count?: number; skippable?: boolean } {
  switch (p.code) {
    case "empty-selection":
      return { message: `Nothing to segment here: ${w.noTable}.` };
    case "sheet-not-found":
      return {
        message: `There is no sheet "${p.sheet}" in this workbook (sheets: ${listOf(p.sheets)}).`,
      };
    case "table-not-found":
      return {
        message:
          p.tables.length === 0
            ? `There is no Excel table "${p.table}": there are no Excel tables here at all.`
            : `There is no Excel table "${p.table}" in this workbook (tables: ${listOf(p.tables)}).`,
      };
    case "no-header": {
      const one = p.cells.length === 1;
      return {
        message:
          `The first row of the table (row ${p.headerRow}) must hold column names, but ` +
          `${p.cells
            .slice(0, 5)
            .map((c) => `${c.address} (${c.text})`)
            .join(", ")} ${one ? "is a number or logical" : "are numbers or logicals"}. ${w.headerRowFix}.`,
        rows: [p.headerRow],
      };
    }
    case "title-row":
      return {
        message:
          `Row ${p.titleRow} holds only "${p.title}" (${p.titleAddress}), which looks like a title above the ` +
          `header row ${p.titleRow + 1} (${listOf(p.headers, 6)}), so the columns have no names in row ${p.titleRow}. ` +
          `${w.titleRowFix}.`,
        rows: [p.titleRow],
      };
    case "blank-headers": {
      const one = p.columns.length === 1;
      const merged =
        p.mergedWith.length === 0
          ? ""
          : ` If ${p.mergedWith.map((m) => m.range).join(", ")} ${p.mergedWith.length === 1 ? "is a merged cell" : "are merged cells"}: a merged header names only its first column; unmerge it and name each column.`;
      return {
        message: `Column${one ? "" : "s"} ${p.columns.join(", ")} ha${one ? "s" : "ve"} no header in row ${p.headerRow}.${merged} Give every column a name.`,
        rows: [p.headerRow],
      };
    }
    case "duplicate-headers":
      return {
        message: `Headers must be unique, but ${p.duplicates
          .map((d) => `"${d.header}" (columns ${d.first} and ${d.second})`)
          .join(", ")} appear twice in row ${p.headerRow}. Rename one of each pair.`,
        rows: [p.headerRow],
      };
    case "unmapped-column": {
      const names = p.roles.map(roleName);
      return {
        message: `The ${p.methodName} method needs the ${listOf(names, names.length, "and")} column${names.length === 1 ? "" : "s"}: ${w.mapColumns(p.roles, p.headers)}.`,
      };
    }
    case "unmapped-order-column": {
      const names = p.roles.map((role) => (role === "value" ? "amount" : roleName(role)));
      return {
        message: `An order log needs the ${listOf(names, names.length, "and")} column${names.length === 1 ? "" : "s"}: ${w.mapColumns(p.roles, p.headers)}.`,
      };
    }
    case "bad-order-rows": {
      const [first, ...rest] = p.badRows;
      const where = `Row ${first.row}, column ${first.column.letter} "${first.column.header}" (${roleName(first.column.role) === "value" ? "amount" : roleName(first.column.role)})`;
      const firstText = messages.orderProblem(where, first.kind, first.value, w.allowReturns).message;
      const more = p.count - 1;
      const listed = rest.map((row) => row.row);
      const moreText =
        more === 0
          ? ""
          : ` ${more} more order row${more === 1 ? "" : "s"} cannot be used either (row${more === 1 ? "" : "s"} ${listed.join(", ")}${more > listed.length ? ", …" : ""}).`;
      return {
        message: `${firstText}${moreText} Fix ${p.count === 1 ? "it" : "them"}, or ${w.skipOrders}.`,
        rows: p.badRows.map((row) => row.row),
        count: p.count,
        skippable: true,
      };
    }
    case "no-orders-by-as-of":
      return {
        message: `All ${p.afterAsOf} order${p.afterAsOf === 1 ? " is" : "s are"} dated after the as-of date ${p.asOf}, so no customer had bought by then: choose a later date in ${w.setting("source.asOf")}.`,
      };
    case "negative-totals":
      return {
        message:
          `${p.methodName} classes need values of 0 or more, but the returns of ${p.count} customer${p.count === 1 ? "" : "s"} ` +
          `(${listOf(
            p.customers.map((c) => `"${c}"`),
            10,
          )}) outweigh their purchases, so their total value is negative. ` +
          `A share of the total value is not defined for negative values. Choose another method, or ${w.skipRows}.`,
        count: p.count,
        skippable: true,
      };
    case "no-data":
      switch (p.reason) {
        case "no-rows":
          return {
            message: `The table has a header row but no customers below it (row ${p.headerRow}).`,
            rows: [p.headerRow],
          };
        case "no-valid-rows":
          return {
            message: `No row has numbers in all the mapped columns, so there is nothing to segment. Check the columns: ${w.mapColumns([], p.headers)}.`,
          };
        case "nothing-to-remove":
          return { message: "There are no results of a run in this workbook to remove." };
      }
      break;
    case "protected-sheet":
      return {
        message: `Sheet "${p.sheet}" is protected, so the results cannot be written beside the table. ${w.inExcel("Unprotect it (Review › Unprotect Sheet)")}.`,
      };
    case "filtered-table": {
      const one = p.hiddenRows === 1;
      return {
        message: `${p.hiddenRows} row${one ? " is" : "s are"} hidden by a filter or by hand. ${w.inExcel("Clear the filter (Data › Clear) or unhide the rows (Home › Format › Hide & Unhide)")}: segments are computed over all customers, and values written into hidden rows would be easy to miss.`,
      };
    }
    case "invalid-setting":
      return { message: `${capitalized(w.setting(p.setting))} ${p.rule}.` };
    case "non-numeric": {
      const rows = [...new Set(p.columns.flatMap(invalidRows))].sort((a, b) => a - b).slice(0, 10);
      const count = p.columns.reduce((n, c) => n + invalidCount(c), 0);
      const roles = [...new Set(p.columns.map((c) => c.column.role))];
      return {
        message: `${p.columns.flatMap(invalidSentences).join(" ")} Fix them, ${w.mapAnother(roles)}, or ${w.skipRows}.`,
        rows,
        count,
        skippable: true,
      };
    }
    case "negative-values":
      return {
        message:
          `${p.methodName} classes need values of 0 or more, but ${cellsIn(p.cells.count, p.column)} ` +
          `${p.cells.count === 1 ? "is" : "are"} negative: ${rowsText(p.cells)}. A share of the total value is not defined for negative values. ` +
          `Fix them, ${w.mapAnother([p.column.role])}, or ${w.skipRows}.`,
        rows: p.cells.rows,
        count: p.cells.count,
        skippable: true,
      };
    case "invalid-rows": {
      const count = p.rules.reduce((n, r) => n + r.cells.count, 0);
      const rows = [...new Set(p.rules.flatMap((r) => r.cells.rows))].sort((a, b) => a - b).slice(0, 10);
      const aboutAsOf = p.rules.some((r) => r.rule === "first-after-as-of" || r.rule === "last-after-as-of");
      const sentences = p.rules.map(
        (r) =>
          `In ${r.cells.count === 1 ? "1 row" : `${r.cells.count} rows`} ${ROW_RULE_WORDS[r.rule](r, p.asOf ?? "")}: ${rowsText(r.cells)}.`,
      );
      return {
        message:
          `The ${p.methodName} method cannot use ${count === 1 ? "1 row" : `${count} rows`} of this table. ${sentences.join(" ")} ` +
          `Fix them${aboutAsOf ? `, set ${w.setting("asOf")} later` : ""}, or ${w.skipRows}.`,
        rows,
        count,
        skippable: true,
      };
    }
    case "model-not-identified":
      return { message: `The ${p.model} model cannot be fitted to these customers. ${p.reason}` };
    case "fit-not-converged":
      return {
        message:
          `The ${p.model} fit did not converge from ${p.starts} start${p.starts === 1 ? "" : "s"}: ${FIT_STOP_WORDS[p.stop] ?? p.stop}. ` +
          `Set ${w.setting("penalty")} to a small number such as 0.001 (or a larger one) and run again, or check the purchase histories.`,
      };
    case "zero-total":
      return {
        message: `${p.methodName} classes need a positive total value, but ${columnName(p.column)} adds up to 0, so no customer has a share of it.`,
      };
    case "number-overflow":
      return {
        message:
          p.what === "total"
            ? `The values of ${columnName(p.column)} add up to more than the largest number Excel can hold (about 1.8E+308), so totals and shares cannot be computed. Scale the values down (for example to millions) and run again.`
            : `The cut of ${columnName(p.column)} is beyond the largest number Excel can hold (about 1.8E+308). Scale the values down (for example to millions) and run again.`,
      };
    case "cancelled":
      return {
        message:
          p.rollback === null
            ? "Cancelled: nothing was written."
            : `Cancelled while writing. ${rollbackText(p.rollback)}`,
      };
    case "declined-overwrite": {
      const shown = p.cells.slice(0, 5).join(", ") + (p.cells.length > 5 ? ", …" : "");
      return {
        message: `The cells where the results go are not empty (${shown}); nothing was written. Move or clear them, or ${w.allowOverwrite}.`,
      };
    }
    case "read-failed":
      return {
        message: `Reading from the workbook failed (${p.reason}). ${p.stage === "remove" ? "Nothing was removed" : "Nothing was written"}; try again.`,
      };
    case "write-failed":
      return { message: `Writing the results failed (${p.reason}). ${rollbackText(p.rollback)}` };
    case "remove-failed":
      return {
        message: `Removing the last results failed (${p.reason}). Some of them may be gone already: check the column${p.columns.length === 1 ? "" : "s"} ${listOf(p.columns.map((c) => `"${c}"`))} and the sheet "${p.sheet}".`,
      };
    case "internal-error":
      return {
        message:
          `Something unexpected went wrong in ${w.product} while ${STAGE_WORDS[p.stage]} (${p.reason}). ` +
          (p.rollback === null ? "Nothing was written." : rollbackText(p.rollback)),
      };
  }
  return { message: "" };
}

/** `column B "First purchase"` */
function columnShort(c: ColumnRef): string {
  return `column ${c.letter} "${c.header}"`;
}

/** Each row rule as the rest of "In 3 rows …", with the columns it is about (in the rule's order). */
const ROW_RULE_WORDS: Record<RowRule, (rule: BrokenRule, asOf: string) => string> = {
  "purchases-below-one": ({ columns: [orders] }) =>
    `the purchases (${columnShort(orders)}) are below 1, but a customer has bought at least once`,
  "purchases-not-whole": ({ columns: [orders] }) =>
    `the purchases (${columnShort(orders)}) are not a whole number`,
  "last-before-first": ({ columns: [first, last] }) =>
    `the last purchase (${columnShort(last)}) is before the first purchase (${columnShort(first)})`,
  "first-after-as-of": ({ columns: [first] }, asOf) =>
    `the first purchase (${columnShort(first)}) is after the as-of date ${asOf}`,
  "last-after-as-of": ({ columns: [last] }, asOf) =>
    `the last purchase (${columnShort(last)}) is after the as-of date ${asOf}`,
  "one-purchase-two-days": ({ columns: [orders, first, last] }) =>
    `there is 1 purchase (${columnShort(orders)}), but the last purchase (${columnShort(last)}) is not on the day of the first (${columnShort(first)})`,
  "average-value-missing": ({ columns: [value] }) =>
    `the customer bought more than once, but the average value (${columnShort(value)}) is blank or not a number`,
  "average-value-not-positive": ({ columns: [value] }) =>
    `the customer bought more than once, but the average value (${columnShort(value)}) is 0 or less, and the spend model needs an average above 0`,
};

/** Why a fit stopped without converging (the optimiser's stop codes, `src/core/maximumLikelihood.ts`). */
const FIT_STOP_WORDS: Record<string, string> = {
  runsOff: "a parameter runs off towards 0 or infinity, so the data cannot pin it down",
  flat: "the likelihood is too flat where it stopped to pin the parameters down",
  iterations: "the iteration limit was reached",
  lineSearch: "no step improved the likelihood any further",
  notFinite: "the likelihood is not finite at the start",
  boundary: "a parameter ran off towards 0 or infinity",
};

/** What each stage was doing, for unexpected errors. */
const STAGE_WORDS: Record<Stage, string> = {
  locate: "finding the table",
  check: "checking the table",
  read: "reading the table",
  customers: "reading the customers",
  score: "computing the segments",
  planWrites: "checking where the results go",
  write: "writing the results",
  remember: "saving the record of the run",
  preview: "reading the table",
  remove: "removing the last results",
};

/** What a rollback left: the sentence after "Writing the results failed (…)." */
function rollbackText(r: Rollback): string {
  const undo = " To get back the cells you agreed to overwrite, use Excel's Undo (Ctrl+Z) now.";
  if (r.failed !== null) {
    const sheets = [r.sheet, ...(r.otherSheets ?? [])].map((name) => `"${name}"`);
    const which = sheets.length === 1 ? `sheet ${sheets[0]}` : `sheets ${listOf(sheets, 5, "and")}`;
    return `Removing what was written failed too (${r.failed}): check the columns right of the table and delete ${which} if ${sheets.length === 1 ? "it is" : "they are"} there.${r.overwrote ? undo : ""}`;
  }
  if (r.overwrote && r.restored === false) {
    return `Everything this run had written was removed again, but the cells it had overwritten could not be restored here.${undo}`;
  }
  if (r.overwrote) {
    return "Everything this run had written was removed again and the cells it had overwritten were restored; the sheet is as it was.";
  }
  return "Everything this run had written was removed again; the sheet is as it was.";
}

/** `column C "Revenue" (value)` */
function columnName(c: InvalidCells["column"]): string {
  return `column ${c.letter} "${c.header}" (${roleName(c.role)})`;
}

/** `3 cells in column C "Revenue" (value)` */
function cellsIn(count: number, c: InvalidCells["column"]): string {
  return `${count} cell${count === 1 ? "" : "s"} in ${columnName(c)}`;
}

/** "row 4" / "rows 4, 5, 9" / "rows 4, 5, … (first 10 of 25)" */
function rowsText(list: RowList): string {
  const more = list.count > list.rows.length ? ` (first ${list.rows.length} of ${list.count})` : "";
  return `row${list.rows.length === 1 && list.count === 1 ? "" : "s"} ${list.rows.join(", ")}${more}`;
}

/** One sentence per kind of invalid cell in a column: blanks apart from text, errors, logicals. */
function invalidSentences(c: InvalidCells): string[] {
  const date = isDateRole(c.column.role);
  const thing = (one: boolean) => (date ? (one ? "a date" : "dates") : one ? "a number" : "numbers");
  const sentence = (list: RowList, is: (one: boolean) => string) =>
    list.count === 0 ? [] : [`${cellsIn(list.count, c.column)} ${is(list.count === 1)}: ${rowsText(list)}.`];
  return [
    ...sentence(c.blank, (one) => (one ? "is blank" : "are blank")),
    ...sentence(c.text, (one) => `${one ? "is text" : "are text"}, not ${thing(one)}`),
    ...sentence(
      c.errors,
      (one) => `${one ? "holds an error value" : "hold error values"} (${c.errors.values.join(", ")})`,
    ),
    ...sentence(c.logical, (one) => `${one ? "is TRUE or FALSE" : "are TRUE or FALSE"}, not ${thing(one)}`),
    ...sentence(c.notFinite, (one) => `${one ? "is not a finite number" : "are not finite numbers"}`),
  ];
}

function invalidRows(c: InvalidCells): number[] {
  return [...c.blank.rows, ...c.text.rows, ...c.errors.rows, ...c.logical.rows, ...c.notFinite.rows];
}

function invalidCount(c: InvalidCells): number {
  return c.blank.count + c.text.count + c.errors.count + c.logical.count + c.notFinite.count;
}

/** "a, b, c" — at most `limit` items, then ", …". With `and`: "a, b and c". */
export function listOf(items: readonly string[], limit = 20, conjunction?: "and"): string {
  const shown = items.slice(0, limit);
  const more = items.length > limit ? ", …" : "";
  if (conjunction && shown.length > 1 && !more) {
    return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
  }
  return shown.join(", ") + more;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
