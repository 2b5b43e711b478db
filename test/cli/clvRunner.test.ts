/**
 * `cx-segment --method clv` on the CDNOW customers written as a CSV file (ISO dates, as an export
 * gives them): the runner's columns and `--json` "model" are the in-memory workbook's numbers, and
 * the fit is the papers'; bad flags and data that cannot identify the model get the runner's words.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { serialToIso } from "../../src/core/excelDate";
import { runSegmentation } from "../../src/workflow/run";
import type { CellValue } from "../../src/workbook/workbook";
import { CDNOW_AS_OF, cdnowCustomerTable } from "../data/cdnow/cdnow";
import { columnValues, settingsFor, workbookWith } from "../workflow/fixtures";
import { run, tempDir } from "./cliHarness";

/** The table as CSV text: dates as yyyy-mm-dd, numbers as JavaScript writes them, blanks empty. */
function csvOf(rows: readonly (readonly (string | number | null)[])[]): string {
  return (
    rows
      .map((row, r) =>
        row
          .map((cell, c) =>
            cell === null ? "" : r > 0 && (c === 1 || c === 2) ? serialToIso(cell as number) : String(cell),
          )
          .join(","),
      )
      .join("\n") + "\n"
  );
}

async function runOn(rows: readonly (readonly (string | number | null)[])[], args: string[]) {
  const dir = tempDir("cx-clv-");
  writeFileSync(path.join(dir, "customers.csv"), csvOf(rows));
  const result = await run(["customers.csv", "--method", "clv", ...args], dir);
  const output = () =>
    readFileSync(path.join(dir, "customers.segmented.csv"), "utf8")
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(","));
  return { ...result, output };
}

describe("cx-segment --method clv", () => {
  const table = cdnowCustomerTable();
  const n = table.length - 1;

  it("writes the in-memory workbook's columns and prints the fitted model with --json", async () => {
    const result = await runOn(table, ["--as-of", CDNOW_AS_OF, "--margin", "0.3", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.method).toBe("clv");
    // The papers' fits (Fader, Hardie & Lee 2005): r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4; p 6.25, q 3.74, v 15.44.
    expect(json.model.bgnbd.r).toBeCloseTo(0.243, 3);
    expect(json.model.bgnbd.alpha).toBeCloseTo(4.414, 2);
    expect(json.model.bgnbd.a).toBeCloseTo(0.793, 3);
    expect(json.model.bgnbd.b).toBeCloseTo(2.426, 2);
    expect(json.model.bgnbd.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(json.model.gammaGamma.p).toBeCloseTo(6.25, 2);
    expect(json.model.gammaGamma.q).toBeCloseTo(3.74, 2);
    expect(json.model.gammaGamma.v).toBeCloseTo(15.44, 1);
    expect(json.model.period).toBe("week");
    expect(json.model.horizon).toBe(52);
    expect(json.lifetimeValue.tiers.map((t: { customers: number }) => t.customers)).toEqual([472, 707, 1178]);

    // The same run on the in-memory workbook (the pane's path without Office).
    const settings = settingsFor(
      "clv",
      { customer: 0, firstPurchase: 1, lastPurchase: 2, orders: 3, value: 4, averageValue: 5 },
      (s) => {
        s.clv.asOf = CDNOW_AS_OF;
        s.clv.margin = 0.3;
      },
    );
    const wb = workbookWith(table as CellValue[][]);
    const memory = await runSegmentation(wb, settings);
    if (!memory.ok) throw new Error(memory.problem.message);
    expect(json.model.bgnbd.r).toBe(memory.summary.lifetimeValue!.model.bgnbd.r);
    expect(json.model.gammaGamma.v).toBe(memory.summary.lifetimeValue!.model.gammaGamma.v);
    expect(json.lifetimeValue.valueAtRisk).toEqual(memory.summary.lifetimeValue!.valueAtRisk);

    const out = result.output();
    expect(out[0].slice(6)).toEqual([
      "P(alive)",
      "Expected purchases (52 weeks)",
      "Expected average value",
      "CLV (52 weeks)",
      "CLV tier",
    ]);
    for (let c = 6; c <= 9; c++) {
      const fromMemory = columnValues(wb, c, n) as number[];
      const fromFile = out.slice(1).map((row) => Number(row[c]));
      fromFile.forEach((value, i) => expect(value).toBeCloseTo(fromMemory[i], 9));
    }
    expect(out.slice(1).map((row) => row[10])).toEqual(columnValues(wb, 10, n));
  }, 120000);

  it("prints the parameters, tiers, value at risk and fit for people", async () => {
    const result = await runOn(table, ["--as-of", CDNOW_AS_OF, "--period", "week", "--horizon", "39"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^CLV tier +Customers/);
    expect(result.stdout).toMatch(
      /BG\/NBD: r 0\.2426, alpha 4\.41\d, a 0\.7929, b 2\.426, log-likelihood -9582\.4\d/,
    );
    expect(result.stdout).toMatch(/Gamma-Gamma: p 6\.25, q 3\.74\d, v 15\.44/);
    expect(result.stdout).toMatch(/39 weeks ahead/);
    expect(result.stdout).toMatch(/Value at risk \(P\(alive\) below 50 %\): \d+ customers, past value/);
    expect(result.stdout).toMatch(
      /Fit \(customers by repeat purchases, actual \/ expected\): 0: 1411 \/ 1407\.\d/,
    );
    expect(result.output()[0]).toContain("CLV (39 weeks)");
  }, 120000);

  it("refuses flags it cannot use, naming the flag (exit 2)", async () => {
    const horizon = await runOn(table, ["--horizon", "2.5"]);
    expect(horizon.code).toBe(2);
    expect(horizon.stderr).toMatch(
      /--horizon must be a whole number of periods from 1 to 100000 \(got 2\.5\)/,
    );
    const period = await runOn(table, ["--period", "fortnight"]);
    expect(period.code).toBe(2);
    expect(period.stderr).toMatch(
      /--period must be one of day, week, month, quarter, year \(got "fortnight"\)/,
    );
    const margin = await runOn(table, ["--margin", "thirty"]);
    expect(margin.code).toBe(2);
    expect(margin.stderr).toMatch(
      /--margin must be a share of 0 or more, as a decimal or a percentage, e\.g\. 0\.3 or 30%.*\(got "thirty"\)/,
    );
  });

  it("says why the model cannot be fitted when no customer bought twice (exit 1)", async () => {
    const rows: (string | number | null)[][] = [table[0]];
    for (let i = 1; i <= 30; i++) rows.push([`c${i}`, 35600 + i, 35600 + i, 1, 0, null]);
    const result = await runOn(rows, ["--as-of", CDNOW_AS_OF]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /The BG\/NBD model cannot be fitted to these customers\. No customer has a repeat purchase/,
    );
  });

  it("names impossible rows with the flags that fix them", async () => {
    const rows = table.slice(0, 100).map((row) => [...row]);
    rows[3] = ["late", 35690, 35710, 3, 40, 20]; // last purchase 1997-10-07, after the as-of date
    const result = await runOn(rows, ["--as-of", CDNOW_AS_OF]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/after the as-of date 1997-09-30: row 4\./);
    expect(result.stderr).toMatch(/set --as-of later, or pass --skip-invalid/);
  });
});
