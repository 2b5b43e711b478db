/**
 * The runner on order logs (one row per order), .csv and .xlsx: recognised by a repeated customer
 * or chosen with --orders, counted as of --as-of in --period units, the per-customer table written
 * beside a CSV as NAME.customers.csv (never over an existing file) or as the sheet `CX Customers`
 * of the output workbook, each order row given its customer's segment, bad rows named by row in
 * the runner's words. The log and its numbers are those of test/workflow/orders.test.ts, by hand.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { readXlsx, run, tempDir, toCellValue } from "./cliHarness";

/**
 * As of 2024-03-31: A 150 on 01-01 (two orders) and 30 on 01-15; B 40 on 01-03 and 60 on 03-01;
 * C 10 on 02-15 (and 500 on 04-10, after); D only on 04-02 (after).
 */
const LOG = [
  ["A", "2024-01-01", "100"],
  ["B", "2024-01-03", "40"],
  ["A", "2024-01-01", "50"],
  ["C", "2024-02-15", "10"],
  ["A", "2024-01-15", "30"],
  ["B", "2024-03-01", "60"],
  ["C", "2024-04-10", "500"],
  ["D", "2024-04-02", "70"],
];

function csv(rows: string[][], header = "Customer,Order date,Amount"): string {
  return [header, ...rows.map((row) => row.join(","))].join("\r\n") + "\r\n";
}

async function runOn(name: string, content: string | Buffer, args: string[]) {
  const dir = tempDir("cx-orders-");
  writeFileSync(path.join(dir, name), content);
  const result = await run([name, ...args], dir);
  const read = (file: string) => readFileSync(path.join(dir, file), "utf8");
  return { dir, ...result, read, files: () => readdirSync(dir).sort() };
}

/** A CSV's records split into fields (the files here have no quoted fields). */
function records(text: string): string[][] {
  return text
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => line.split(","));
}

describe("a CSV order log", () => {
  it("is recognised, aggregated as of --as-of, and written as NAME.customers.csv beside the output", async () => {
    const result = await runOn("log.csv", csv(LOG), ["--as-of", "2024-03-31", "--method", "abc"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.files()).toEqual([
      "log.csv",
      "log.segmented.csv",
      "log.segmented.customers.csv",
      "log.segmented.summary.csv",
    ]);
    // Each order row gets its customer's class; the two rows after the as-of date stay blank.
    expect(result.read("log.segmented.csv")).toBe(
      csv(
        LOG.map((row, i) => [...row, ["A", "A", "A", "C", "A", "A", "", ""][i]]),
        "Customer,Order date,Amount,ABC class",
      ),
    );
    const customers = records(result.read("log.segmented.customers.csv"));
    expect(customers[0]).toEqual([
      "Customer",
      "First purchase",
      "Last purchase",
      "Purchases",
      "Repeat purchases",
      "Recency (weeks)",
      "Age (weeks)",
      "Total value",
      "Average repeat value",
      "ABC class",
      "Cumulative value share",
    ]);
    // Dates as yyyy-mm-dd (a CSV has no number formats); ages 90, 88 and 45 days in weeks;
    // cumulative shares 180/290, 280/290, 290/290.
    const expected = [
      ["A", "2024-01-01", "2024-01-15", 2, 1, 2, 90 / 7, 180, 30, "A", 180 / 290],
      ["B", "2024-01-03", "2024-03-01", 2, 1, 58 / 7, 88 / 7, 100, 60, "A", 280 / 290],
      ["C", "2024-02-15", "2024-02-15", 1, 0, 0, 45 / 7, 10, "", "C", 1],
    ];
    expect(customers).toHaveLength(4);
    customers.slice(1).forEach((row, r) =>
      row.forEach((field, c) => {
        const want = expected[r][c];
        if (typeof want === "number") expect(Number(field)).toBeCloseTo(want, 12);
        else expect(field).toBe(want);
      }),
    );
    expect(result.stdout).toContain(
      'Note: Read as an order log (one row per order) because customer "A" is on rows 2 and 4; pass --no-orders to read it as a customer table.',
    );
    expect(result.stdout).toContain(
      "Note: 2 order rows dated after the as-of date 2024-03-31 (up to 2024-04-10) were not counted;",
    );
  });

  it("never overwrites an existing NAME.customers.csv: it stops before writing anything", async () => {
    const dir = tempDir("cx-orders-");
    writeFileSync(path.join(dir, "log.csv"), csv(LOG));
    writeFileSync(path.join(dir, "log.segmented.customers.csv"), "mine\r\n");
    const result = await run(["log.csv", "--as-of", "2024-03-31"], dir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("log.segmented.customers.csv");
    expect(readdirSync(dir).sort()).toEqual(["log.csv", "log.segmented.customers.csv"]);
    expect(readFileSync(path.join(dir, "log.segmented.customers.csv"), "utf8")).toBe("mine\r\n");
  });

  it("--period sets the unit of recency and age", async () => {
    const result = await runOn("log.csv", csv(LOG), [
      "--as-of",
      "2024-03-31",
      "--period",
      "day",
      "--method",
      "abc",
    ]);
    expect(result.code).toBe(0);
    const customers = records(result.read("log.segmented.customers.csv"));
    expect(customers[0][5]).toBe("Recency (days)");
    expect(customers[2].slice(5, 7)).toEqual(["58", "88"]); // B: 58 and 88 days
  });

  it("names each bad row by row, in flags: --allow-returns, --skip-invalid", async () => {
    const bad = [
      ["A", "2024-01-01", "100"],
      ["", "2024-01-02", "40"],
      ["B", "next Tuesday", "50"],
      ["B", "2024-01-05", "fifty"],
      ["C", "2024-01-06", "-20"],
      ["C", "2024-01-07", "80"],
    ];
    const stopped = await runOn("log.csv", csv(bad), [
      "--orders",
      "--as-of",
      "2024-03-31",
      "--method",
      "abc",
    ]);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toBe(
      'cx-segment: log.csv: Row 3, column A "Customer" (customer) is blank: type the customer of this order, or clear the whole row. ' +
        "3 more order rows cannot be used either (rows 4, 5, 6). Fix them, or pass --skip-invalid to leave those orders out.\n",
    );
    expect(stopped.files()).toEqual(["log.csv"]);

    const returns = await runOn("log.csv", csv([bad[0], bad[4], bad[5]]), [
      "--orders",
      "--as-of",
      "2024-03-31",
      "--method",
      "abc",
    ]);
    expect(returns.code).toBe(1);
    expect(returns.stderr).toContain(
      'Row 3, column C "Amount" (amount) is the number -20: a negative amount is a return; pass --allow-returns, or correct the amount.',
    );

    const allowed = await runOn("log.csv", csv([bad[0], bad[4], bad[5]]), [
      "--orders",
      "--as-of",
      "2024-03-31",
      "--method",
      "abc",
      "--allow-returns",
      "--json",
    ]);
    expect(allowed.code).toBe(0);
    const json = JSON.parse(allowed.stdout);
    // A 100; C −20 + 80 = 60.
    expect(json.totalValue).toBe(160);
    expect(json.orderLog).toMatchObject({ rows: 3, counted: 3, returns: 1, customers: 2 });

    const skipped = await runOn("log.csv", csv(bad), [
      "--orders",
      "--as-of",
      "2024-03-31",
      "--method",
      "abc",
      "--skip-invalid",
    ]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain(
      "Note: 4 order rows were left out because they cannot be used (no customer, no date, or no usable amount): rows 3, 4, 5, 6.",
    );
  });

  it("--no-orders reads a repeating table as a customer table", async () => {
    const result = await runOn("log.csv", csv(LOG, "Customer,Order date,Revenue"), [
      "--no-orders",
      "--method",
      "abc",
    ]);
    expect(result.code).toBe(0);
    expect(result.files()).toEqual(["log.csv", "log.segmented.csv", "log.segmented.summary.csv"]);
    expect(result.stdout).toMatch(/^Total\s+8\s/m);
  });

  it("a period or a share the runner does not know is a usage mistake (exit 2)", async () => {
    for (const args of [
      ["--period", "fortnight"],
      ["--margin", "thirty"],
      ["--discount=-5%"],
      ["--orders", "--no-orders"],
    ]) {
      const result = await runOn("log.csv", csv(LOG), args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^cx-segment: --/);
      expect(result.files()).toEqual(["log.csv"]);
    }
  });

  it("an --as-of that is not a date is a usage mistake naming --as-of", async () => {
    const result = await runOn("log.csv", csv(LOG), ["--orders", "--as-of", "2024-02-30"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--as-of");
  });
});

describe("an .xlsx order log", () => {
  async function xlsxLog(dir: string): Promise<void> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Orders");
    sheet.addRow(["Customer", "Invoice date", "Total"]);
    for (const [customer, date, amount] of LOG)
      sheet.addRow([customer, new Date(`${date}T00:00:00Z`), Number(amount)]);
    sheet.getColumn(2).numFmt = "yyyy-mm-dd";
    await workbook.xlsx.writeFile(path.join(dir, "log.xlsx"));
  }

  it("adds the CX Customers sheet and each order's segment to the copy", async () => {
    const dir = tempDir("cx-orders-");
    await xlsxLog(dir);
    const result = await run(["log.xlsx", "--orders", "--as-of", "2024-03-31", "--method", "abc"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(path.join(dir, "log.segmented.xlsx"))).toBe(true);
    const out = await readXlsx(path.join(dir, "log.segmented.xlsx"));
    expect(out.worksheets.map((s) => s.name)).toEqual(["Orders", "CX Summary", "CX Customers"]);
    const orders = out.getWorksheet("Orders") as ExcelJS.Worksheet;
    const segments: (string | null)[] = [];
    for (let r = 1; r <= 9; r++) segments.push(toCellValue(orders.getCell(r, 4).value) as string | null);
    expect(segments).toEqual(["ABC class", "A", "A", "A", "C", "A", "A", null, null]);
    const customers = out.getWorksheet("CX Customers") as ExcelJS.Worksheet;
    const row = (r: number) => [1, 2, 3, 4, 8, 9, 10].map((c) => toCellValue(customers.getCell(r, c).value));
    // A: first 2024-01-01 = serial 45292, last 2024-01-15 = 45306, 2 purchases, total 180, average 30.
    expect(row(2)).toEqual(["A", 45292, 45306, 2, 180, 30, "A"]);
    expect(row(4)).toEqual(["C", 45337, 45337, 1, 10, null, "C"]);
    expect(customers.getCell(2, 2).numFmt).toBe("yyyy-mm-dd");
    expect(result.stdout).not.toContain("Read as an order log (one row per order) because"); // chosen, not guessed
  });
});
