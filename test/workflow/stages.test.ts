/**
 * The stages of a run, each called on its own: what it takes, what it gives the next one, and the
 * problem (as facts, not words) it stops with. The last case is the seam an order log plugs into:
 * `score` works from any {@link Customers}, not only from the rows of a table.
 */
import type { TableInfo } from "../../src/workbook/workbook";
import { methodOf } from "../../src/workflow/methods/registry";
import { check } from "../../src/workflow/stages/check";
import { customersOfTable, type Customers } from "../../src/workflow/stages/customers";
import { locate } from "../../src/workflow/stages/locate";
import { runContext } from "../../src/workflow/stages/runContext";
import { score } from "../../src/workflow/stages/score";
import { QUADRANT, quadrantTable, settingsFor, workbookWith } from "./fixtures";

const table: TableInfo = Object.freeze({
  sheet: "Customers",
  tableName: null,
  headerRow: 0,
  firstColumn: 0,
  columnCount: 3,
  rowCount: 5,
  headers: ["Customer", "Revenue", "Strategic match"],
  sheetProtected: false,
  hiddenRowCount: 0,
});
const headers = ["Customer", "Revenue", "Strategic match"];

describe("locate", () => {
  it("gives the table and its trimmed headers", async () => {
    const cells = quadrantTable();
    cells[0][1] = "  Revenue ";
    const located = await locate(workbookWith(cells), runContext({}, "locate"));
    expect(located).toMatchObject({
      ok: true,
      value: { headers: ["Customer", "Revenue", "Strategic match"] },
    });
  });
});

describe("check", () => {
  it("stops with the facts of an unmapped column, no words yet", () => {
    const planned = check({ table, headers }, settingsFor("quadrant", { value: 1 }), runContext({}, "check"));
    expect(planned).toEqual({
      ok: false,
      problem: { code: "unmapped-column", methodName: "quadrant", roles: ["match"], headers },
    });
  });

  it("passes the method's registry entry on", () => {
    const planned = check({ table, headers }, QUADRANT, runContext({}, "check"));
    expect(planned.ok && planned.value.entry).toBe(methodOf("quadrant"));
  });
});

describe("customers", () => {
  it("leaves the totals row out and says so", () => {
    const customers = customersOfTable({
      table,
      headers,
      mapping: QUADRANT.mapping,
      cells: { value: [500, 120, 480, 90, 1190], match: [8, 9, 2, 3, null] },
      lastLabels: ["Gamma", "Delta", "Total"],
    });
    expect(Array.from(customers.included)).toEqual([1, 1, 1, 1, 0]);
    expect(customers.source).toMatchObject({ kind: "customer-table", totalsRows: 1 });
    expect(customers.notes).toEqual([
      'row 6 ("Total") holds the sum of "Revenue" (1,190) and was left out as a totals row, not a customer.',
    ]);
  });
});

describe("score, from customers that did not come one per row (the order-log seam)", () => {
  it("segments whatever customers it is given and names their rows as the source says", async () => {
    // Three customers, as an aggregation of order rows would hand them over; messages would name
    // rows 10, 20, 30 (say, each customer's first order row).
    const customers: Customers = {
      count: 3,
      cells: { value: [300, 100, 200], match: [1, 3, 2] },
      included: Uint8Array.of(1, 1, 1),
      notes: [],
      excelRow: (i) => (i + 1) * 10,
      source: {
        kind: "customer-table",
        table: { ...table, rowCount: 3 },
        headers,
        mapping: QUADRANT.mapping,
        totalsRows: 0,
      },
    };
    const planned = check({ table, headers }, QUADRANT, runContext({}, "check"));
    if (!planned.ok) throw new Error("check failed");
    const scored = await score(customers, planned.value, QUADRANT, runContext({}, "score"));
    if (!scored.ok) throw new Error("score failed");
    // medians 200 and 2: 300/1 Profit, 100/3 Potential, 200/2 Strategic
    expect(Array.from(scored.value.result.segmentOf)).toEqual([1, 2, 0]);
    expect(scored.value.summary.totalValue).toBe(600);

    const broken = { ...customers, cells: { value: [300, "n/a", 200], match: [1, 3, 2] } };
    const stopped = await score(broken, planned.value, QUADRANT, runContext({}, "score"));
    expect(stopped).toMatchObject({
      ok: false,
      problem: { code: "non-numeric", columns: [{ text: { count: 1, rows: [20] } }] },
    });
  });
});
