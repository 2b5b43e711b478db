/**
 * Every problem in the words of each surface: the pane names its controls and never a flag, the
 * runner names its flags and never a pane control. One sample of the details of every code.
 */
import { runnerWords } from "../../src/cli/runnerWords";
import { describeProblem, PANE_WORDS } from "../../src/workflow/problemText";
import type { ProblemCode, ProblemDetails, Rollback } from "../../src/workflow/problems";

const column = { letter: "B", header: "Revenue", role: "value" as const };
const rows = { count: 2, rows: [3, 5] };
const clean: Rollback = { sheet: "CX Summary", overwrote: false, restored: null, failed: null };
const none = { count: 0, rows: [] };

const SAMPLES: Record<ProblemCode, ProblemDetails> = {
  "empty-selection": { code: "empty-selection" },
  "sheet-not-found": { code: "sheet-not-found", sheet: "Custmers", sheets: ["Customers", "Notes"] },
  "table-not-found": { code: "table-not-found", table: "Clients", tables: ["Customers"] },
  "no-header": { code: "no-header", headerRow: 1, cells: [{ address: "B1", text: "500" }] },
  "title-row": {
    code: "title-row",
    titleRow: 1,
    titleAddress: "A1",
    title: "Customers 2025",
    headers: ["Customer", "Revenue"],
  },
  "blank-headers": {
    code: "blank-headers",
    headerRow: 1,
    columns: ["C"],
    mergedWith: [{ blank: "C", range: "B1:C1", header: "Revenue" }],
  },
  "duplicate-headers": {
    code: "duplicate-headers",
    headerRow: 1,
    duplicates: [{ header: "Revenue", first: "B", second: "C" }],
  },
  "unmapped-column": {
    code: "unmapped-column",
    methodName: "quadrant",
    roles: ["match"],
    headers: ["Customer", "Revenue"],
  },
  "unmapped-order-column": {
    code: "unmapped-order-column",
    roles: ["orderDate", "value"],
    headers: ["Customer", "Notes"],
  },
  "bad-order-rows": {
    code: "bad-order-rows",
    badRows: [
      {
        row: 4,
        column: { letter: "C", header: "Amount", role: "value" },
        kind: "negativeAmount",
        value: -20,
      },
      {
        row: 7,
        column: { letter: "A", header: "Customer", role: "customer" },
        kind: "noCustomer",
        value: null,
      },
    ],
    count: 2,
    allowReturns: false,
  },
  "no-orders-by-as-of": { code: "no-orders-by-as-of", asOf: "2020-01-01", afterAsOf: 12 },
  "negative-totals": { code: "negative-totals", methodName: "ABC", customers: ["C7"], count: 1 },
  "no-data": { code: "no-data", reason: "no-valid-rows", headers: ["Customer", "Revenue"] },
  "protected-sheet": { code: "protected-sheet", sheet: "Customers" },
  "filtered-table": { code: "filtered-table", hiddenRows: 3 },
  "invalid-setting": { code: "invalid-setting", setting: "valueCut", rule: "must be a number" },
  "non-numeric": {
    code: "non-numeric",
    columns: [
      { column, blank: rows, text: none, errors: { ...none, values: [] }, logical: none, notFinite: none },
    ],
  },
  "negative-values": { code: "negative-values", methodName: "ABC", column, cells: rows },
  "invalid-rows": {
    code: "invalid-rows",
    methodName: "lifetime value",
    asOf: "1997-09-30",
    rules: [
      {
        rule: "last-after-as-of",
        columns: [{ letter: "C", header: "Last purchase", role: "lastPurchase" }],
        cells: rows,
      },
    ],
  },
  "model-not-identified": {
    code: "model-not-identified",
    model: "BG/NBD",
    reason:
      'No customer has a repeat purchase (every "Purchases" − 1 is 0), so nothing shows how often customers buy.',
  },
  "fit-not-converged": { code: "fit-not-converged", model: "BG/NBD", stop: "runsOff", starts: 2 },
  "zero-total": { code: "zero-total", methodName: "ABC", column },
  "number-overflow": { code: "number-overflow", column, what: "total" },
  cancelled: { code: "cancelled", rollback: null },
  "declined-overwrite": { code: "declined-overwrite", cells: ["Customers!D1"] },
  "read-failed": { code: "read-failed", reason: "lost connection", stage: "read" },
  "write-failed": { code: "write-failed", reason: "disk full", rollback: clean },
  "remove-failed": { code: "remove-failed", reason: "locked", columns: ["Segment"], sheet: "CX Summary" },
  "internal-error": { code: "internal-error", reason: "x is undefined", stage: "score", rollback: null },
};

const PANE_ONLY = /column mapping|Skip these rows|agree to overwrite|select a cell|Format as Table/;
const RUNNER_ONLY = /--[a-z]/;

describe.each(Object.keys(SAMPLES) as ProblemCode[])("%s", (code) => {
  const details = SAMPLES[code];

  it("reads as a sentence in the pane's words, naming no flag", () => {
    const { message } = describeProblem(details, PANE_WORDS);
    expect(message).toMatch(/^[A-Z0-9"]/);
    expect(message).toMatch(/[.)]$/);
    expect(message).not.toMatch(RUNNER_ONLY);
  });

  it("reads as a sentence in the runner's words, naming no pane control", () => {
    const { message } = describeProblem(details, runnerWords({ kind: "xlsx", sheets: ["Customers"] }));
    expect(message).toMatch(/^[A-Z0-9"-]/);
    expect(message).not.toMatch(PANE_ONLY);
  });

  it("keeps the code and the details, so faces decide by them", () => {
    expect(describeProblem(details)).toMatchObject(details);
  });
});

describe("the words that differ", () => {
  it("an unmapped column: the pane points at the mapping, the runner at --map with the headers it saw", () => {
    const details = SAMPLES["unmapped-column"];
    expect(describeProblem(details).message).toBe(
      "The quadrant method needs the strategic match column: choose it in the column mapping.",
    );
    expect(describeProblem(details, runnerWords()).message).toBe(
      'The quadrant method needs the strategic match column: name it with --map match=HEADER (headers: "Customer", "Revenue").',
    );
  });

  it("cells to skip: the pane offers its button, the runner its flag", () => {
    const details = SAMPLES["non-numeric"];
    expect(describeProblem(details).message).toContain('or choose "Skip these rows"');
    expect(describeProblem(details, runnerWords()).message).toContain(
      "map another column with --map value=HEADER, or pass --skip-invalid",
    );
  });

  it("a setting: the pane names its field, the runner the flag", () => {
    const details = SAMPLES["invalid-setting"];
    expect(describeProblem(details).message).toBe("The typed value cut must be a number.");
    expect(describeProblem(details, runnerWords()).message).toBe("--value-cut must be a number.");
  });

  it("a protected sheet: the runner says to save the file after unprotecting it in Excel", () => {
    expect(describeProblem(SAMPLES["protected-sheet"], runnerWords()).message).toContain(
      "Unprotect it (Review › Unprotect Sheet) in Excel, save the file and run again.",
    );
  });
});
