/**
 * The Parquet workbook (`src/engine/parquetWorkbook.ts`): typed columns become the cells a workbook
 * would hold (hand-worked serials), rows come back in file order across many row groups read by
 * several threads, and the output keeps every input column with its type, then the new columns.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ParquetWorkbook } from "../../src/engine/parquetWorkbook";
import { duckdb, tempDir } from "./engineHarness";

const dir = tempDir("cx-parquet-");

it("reads each type as the cell a workbook holds: numbers, Excel serials for dates and times, logicals, text, blanks", async () => {
  const file = path.join(dir, "typed.parquet");
  await duckdb(
    `COPY (SELECT * FROM (VALUES
       ('A', 12::TINYINT, 2.5::DECIMAL(5, 2), DATE '2024-01-31', TIMESTAMP '2024-01-31 18:00:00', true, 7::BIGINT),
       ('B', NULL, -1.25::DECIMAL(5, 2), DATE '1900-02-28', TIMESTAMP '1900-03-01 00:00:00', false, NULL),
       (NULL, 3::TINYINT, NULL, DATE '1899-12-31', NULL, NULL, 9007199254740993::BIGINT))
       AS t("Name", "Small", "Decimal", "Day", "Time", "Flag", "Big")) TO '${file}' (FORMAT parquet)`,
  );
  const workbook = await ParquetWorkbook.open(file);
  try {
    const table = await workbook.locateTable();
    expect(table).toMatchObject({ sheet: "typed", headerRow: 0, rowCount: 3, columnCount: 7 });
    const cells = await workbook.readColumns(table!, [0, 1, 2, 3, 4, 5, 6]);
    // 2024-01-31 = serial 45322; 18:00 = 0.75 of a day. 1900-02-28 = 59 (days since 1899-12-31);
    // 1900-03-01 = 61 (Excel counts its 29 February 1900 as 60); 1899-12-31 has no serial: blank.
    expect(cells).toEqual([
      ["A", "B", null],
      [12, null, 3],
      [2.5, -1.25, null],
      [45322, 59, null],
      [45322.75, 61, null],
      [true, false, null],
      [7, null, 9007199254740992], // BIGINT as the nearest double, as Excel would hold it
    ]);
    // A block of the last two rows (how the workflow reads a totals row's label).
    const tail = await workbook.readColumns({ ...table!, headerRow: 1, rowCount: 2 }, [0]);
    expect(tail).toEqual([["B", null]]);
  } finally {
    workbook.close();
  }
});

it("keeps file order over 200 row groups read by 4 threads, and writes every input column and type, then the new ones", async () => {
  const file = path.join(dir, "ordered.parquet");
  const rows = 100_000;
  // Values that go up and down (a multiplicative scramble), so sorting cannot stand in for file order.
  await duckdb(
    `COPY (SELECT 'C' || i AS "Customer", ((i * 7919) % 100003)::DOUBLE AS "Revenue", (i % 3 = 0) AS "Flag"
       FROM range(${rows}) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 500)`,
  );
  const workbook = await ParquetWorkbook.open(file, { threads: 4 });
  const output = path.join(dir, "ordered.out.parquet");
  try {
    const table = (await workbook.locateTable())!;
    const [customers, revenue] = await workbook.readColumns(table, [0, 1]);
    expect(customers.length).toBe(rows);
    const wrong = customers.findIndex((c, i) => c !== `C${i}` || revenue[i] !== (i * 7919) % 100003);
    expect(wrong).toBe(-1);
    await workbook.appendColumns(table, [
      { header: "Segment", values: customers.map((_, i) => (i % 5 === 0 ? null : `S${i % 4}`)) },
      { header: "Share", values: revenue.map((v) => (v as number) / 100003), numberFormat: "0.00%" },
    ]);
    await workbook.save(output);
  } finally {
    workbook.close();
  }
  const types = await duckdb(`DESCRIBE SELECT * FROM '${output}'`);
  expect(types.map((row) => `${row[0]} ${row[1]}`)).toEqual([
    "Customer VARCHAR",
    "Revenue DOUBLE",
    "Flag BOOLEAN",
    "Segment VARCHAR",
    "Share DOUBLE",
  ]);
  const written = await duckdb(`SELECT * FROM '${output}'`);
  const bad = written.findIndex((row, i) => {
    const revenue = (i * 7919) % 100003;
    return (
      row[0] !== `C${i}` ||
      row[1] !== revenue ||
      row[2] !== (i % 3 === 0) ||
      row[3] !== (i % 5 === 0 ? null : `S${i % 4}`) ||
      row[4] !== revenue / 100003
    );
  });
  expect(bad).toBe(-1);
}, 120_000);

it("refuses a file that is not Parquet, and a column named file_row_number, in one line", async () => {
  const notParquet = path.join(dir, "text.parquet");
  writeFileSync(notParquet, "a,b\n1,2\n");
  await expect(ParquetWorkbook.open(notParquet)).rejects.toThrow(
    /text\.parquet could not be read as Parquet: /,
  );
  const clash = path.join(dir, "clash.parquet");
  await duckdb(`COPY (SELECT 1 AS file_row_number, 2 AS "Revenue") TO '${clash}' (FORMAT parquet)`);
  await expect(ParquetWorkbook.open(clash)).rejects.toThrow(/has a column named "file_row_number"/);
});
