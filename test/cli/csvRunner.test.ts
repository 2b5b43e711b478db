/**
 * The runner on hostile CSV and text files, one test per class of issue 8: every file is built here
 * byte by byte (no blobs), every expected output is written out by hand. The SPEC's example table
 * (values 500, 120, 480, 90; matches 8, 9, 2, 3 → medians 300 and 5.5) gives the segments
 * Strategic, Potential, Profit, Ordinary in that order throughout.
 */
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { run, tempDir } from "./cliHarness";

const SEGMENTS = ["Strategic", "Potential", "Profit", "Ordinary"];
const ROWS = [
  ["A", "500", "8"],
  ["B", "120", "9"],
  ["C", "480", "2"],
  ["D", "90", "3"],
];
const root = path.resolve(__dirname, "../..");

/** Writes `name` into a fresh folder, runs the runner on it with `args`, and returns both. */
async function runOn(name: string, content: string | Buffer, args: string[] = []) {
  const dir = tempDir("cx-csv-");
  writeFileSync(path.join(dir, name), content);
  const result = await run([name, ...args], dir);
  const read = (file: string) => readFileSync(path.join(dir, file));
  return { dir, ...result, read, files: () => readdirSync(dir).sort() };
}

/** The table with `ending` after every record (and after the last one when `last`). */
function table(
  delimiter: string,
  ending: string,
  last = true,
  header = "Customer,Revenue,Strategic match",
): string {
  const lines = [header.split(",").join(delimiter), ...ROWS.map((row) => row.join(delimiter))];
  return lines.join(ending) + (last ? ending : "");
}

/** The expected output of {@link table}: each record + delimiter + its segment, same endings. */
function segmented(
  delimiter: string,
  ending: string,
  last = true,
  header = "Customer,Revenue,Strategic match",
): string {
  const lines = [
    `${header.split(",").join(delimiter)}${delimiter}Segment`,
    ...ROWS.map((row, i) => `${row.join(delimiter)}${delimiter}${SEGMENTS[i]}`),
  ];
  return lines.join(ending) + (last ? ending : "");
}

describe("CSV records come back byte for byte", () => {
  it("keeps a quoted field with a line feed or a lone carriage return inside as one quoted field", async () => {
    const input =
      'Customer,Revenue,Strategic match\r\n"A\nnorth",500,8\r\n"B\rsouth",120,9\r\nC,480,2\r\nD,90,3\r\n';
    const result = await runOn("c.csv", input);
    expect(result.stderr).toBe("");
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(
      'Customer,Revenue,Strategic match,Segment\r\n"A\nnorth",500,8,Strategic\r\n"B\rsouth",120,9,Potential\r\nC,480,2,Profit\r\nD,90,3,Ordinary\r\n',
    );
  });

  it("keeps a UTF-8 byte-order mark and LF line endings", async () => {
    const result = await runOn("c.csv", `\uFEFF${table(",", "\n")}`);
    expect(result.code).toBe(0);
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(`\uFEFF${segmented(",", "\n")}`);
    // The summary companion is written in the same dialect: mark and LF.
    const summary = result.read("c.segmented.summary.csv").toString("utf8");
    expect(summary.startsWith("\uFEFFCustomer segmentation,")).toBe(true);
    expect(summary).not.toMatch(/\r/);
  });

  it("keeps CR-only line endings (old Mac files) and a last line without a line ending", async () => {
    const result = await runOn("c.csv", table(",", "\r", false));
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(segmented(",", "\r", false));
  });

  it("keeps each record's own line ending when they are mixed", async () => {
    const input = "Customer,Revenue,Strategic match\nA,500,8\r\nB,120,9\rC,480,2\nD,90,3";
    const result = await runOn("c.csv", input);
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(
      "Customer,Revenue,Strategic match,Segment\nA,500,8,Strategic\r\nB,120,9,Potential\rC,480,2,Profit\nD,90,3,Ordinary",
    );
  });

  it("keeps the original quoting of every field, even where none was needed", async () => {
    const input =
      '"Customer","Revenue","Strategic match"\r\n"A",500,"8"\r\n"B ""the best""",120,9\r\nC,"480",2\r\nD,90,3\r\n';
    const result = await runOn("c.csv", input);
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(
      '"Customer","Revenue","Strategic match",Segment\r\n"A",500,"8",Strategic\r\n"B ""the best""",120,9,Potential\r\nC,"480",2,Profit\r\nD,90,3,Ordinary\r\n',
    );
  });

  it("keeps blank records after the table as they are, instead of reading them as customers", async () => {
    // Excel writes ",,," for rows whose cells were cleared.
    const result = await runOn("c.csv", `${table(",", "\r\n")},,\r\n\r\n`);
    expect(result.stderr).toBe("");
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(`${segmented(",", "\r\n")},,\r\n\r\n`);
  });

  it("pads a short record so the new value sits in the new column", async () => {
    const input = "Customer,Revenue,Strategic match,Note\r\nA,500,8\r\nB,120,9,x\r\nC,480,2,\r\nD,90,3\r\n";
    const result = await runOn("c.csv", input);
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(
      "Customer,Revenue,Strategic match,Note,Segment\r\nA,500,8,,Strategic\r\nB,120,9,x,Potential\r\nC,480,2,,Profit\r\nD,90,3,,Ordinary\r\n",
    );
  });
});

describe("records with more fields than the header", () => {
  const input =
    "Customer,Revenue,Strategic match\r\nA,500,8,late note\r\nB,120,9\r\nC,480,2,x,y\r\nD,90,3\r\n";

  it("counts the extra fields as non-empty cells where the new column goes, and refuses without --force", async () => {
    const result = await runOn("c.csv", input);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not empty \('c'!D2, 'c'!D4\).*--force/);
    expect(result.files()).toEqual(["c.csv"]);
  });

  it("with --force puts each new value under its own header, keeping the fields beyond it", async () => {
    const result = await runOn("c.csv", input, ["--force"]);
    expect(result.code).toBe(0);
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(
      "Customer,Revenue,Strategic match,Segment\r\nA,500,8,Strategic\r\nB,120,9,Potential\r\nC,480,2,Profit,y\r\nD,90,3,Ordinary\r\n",
    );
  });
});

describe("encodings", () => {
  const header = "Kunde;Umsatz (€);Strategische Passung";
  const germanRows = [
    ["Müller", "500", "8"],
    ["Öztürk", "120", "9"],
    ["Straße 5", "480", "2"],
    ["Ærø", "90", "3"],
  ];
  const german = [header, ...germanRows.map((r) => r.join(";"))].join("\r\n") + "\r\n";
  const map = ["--map", "value=Umsatz (€)", "--map", "match=Strategische Passung"];

  it("reads a Windows-1252 file without damage, says so, and writes it back in Windows-1252", async () => {
    const bytes = iconv.encode(german, "windows-1252");
    expect(bytes.includes(0xfc)).toBe(true); // ü is one byte, 0xFC, not UTF-8
    const result = await runOn("kunden.csv", bytes, map);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const expected = [
      `${header};Segment`,
      ...germanRows.map((row, i) => `${row.join(";")};${SEGMENTS[i]}`),
    ].join("\r\n");
    // The header was decoded right (--map found "Umsatz (€)"), and every original byte is kept.
    expect(result.read("kunden.segmented.csv").equals(iconv.encode(`${expected}\r\n`, "windows-1252"))).toBe(
      true,
    );
    expect(result.stdout).toMatch(/Note: .*kunden\.csv is not UTF-8 .*read as Windows-1252/);
    // The summary companion is Windows-1252 too: "×" is the single byte 0xD7.
    const summary = result.read("kunden.segmented.summary.csv");
    expect(summary.includes(Buffer.from([0xd7]))).toBe(true);
    expect(summary.includes(Buffer.from("×", "utf8"))).toBe(false);
    expect(iconv.decode(summary, "windows-1252")).toMatch(/^Customer segmentation;Value × strategic match/);
  });

  it("reads and writes UTF-16LE tab-separated text, as Excel's 'Unicode Text' export writes it", async () => {
    const text = `\uFEFF${table("\t", "\r\n")}`;
    const result = await runOn("export.txt", Buffer.from(text, "utf16le"));
    expect(result.stderr).toBe("");
    expect(
      result.read("export.segmented.txt").equals(Buffer.from(`\uFEFF${segmented("\t", "\r\n")}`, "utf16le")),
    ).toBe(true);
    const summary = result.read("export.segmented.summary.txt");
    expect(summary.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]))).toBe(true);
    expect(summary.toString("utf16le")).toMatch(/^\uFEFFCustomer segmentation\tValue × strategic/);
  });

  it("reads UTF-16BE with its mark", async () => {
    const bytes = Buffer.from(`\uFEFF${table(",", "\r\n")}`, "utf16le").swap16();
    const result = await runOn("c.csv", bytes);
    const out = Buffer.from(result.read("c.segmented.csv")).swap16().toString("utf16le");
    expect(out).toBe(`\uFEFF${segmented(",", "\r\n")}`);
  });

  it("reads the encoding named by --encoding", async () => {
    const greek = "Πελάτης,Αξία,Ταίριασμα\r\nΑ,500,8\r\nΒ,120,9\r\nΓ,480,2\r\nΔ,90,3\r\n";
    const result = await runOn("g.csv", iconv.encode(greek, "iso-8859-7"), [
      "--encoding",
      "iso-8859-7",
      "--map",
      "value=Αξία",
      "--map",
      "match=Ταίριασμα",
    ]);
    expect(result.stderr).toBe("");
    expect(iconv.decode(result.read("g.segmented.csv"), "iso-8859-7")).toBe(
      "Πελάτης,Αξία,Ταίριασμα,Segment\r\nΑ,500,8,Strategic\r\nΒ,120,9,Potential\r\nΓ,480,2,Profit\r\nΔ,90,3,Ordinary\r\n",
    );
  });

  it.each([
    ["klingon", /--encoding klingon: not an encoding name/],
    ["utf-7", /--encoding utf-7: .*cannot be read safely/],
  ])("refuses --encoding %s as a usage mistake", async (name, message) => {
    const result = await runOn("c.csv", table(",", "\r\n"), ["--encoding", name]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.files()).toEqual(["c.csv"]);
  });

  it("refuses a new value the file's encoding cannot hold, naming it, instead of writing '?'", async () => {
    const bytes = iconv.encode(german, "windows-1252");
    const result = await runOn("kunden.csv", bytes, [...map, "--labels", "≥ Gold,Profit,Potential,Ordinary"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/"≥ Gold" \(column "Segment", row 2\) cannot be written in Windows-1252/);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.files()).toEqual(["kunden.csv"]);
  });
});

describe("notes the writer makes", () => {
  it("says that non-ASCII labels went into a plain-ASCII file as UTF-8, on screen and in --json", async () => {
    const labels = ["--labels", "≥ Gold,Profit,Potential,Ordinary"];
    const shown = await runOn("c.csv", table(",", "\r\n"), labels);
    expect(shown.code).toBe(0);
    // Written as UTF-8 (≥ is E2 89 A5), the note printed with the summary.
    expect(shown.read("c.segmented.csv").toString("utf8")).toContain("500,8,≥ Gold\r\n");
    expect(shown.stdout).toMatch(
      /Note: .*c\.csv is plain ASCII, so the new text "≥ Gold" was written as UTF-8/,
    );
    const json = await runOn("c.csv", table(",", "\r\n"), [...labels, "--json"]);
    const notes = (JSON.parse(json.stdout) as { notes: string[] }).notes;
    expect(
      notes.some((note) => note.includes('plain ASCII, so the new text "≥ Gold" was written as UTF-8')),
    ).toBe(true);
  });
});

describe("impossible dates in data cells", () => {
  it("names the row of 2026-02-31 in an RFM run instead of rolling it over into March", async () => {
    const input =
      "Customer,Last purchase,Orders,Revenue\r\nA,2026-01-15,3,500\r\nB,2026-02-31,2,120\r\nC,2026-03-01,5,480\r\n";
    const result = await runOn("r.csv", input, ["--method", "rfm", "--as-of", "2026-06-30"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /column B "Last purchase" \(last purchase date\) is text, not a date: row 3\./,
    );
    expect(result.files()).toEqual(["r.csv"]);
  });
});

describe("dialects", () => {
  it("takes a sep= first line as the delimiter, keeps it, and does not read it as the header", async () => {
    const result = await runOn("c.csv", `sep=;\r\n${table(";", "\r\n")}`);
    expect(result.stderr).toBe("");
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(`sep=;\r\n${segmented(";", "\r\n")}`);
    expect(result.read("c.segmented.summary.csv").toString("utf8")).toMatch(
      /^sep=;\r\nCustomer segmentation;/,
    );
  });

  it("writes a .tsv input as a tab-separated .tsv", async () => {
    const result = await runOn("c.tsv", table("\t", "\n"));
    expect(result.files()).toEqual(["c.segmented.summary.tsv", "c.segmented.tsv", "c.tsv"]);
    expect(result.read("c.segmented.tsv").toString("utf8")).toBe(segmented("\t", "\n"));
  });

  it("sniffs the delimiter with quotes respected: commas inside quoted headers do not make it comma-separated", async () => {
    const header = '"Customer, name";"Revenue, EUR";"Strategic match, 1-10"';
    const rows = ROWS.map((row) => row.join(";"));
    const input = [header, ...rows].join("\r\n") + "\r\n";
    const result = await runOn("c.csv", input, [
      "--map",
      "value=Revenue, EUR",
      "--map",
      "match=Strategic match, 1-10",
    ]);
    expect(result.stderr).toBe("");
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(
      [`${header};Segment`, ...rows.map((row, i) => `${row};${SEGMENTS[i]}`)].join("\r\n") + "\r\n",
    );
  });
});

describe("--csv-protect", () => {
  it("puts ' before formula-like fields only, and changes no other byte", async () => {
    const input =
      'Customer,Revenue,Strategic match,Note\n=HYPERLINK("x"),500,8,"=1+2"\nB,120,9,-3\nC,480,2,"+49 30, Berlin"\n@D,90,3,plain\n';
    const result = await runOn("c.csv", input, ["--csv-protect"]);
    expect(result.stderr).toBe("");
    expect(result.read("c.segmented.csv").toString("utf8")).toBe(
      'Customer,Revenue,Strategic match,Note,Segment\n\'=HYPERLINK("x"),500,8,"\'=1+2",Strategic\nB,120,9,-3,Potential\nC,480,2,"\'+49 30, Berlin",Profit\n\'@D,90,3,plain,Ordinary\n',
    );
  });
});

describe("files that are not what their name says", () => {
  it.each<[string, string | Buffer, RegExp]>([
    ["empty.csv", "", /empty\.csv is empty: a CSV file needs a header row/],
    ["header.csv", "Customer,Revenue,Strategic match\r\n", /header row but no customers below it \(row 1\)/],
    [
      "binary.csv",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      /not a workbook or a text file/,
    ],
    ["packed.csv", Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]), /gzip-compressed: unpack it/],
    [
      "open.csv",
      'Customer,Revenue,Strategic match\r\nA,500,8\r\n"B,120,9\r\nC,480,2\r\n',
      /quoted field that starts in row 3, column A \(line 3 of the file\) is never closed/,
    ],
  ])(
    "%s: one line naming the file and what to do, exit 1, nothing written",
    async (name, content, message) => {
      const result = await runOn(name, content);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.files()).toEqual([name]);
    },
  );

  it("says an .xlsx workbook renamed .csv is one, and how to fix it", async () => {
    const dir = tempDir("cx-csv-");
    copyFileSync(path.join(root, "assets", "sample-customers.xlsx"), path.join(dir, "customers.csv"));
    const result = await run(["customers.csv"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/customers\.csv is an \.xlsx workbook renamed \.csv: rename it to \.xlsx/);
    expect(readdirSync(dir)).toEqual(["customers.csv"]);
  });
});

describe("output names", () => {
  it.each([
    [
      "c.csv",
      "x.ods",
      /--output .*x\.ods: the runner cannot write \.ods files for CSV \(c\.csv\); use \.csv, \.txt/,
    ],
    ["c.csv", "x.xlsx", /cannot write \.xlsx files for CSV .*use \.csv, \.txt/],
    ["c.tsv", "x.csv", /cannot write \.csv files for tab-separated text .*use \.tsv, \.tab, \.txt/],
  ])(
    "%s with --output %s is a usage mistake naming the supported extensions",
    async (input, output, message) => {
      const result = await runOn(input, input.endsWith(".tsv") ? table("\t", "\n") : table(",", "\n"), [
        "--output",
        output,
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.files()).toEqual([input]);
    },
  );

  it("refuses an .ods output for a workbook instead of writing xlsx bytes under that name", async () => {
    const dir = tempDir("cx-csv-");
    const result = await run(["--output", "x.ods"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write \.ods files for a workbook .*use \.xlsx/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
