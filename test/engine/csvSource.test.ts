/**
 * How the DuckDB engine reads a CSV: rows in file order even when DuckDB scans the file with
 * several threads, cells typed exactly as the runner's CSV workbook types them, and the files it
 * cannot line up with the runner (empty lines) refused up front.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { DuckDBInstance } from "@duckdb/node-api";
import { DuckDbEngine } from "../../src/engine/duckdbEngine";
import { JS_TRIM_CHARACTERS, csvRelation, findEmptyLine } from "../../src/engine/csvSource";
import { csvFieldNumber } from "../../src/engine/resultColumns";
import { CsvWorkbook } from "../../src/workbook/csvWorkbook";
import { defaultSettings } from "../../src/workflow/run";
import { toCsv } from "./randomTables";
import { tempDir } from "./engineHarness";

const dir = tempDir("cx-csv-source-");

/** A value that looks random but is a function of the row: file order can be checked row by row. */
const scrambled = (row: number) => ((row * 7919 + 13) % 10_007) / 4;

function orderFile(name: string, rows: number, quotedLineBreakAt: number | null): string {
  const table = [["Customer", "Revenue", "Strategic match"]];
  for (let i = 0; i < rows; i++) {
    const customer = i === quotedLineBreakAt ? `Two\nlines ${i}` : `C${i}`;
    table.push([customer, String(scrambled(i)), String(i % 10)]);
  }
  const file = path.join(dir, name);
  writeFileSync(file, toCsv(table));
  return file;
}

function quadrantSettings() {
  const settings = defaultSettings("2026-11-25");
  settings.mapping = { ...settings.mapping, customer: 0, value: 1, match: 2 };
  return settings;
}

describe("file order", () => {
  const rows = 120_000;

  it("a parallel scan (many 64 KiB buffers, 4 threads) really does reorder rows when insertion order is not preserved", async () => {
    // The control experiment: without preserve_insertion_order the same read_csv comes back out of
    // file order, so the scan the engine runs is parallel and its order is not luck.
    const file = orderFile("control.csv", rows, null);
    const instance = await DuckDBInstance.create(":memory:", {
      threads: "4",
      preserve_insertion_order: "false",
    });
    const connection = await instance.connect();
    const relation = csvRelation(file, {
      delimiter: ",",
      width: 3,
      parallel: true,
      encoding: "utf-8",
      bufferBytes: 65_536,
    });
    await connection.run(`CREATE TABLE t AS SELECT c1 FROM ${relation}`);
    const read = (await connection.runAndReadAll("SELECT c1 FROM t")).getRowsJS().slice(1);
    const outOfPlace = read.filter(([value], i) => Number(value) !== scrambled(i)).length;
    connection.closeSync();
    instance.closeSync();
    expect(outOfPlace).toBeGreaterThan(rows / 10);
  }, 60_000);

  it.each([
    ["a plain file (parallel scan)", null],
    ["a file with a quoted line break (DuckDB falls back to one thread)", 77_777],
  ])(
    "the engine keeps every row of %s in file order",
    async (_name, quotedAt) => {
      const file = orderFile(`order-${quotedAt}.csv`, rows, quotedAt);
      const engine = await DuckDbEngine.open({ threads: 4, csvBufferBytes: 65_536 });
      try {
        const described = await engine.describe({ kind: "csv", path: file });
        if (!described.ok) throw new Error(described.problem.message);
        const outcome = await engine.segment(described.table, quadrantSettings());
        if (!outcome.ok) throw new Error(outcome.problem.message);
        const { numbers } = outcome.results.alignment[0];
        expect(numbers.length).toBe(rows);
        let misplaced = 0;
        for (let i = 0; i < rows; i++) if (numbers[i] !== scrambled(i)) misplaced++;
        expect(misplaced).toBe(0);
        // Median of the scrambled values: the results follow the rows, not only the values read.
        const sorted = Float64Array.from({ length: rows }, (_, i) => scrambled(i)).sort();
        const valueCut = (sorted[rows / 2 - 1] + sorted[rows / 2]) / 2;
        expect(outcome.summary.cutPoints.value).toEqual([valueCut]);
        const highValue =
          outcome.results.cell(0, 1) === "Strategic" || outcome.results.cell(0, 1) === "Profit";
        expect(highValue).toBe(scrambled(1) >= valueCut);
      } finally {
        engine.close();
      }
    },
    60_000,
  );
});

describe("cell typing", () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await DuckDbEngine.open({ threads: 1 });
  });
  afterAll(() => engine.close());

  async function duckdbNumbers(fields: readonly string[]): Promise<(number | null)[]> {
    const list = fields.map((f) => `'${f.replace(/'/g, "''")}'`).join(", ");
    const rows = (
      await engine.sql.runAndReadAll(
        `SELECT cx_cell_number(f) FROM (SELECT unnest([${list}]) AS f, generate_subscripts([${list}], 1) AS i) ORDER BY i`,
      )
    ).getRowsJS();
    return rows.map((row) => row[0] as number | null);
  }

  /** What the runner's CSV workbook reads from each field: its number, or null for blank and text. */
  async function workbookNumbers(fields: readonly string[]): Promise<(number | null)[]> {
    const file = path.join(dir, `typing-${fields.length}-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(file, toCsv([["x"], ...fields.map((f) => [f])]));
    const workbook = await CsvWorkbook.open(file, { delimiter: "," });
    const table = (await workbook.locateTable())!;
    const [cells] = await workbook.readColumns(table, [0]);
    return cells.map((cell) => (typeof cell === "number" ? cell : null));
  }

  it("reads the hand-picked awkward fields as the CSV workbook does", async () => {
    const fields = [
      "12",
      " 12 ",
      "\t-3.5\u00a0",
      "+5",
      "1.",
      ".5",
      "1e6",
      "1E+05",
      "-0",
      "00012",
      "1e400",
      "0x10",
      "1,5",
      "12 kg",
      "",
      "   ",
      "TRUE",
      "2024-01-31",
      " 2024-02-29 ",
      "2023-02-29",
      "2026-02-31",
      "1900-02-29",
      "1900-01-01",
      "1899-12-31",
      "2024-1-31",
      "2024-01-31 12:00",
      "9007199254740993",
      "0.30000000000000004",
      "\u2003 7 \u3000",
      "\ufeff8",
    ];
    expect(await duckdbNumbers(fields)).toEqual(await workbookNumbers(fields));
    // And the writer's check reads them the same way (NaN for what is not a number).
    expect(fields.map(csvFieldNumber).map((x) => (Number.isNaN(x) ? null : x))).toEqual(
      await workbookNumbers(fields),
    );
  });

  it("reads random fields (numbers in every spelling, dates, padding, text) as the CSV workbook does", async () => {
    const padding = fc.constantFrom("", " ", "\t", "\u00a0", "\u2028", "\ufeff", "  ");
    const number = fc.oneof(
      fc.double({ noNaN: true }).map(String),
      fc.integer().map(String),
      fc.tuple(fc.nat(), fc.nat(99)).map(([a, b]) => `${a}.${b}`),
      fc
        .tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -330, max: 330 }))
        .map(([m, e]) => `${m}e${e}`),
    );
    const date = fc
      .tuple(
        fc.integer({ min: 1890, max: 2100 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
    const field = fc
      .tuple(padding, fc.oneof(number, date, fc.string({ maxLength: 6 })), padding)
      .map(([a, b, c]) => a + b + c);
    await fc.assert(
      fc.asyncProperty(fc.array(field, { minLength: 1, maxLength: 40 }), async (fields) => {
        expect(await duckdbNumbers(fields)).toEqual(await workbookNumbers(fields));
      }),
      { numRuns: 60, seed: 20261125 },
    );
  }, 60_000);

  it("trims exactly what JavaScript's trim removes", () => {
    expect(JS_TRIM_CHARACTERS).toContain(" ");
    expect(JS_TRIM_CHARACTERS).toContain("\u00a0");
    expect(JS_TRIM_CHARACTERS).toContain("\ufeff");
    expect(JS_TRIM_CHARACTERS).not.toContain("\u200b"); // zero-width space: not whitespace to JS
    expect(JS_TRIM_CHARACTERS.length).toBe(25); // 6 ASCII, NBSP, 1680, 2000–200A (11), 2028/2029, 202F, 205F, 3000, FEFF
  });
});

describe("files the engine refuses", () => {
  it.each([
    ["LF LF", "a,b\n1,2\n\n3,4\n", 3],
    ["CR LF CR LF", "a,b\r\n1,2\r\n\r\n3,4\r\n", 3],
    ["CR CR", "a,b\r1,2\r\r", 3],
    ["a trailing empty line", "a,b\n1,2\n\n", 3],
    ["an empty first line", "\na,b\n1,2\n", 1],
  ])("finds an empty line (%s) and names it", (_name, text, line) => {
    const file = path.join(dir, `empty-${line}-${text.length}.csv`);
    writeFileSync(file, text);
    expect(findEmptyLine(file)).toBe(line);
  });

  it.each([
    ["LF", "a,b\n1,2\n3,4\n"],
    ["CR LF", "a,b\r\n1,2\r\n3,4"],
    ["CR", "a,b\r1,2\r"],
    ["a line of spaces (a row to both readers)", "a,b\n \n1,2\n"],
  ])("finds no empty line in a file with %s line ends", (_name, text) => {
    const file = path.join(dir, `full-${text.length}-${_name.length}.csv`);
    writeFileSync(file, text);
    expect(findEmptyLine(file)).toBeNull();
  });

  it("finds an empty line that a 1 MiB read splits between its CR and LF", () => {
    // 5 + 5 · 209,713 + 5 = 1,048,575 bytes: the empty line's first CR is the last byte of the first read.
    const head = "a,b\r\n" + "1,2\r\n".repeat(209_713) + "3,444";
    expect(Buffer.byteLength(head)).toBe((1 << 20) - 1);
    const file = path.join(dir, "split.csv");
    writeFileSync(file, `${head}\r\n\r\n5,6\r\n`);
    expect(findEmptyLine(file)).toBe(head.split("\r\n").length + 1);
  });

  it("refuses a CSV with an empty line, naming it and the way out", async () => {
    const file = path.join(dir, "with-empty-line.csv");
    writeFileSync(file, "Customer,Revenue,Strategic match\r\nA,1,2\r\n\r\nB,3,4\r\n");
    const engine = await DuckDbEngine.open({ threads: 1 });
    try {
      const described = await engine.describe({ kind: "csv", path: file });
      expect(described.ok).toBe(false);
      if (!described.ok) {
        expect(described.problem.code).toBe("engine-unsupported");
        expect(described.problem.message).toMatch(/empty line \(line 3\).*--engine js/);
      }
    } finally {
      engine.close();
    }
  });

  it("reads a Windows-1252 file (not UTF-8) instead of failing, with the same numbers", async () => {
    const file = path.join(dir, "latin1.csv");
    const text = "Kunde,Revenue,Strategic match\r\nM\xfcller GmbH,12.5,3\r\nSch\xf6n AG,7,9\r\n";
    writeFileSync(file, Buffer.from(text, "latin1"));
    const engine = await DuckDbEngine.open({ threads: 1 });
    try {
      const described = await engine.describe({ kind: "csv", path: file });
      if (!described.ok) throw new Error(described.problem.message);
      const outcome = await engine.segment(described.table, quadrantSettings());
      if (!outcome.ok) throw new Error(outcome.problem.message);
      expect(Array.from(outcome.results.alignment[0].numbers)).toEqual([12.5, 7]);
      // Medians 9.75 and 6: 12.5 ≥ 9.75, 3 < 6 → Profit; 7 < 9.75, 9 ≥ 6 → Potential.
      expect([outcome.results.cell(0, 0), outcome.results.cell(0, 1)]).toEqual(["Profit", "Potential"]);
    } finally {
      engine.close();
    }
  });
});

test("the order test's values are scrambled: about half the steps go down, so sorting cannot fake file order", () => {
  let descending = 0;
  for (let i = 1; i < 1000; i++) if (scrambled(i) < scrambled(i - 1)) descending++;
  expect(descending).toBeGreaterThan(300);
});
