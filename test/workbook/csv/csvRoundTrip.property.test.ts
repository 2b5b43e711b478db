/**
 * Properties of the runner's CSV round trip (issue 8, point 6), with fast-check over random tables:
 * random text with quotes, delimiters, CR / LF / CRLF inside quoted fields, non-ASCII, formula-like
 * strings; random blanks, text and numbers written in different ways; random line endings per
 * record; BOM or not; `sep=` or not; UTF-8, Windows-1252 or UTF-16LE; random labels.
 *
 * For every table: (1) the output with the added column removed is the input, byte for byte — the
 * added column is found by a small reference parser written here, not by the code under test;
 * (2) the added column holds the segment an independent plain computation gives (sort for the
 * medians, the SPEC's ≥ rule), blank for rows with a blank or text in a mapped column.
 */
import { isUtf8 } from "node:buffer";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { run, tempDir } from "../../cli/cliHarness";

type Encoding = "utf-8" | "windows-1252" | "utf-16le";

/** A generated cell: what it means, and the exact text written for it. */
interface Cell {
  number: number | null;
  raw: string;
}

interface Case {
  encoding: Encoding;
  bom: boolean;
  delimiter: string;
  sepLine: boolean;
  extension: string;
  header: Cell[];
  rows: Cell[][];
  endings: string[];
  lastEnding: boolean;
  labels: string[];
  /** Column positions of Revenue and Strategic match. */
  value: number;
  match: number;
}

const ASCII_TEXT = "abcXYZ 019_-/()'!?";
const EXTRA: Record<Encoding, string> = {
  "utf-8": "éüßÆ€Ж中😀≥",
  "windows-1252": "éüßÆ€‚ÿ",
  "utf-16le": "éüßÆ€Ж中😀≥",
};

/** Quotes a field when CSV needs it (or sometimes when it does not), doubling inner quotes. */
function written(content: string, delimiter: string, quoteAnyway: boolean): string {
  const needs = content.includes(delimiter) || /["\r\n]/.test(content);
  return needs || quoteAnyway ? `"${content.replace(/"/g, '""')}"` : content;
}

const textContent = (encoding: Encoding, delimiter: string) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...ASCII_TEXT, ...EXTRA[encoding]), maxLength: 8 }),
    fc.string({
      unit: fc.constantFrom('"', delimiter, ",", ";", "\r", "\n", "\r\n", "a", " ", "é"),
      maxLength: 6,
    }),
    fc.constantFrom("=1+2", "+x", "-3", "@a", '=HYPERLINK("x")', "-", "2026-02-31"),
  );

/** A value/match cell: a number written one of several ways Excel reads as that number, or not a number. */
const numericCell = (delimiter: string) =>
  fc
    .oneof(
      {
        weight: 5,
        arbitrary: fc.tuple(
          fc.integer({ min: -1000, max: 1000 }),
          fc.constantFrom(0, 0.5, 0.25),
          fc.nat(5),
          fc.boolean(),
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom("", " ", "n/a", "—") },
    )
    .map((choice): Cell => {
      if (typeof choice === "string") return { number: null, raw: written(choice, delimiter, false) };
      const [whole, fraction, style, quote] = choice;
      const value = whole + fraction;
      const text = [
        String(value),
        `${value}`.includes(".") ? `${value}0` : `${value}.0`,
        ` ${value} `,
        `+${value}`.replace("+-", "-"),
        `${value * 10}e-1`,
        String(value),
      ][style];
      return { number: value, raw: written(text, delimiter, quote) };
    });

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    encoding: fc.constantFrom<Encoding>("utf-8", "windows-1252", "utf-16le"),
    bom: fc.boolean(),
    delimiter: fc.constantFrom(",", ";", "\t"),
    sepLine: fc.boolean(),
    extraColumns: fc.nat(2),
    rowCount: fc.integer({ min: 1, max: 12 }),
    lastEnding: fc.boolean(),
    order: fc.nat(5),
  })
  .chain((shape) => {
    const { encoding, delimiter, extraColumns, rowCount } = shape;
    const width = 3 + extraColumns;
    const text = textContent(encoding, delimiter);
    const textCell = fc
      .tuple(text, fc.boolean())
      .map(([content, quote]): Cell => ({ number: null, raw: written(content, delimiter, quote) }));
    const positions = [
      [0, 1, 2],
      [1, 0, 2],
      [2, 1, 0],
      [0, 2, 1],
      [1, 2, 0],
      [2, 0, 1],
    ][shape.order];
    const [, value, match] = positions;
    const names = ["Customer", "Revenue", "Strategic match"];
    const header: Cell[] = [];
    for (let c = 0; c < width; c++) {
      const name = c < 3 ? names[positions.indexOf(c)] : `Note${c}`;
      header.push({ number: null, raw: written(name, delimiter, c === width - 1) });
    }
    const row = fc.tuple(
      ...Array.from({ length: width }, (_, c) =>
        c === value || c === match ? numericCell(delimiter) : textCell,
      ),
    );
    const label = fc
      .string({ unit: fc.constantFrom(..."abcXYZ\"'; ", ...EXTRA[encoding]), minLength: 1, maxLength: 6 })
      .map((s) => `L${s}`.trim());
    return fc
      .record({
        rows: fc.array(row, { minLength: rowCount, maxLength: rowCount }),
        endings: fc.array(fc.constantFrom("\r\n", "\n", "\r"), {
          minLength: rowCount + 2,
          maxLength: rowCount + 2,
        }),
        labels: fc.uniqueArray(label, { minLength: 4, maxLength: 4 }),
      })
      .map((drawn): Case => ({
        encoding,
        // A byte-order mark is UTF's; Windows-1252 files have none.
        bom: shape.bom && encoding !== "windows-1252",
        delimiter,
        sepLine: shape.sepLine,
        extension: delimiter === "\t" && !shape.sepLine ? ".tsv" : ".csv",
        header,
        rows: drawn.rows,
        endings: drawn.endings,
        lastEnding: shape.lastEnding,
        labels: drawn.labels,
        value,
        match,
      }));
  })
  .filter((c) => c.rows.some((row) => row[c.value].number !== null && row[c.match].number !== null));

/**
 * The file's bytes, how to view bytes as code units (latin1: one char per byte; or UTF-16 units),
 * and how many units the byte-order mark and sep= line take.
 */
function encodeCase(c: Case): { bytes: Buffer; units: (b: Buffer) => string; prefixUnits: number } {
  let text = c.bom ? "\uFEFF" : "";
  if (c.sepLine) text += `sep=${c.delimiter}${c.endings[0]}`;
  const records = [c.header, ...c.rows].map((cells) => cells.map((cell) => cell.raw).join(c.delimiter));
  records.forEach((record, r) => {
    const last = r === records.length - 1;
    text += record + (last && !c.lastEnding ? "" : c.endings[r + 1]);
  });
  const bytes = c.encoding === "utf-16le" ? Buffer.from(text, "utf16le") : iconv.encode(text, c.encoding);
  const units = (b: Buffer) => (c.encoding === "utf-16le" ? b.toString("utf16le") : b.toString("latin1"));
  const bomUnits = !c.bom ? 0 : c.encoding === "utf-16le" ? 1 : 3;
  const sepUnits = c.sepLine ? 5 + c.endings[0].length : 0;
  return { bytes, units, prefixUnits: bomUnits + sepUnits };
}

/** The reference parser: records as [content, ending] and each record's field spans, over code units. */
function parse(
  text: string,
  delimiter: string,
): { content: string; ending: string; fields: [number, number][] }[] {
  const out: { content: string; ending: string; fields: [number, number][] }[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const fields: [number, number][] = [];
    let fieldStart = i;
    let inQuotes = false;
    while (i < text.length) {
      const ch = text[i];
      if (inQuotes) {
        if (ch === '"' && text[i + 1] === '"') i += 2;
        else {
          if (ch === '"') inQuotes = false;
          i++;
        }
      } else if (ch === '"' && i === fieldStart) {
        inQuotes = true;
        i++;
      } else if (ch === delimiter) {
        fields.push([fieldStart - start, i - start]);
        fieldStart = ++i;
      } else if (ch === "\r" || ch === "\n") break;
      else i++;
    }
    fields.push([fieldStart - start, i - start]);
    const content = text.slice(start, i);
    const endingLength = text.startsWith("\r\n", i) ? 2 : i < text.length ? 1 : 0;
    out.push({ content, ending: text.slice(i, i + endingLength), fields });
    i += endingLength;
  }
  return out;
}

/** Excel's MEDIAN, plainly: sort, take the middle (or the mean of the two middle values). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Rows of the table: the runner leaves blank records after the table (nothing but delimiters, as
 * Excel writes for cleared rows) out of it and copies them as they are.
 */
function tableRows(c: Case): Cell[][] {
  let count = c.rows.length;
  while (count > 0 && c.rows[count - 1].every((cell) => cell.raw === "")) count--;
  return c.rows.slice(0, count);
}

/** What each row's new cell must say, computed from the generated numbers alone. */
function expectedSegments(c: Case): string[] {
  const rows = tableRows(c);
  const valid = rows.filter((row) => row[c.value].number !== null && row[c.match].number !== null);
  const valueCut = median(valid.map((row) => row[c.value].number as number));
  const matchCut = median(valid.map((row) => row[c.match].number as number));
  const [strategic, profit, potential, ordinary] = c.labels;
  return rows.map((row) => {
    const value = row[c.value].number;
    const match = row[c.match].number;
    if (value === null || match === null) return "";
    if (value >= valueCut) return match >= matchCut ? strategic : profit;
    return match >= matchCut ? potential : ordinary;
  });
}

function unquote(raw: string): string {
  return raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw;
}

describe("the CSV round trip, on random tables", () => {
  it("gives back every input byte once the added column is removed, and the right segment in it", async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const dir = tempDir("cx-prop-");
        const { bytes, units, prefixUnits } = encodeCase(c);
        const name = `t${c.extension}`;
        writeFileSync(path.join(dir, name), bytes);
        const args = [name, "--skip-invalid", "--labels", c.labels.join(",")];
        if (c.encoding === "utf-16le" && !c.bom) args.push("--encoding", "utf-16le");
        const result = await run(args, dir);
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        const outputName = readdirSync(dir).find(
          (f) => f.includes(".segmented.") && !f.includes(".summary."),
        );
        const output = units(readFileSync(path.join(dir, outputName as string)));
        const input = units(bytes);

        // The byte-order mark and the sep= line come first, unchanged.
        const prefix = input.slice(0, prefixUnits);
        expect(output.startsWith(prefix)).toBe(true);
        const records = parse(output.slice(prefix.length), c.delimiter);
        expect(records).toHaveLength(c.rows.length + 1);
        const rowCount = tableRows(c).length;

        // (1) Removing the last field of every table record gives the input back exactly.
        const removed =
          prefix +
          records
            .map((record, r) => {
              if (r > rowCount) return record.content + record.ending;
              const [lastStart] = record.fields[record.fields.length - 1];
              return record.content.slice(0, lastStart - 1) + record.ending;
            })
            .join("");
        expect(removed).toBe(input);

        // The documented rule: bytes that are valid UTF-8 (plain ASCII included) are read, and
        // new text written, as UTF-8; other bytes as Windows-1252.
        const detected = isUtf8(bytes) ? "utf-8" : "windows-1252";
        // (2) The added field: "Segment" on the header, then the expected label (blank when skipped).
        const decode = (raw: string) =>
          c.encoding === "utf-16le" ? raw : iconv.decode(Buffer.from(raw, "latin1"), detected);
        const added = records.slice(0, rowCount + 1).map((record) => {
          const [start, end] = record.fields[record.fields.length - 1];
          return decode(unquote(record.content.slice(start, end)));
        });
        expect(added).toEqual(["Segment", ...expectedSegments(c)]);
      }),
      {
        numRuns: Number(process.env.CX_PROP_RUNS ?? 250),
        seed: Number(process.env.CX_PROP_SEED ?? 20261201),
      },
    );
  }, 120_000);
});
