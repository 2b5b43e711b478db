/**
 * STAND-IN until the byte-faithful CSV writer of issue 8 is merged: writes the input CSV with the
 * engine's result columns appended, in exactly the format `CsvWorkbook.save` writes today (every
 * record re-parsed with csv-parse and re-written with csv-stringify: same fields, re-quoted only where
 * CSV needs it, CRLF line ends; records shorter than the header padded), so the DuckDB engine's
 * output is byte for byte the JavaScript engine's (test/engine/csvResultWriter.test.ts). It streams:
 * memory does not grow with the file.
 *
 * The issue-8 writer replaces the body of {@link writeCsvWithResults}; the interface it consumes is
 * {@link ResultColumns}, and it must keep the two checks made here: each record agrees with what the
 * engine read ({@link misalignedRecord}), and the record counts agree.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { protectText } from "../workbook/csvWorkbook";
import type { CellValue } from "../workbook/workbook";
import { misalignedRecord, type ResultColumns } from "./resultColumns";

export interface CsvWriteOptions {
  delimiter: string;
  /** Prefix text starting with = + - @ with ' (the runner's --csv-protect). */
  protectFormulaText?: boolean;
  /** Called every 65,536 records with the records written. */
  onProgress?: (done: number, total: number) => void;
}

/** A record of the input and the engine disagree: nothing written may be used. */
export class MisalignedCsvError extends Error {}

function formatCell(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/**
 * Streams `inputPath` to `outputPath` (created exclusively: an existing file is an error) with the
 * result columns appended. Throws {@link MisalignedCsvError} when a record does not match the
 * engine's view of the file; the caller deletes the partial output. O(file size), O(batch) memory.
 */
export async function writeCsvWithResults(
  inputPath: string,
  outputPath: string,
  results: ResultColumns,
  options: CsvWriteOptions,
): Promise<void> {
  const out = createWriteStream(outputPath, { flags: "wx" });
  const opened = new Promise<void>((resolve, reject) => {
    out.once("open", () => resolve());
    out.once("error", reject);
  });
  await opened;
  let failed: unknown = null;
  out.on("error", (error) => (failed = error));
  const write = async (text: string) => {
    if (failed !== null) throw failed;
    if (out.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        out.off("error", onError);
        resolve();
      };
      const onError = (error: unknown) => {
        out.off("drain", onDrain);
        reject(error);
      };
      out.once("drain", onDrain);
      out.once("error", onError);
    });
  };
  const protect = options.protectFormulaText === true;
  const columnCount = results.headers.length;
  let width = 0;
  let batch: string[][] = [];
  let row = -1;
  try {
    const parser = createReadStream(inputPath).pipe(
      parse({ delimiter: options.delimiter, bom: true, relax_column_count: true, skip_empty_lines: false }),
    );
    for await (const record of parser) {
      const fields = (record as string[]).slice();
      if (row === -1) {
        width = fields.length;
        fields.push(...results.headers);
      } else {
        const problem = misalignedRecord(results, row, fields);
        if (problem !== null) throw new MisalignedCsvError(problem);
        while (fields.length < width) fields.push("");
        for (let c = 0; c < columnCount; c++) fields.push(formatCell(results.cell(c, row)));
      }
      batch.push(protect ? fields.map(protectText) : fields);
      if (batch.length === 8192) {
        await write(stringify(batch, { delimiter: options.delimiter, record_delimiter: "\r\n" }));
        batch = [];
      }
      row++;
      if (row % 65_536 === 0) options.onProgress?.(row, results.rowCount);
    }
    if (batch.length > 0)
      await write(stringify(batch, { delimiter: options.delimiter, record_delimiter: "\r\n" }));
    if (Math.max(0, row) !== results.rowCount) {
      throw new MisalignedCsvError(
        `the file has ${Math.max(0, row)} data records, the engine read ${results.rowCount}`,
      );
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
}
