/**
 * Native charts in the runner's .xlsx output (issue 11 point 4): the DrawingML the generator writes
 * for each kind, and a second program drawing it. LibreOffice (`soffice --headless --convert-to
 * pdf`) opens the file, `pdftoppm` renders each page, and a chart counts as drawn when its page has
 * its title and enough coloured pixels (the series colours; cells are black on white). A control
 * chart whose values are all blank must NOT pass that check, so the check would fail for a missing
 * or empty chart.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { chartPartXml } from "../../src/workbook/xlsx/chartXml";
import { findAll, findFirst, parseXml, attribute, textOf } from "../../src/workbook/xlsx/xmlTree";
import type { Block, CellValue, ChartSpec, SheetContent } from "../../src/workbook/workbook";
import { XlsxWorkbook } from "../../src/workbook/xlsxWorkbook";
import { run, tempDir } from "../cli/cliHarness";

/** Four segments with two shares each, as a "share of customers vs share of value" chart reads them. */
function sharesSheet(name: string, kind: ChartSpec["kind"], blankValues = false): SheetContent {
  const block = (row: number, column: number, rowCount: number): Block => ({
    sheet: name,
    row,
    column,
    rowCount,
    columnCount: 1,
  });
  const cells: CellValue[][] = [
    ["Segment", "Share of customers", "Share of value"],
    ["Strategic", 0.29, 0.52],
    ["Profit", 0.21, 0.42],
    ["Potential", 0.31, 0.04],
    ["Ordinary", 0.19, 0.02],
  ];
  if (blankValues) for (const row of cells.slice(1)) row.splice(1, 2, null, null);
  const series =
    kind === "pie"
      ? [{ name: "Share of value", values: block(1, 2, 4) }]
      : [
          { name: "Share of customers", values: block(1, 1, 4) },
          { name: "Share of value", values: block(1, 2, 4) },
        ];
  return {
    name,
    cells,
    numberFormats: [{ block: { sheet: name, row: 1, column: 1, rowCount: 4, columnCount: 2 }, format: "0%" }],
    charts: [
      {
        kind,
        title: blankValues ? "blank control chart" : `${kind} chart of shares`,
        categories: block(1, 0, 4),
        series,
        anchor: { row: 6, column: 0, rowCount: 16, columnCount: 6 },
      },
    ],
  };
}

describe("the chart generator", () => {
  const content = sharesSheet("CX Summary", "column");
  const cell = (row: number, column: number) => content.cells[row]?.[column] ?? null;
  const format = (row: number, column: number) => (row >= 1 && column >= 1 ? "0%" : "General");

  it.each([
    ["pie", "pieChart", 1],
    ["column", "barChart", 2],
    ["bar", "barChart", 2],
    ["line", "lineChart", 2],
  ] as const)(
    "writes a %s chart as c:%s with %i series bound to the sheet's cells",
    (kind, element, seriesCount) => {
      const spec = sharesSheet("CX Summary", kind).charts![0];
      const tree = parseXml(chartPartXml(spec, cell, format));
      const chart = findFirst(tree, element)!;
      expect(chart).not.toBeNull();
      const series = findAll([chart], "ser");
      expect(series).toHaveLength(seriesCount);
      if (kind === "column" || kind === "bar") {
        expect(attribute(findFirst([chart], "barDir")!, "val")).toBe(kind === "bar" ? "bar" : "col");
        expect(attribute(findFirst([chart], "grouping")!, "val")).toBe("clustered");
      }
      const last = series[series.length - 1];
      // The series refers to the cells (quoted sheet name, absolute range) and caches their values.
      expect(textOf(findFirst([findFirst([last], "cat")!], "f")!)).toBe("'CX Summary'!$A$2:$A$5");
      expect(textOf(findFirst([findFirst([last], "val")!], "f")!)).toBe("'CX Summary'!$C$2:$C$5");
      const cached = findAll([findFirst([last], "numCache")!], "v").map(textOf);
      expect(cached).toEqual(["0.52", "0.42", "0.04", "0.02"]);
      const categories = findAll([findFirst([last], "strCache")!], "v").map(textOf);
      expect(categories).toEqual(["Strategic", "Profit", "Potential", "Ordinary"]);
    },
  );

  it("writes a pareto chart as columns plus a line on a secondary axis that crosses at the right", () => {
    const spec: ChartSpec = { ...sharesSheet("CX Summary", "pareto").charts![0], kind: "pareto" };
    const tree = parseXml(chartPartXml(spec, cell, format));
    const plot = findFirst(tree, "plotArea")!;
    expect(findAll([findFirst([plot], "barChart")!], "ser")).toHaveLength(1);
    expect(findAll([findFirst([plot], "lineChart")!], "ser")).toHaveLength(1);
    const valueAxes = findAll([plot], "valAx");
    expect(valueAxes).toHaveLength(2);
    expect(attribute(findFirst([valueAxes[1]], "axPos")!, "val")).toBe("r");
    expect(attribute(findFirst([valueAxes[1]], "crosses")!, "val")).toBe("max");
    expect(attribute(findFirst([valueAxes[1]], "max")!, "val")).toBe("1");
  });

  it("escapes titles, names and categories", () => {
    const spec: ChartSpec = {
      ...sharesSheet("A & B", "column").charts![0],
      title: 'Value <"top"> & rest',
    };
    const xml = chartPartXml(spec, (r, c) => (c === 0 && r > 0 ? `<${r}&>` : cell(r, c)), format);
    const tree = parseXml(xml);
    expect(textOf(findFirst(tree, "t")!)).toBe('Value <"top"> & rest');
    expect(findAll([findFirst(tree, "strCache")!], "v").map(textOf)).toEqual([
      "<1&>",
      "<2&>",
      "<3&>",
      "<4&>",
    ]);
    expect(textOf(findFirst(tree, "f")!)).toBe("'A & B'!$A$2:$A$5");
  });
});

/** Pixels of a binary PPM (P6) image that are clearly coloured (not white, grey or black). */
function colouredPixels(ppm: Buffer): number {
  // Header: "P6", width, height, max value, each followed by whitespace; then RGB bytes.
  let offset = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(ppm[offset]))) offset++;
    let field = "";
    while (!/\s/.test(String.fromCharCode(ppm[offset]))) field += String.fromCharCode(ppm[offset++]);
    fields.push(field);
  }
  offset++;
  let count = 0;
  for (let i = offset; i + 2 < ppm.length; i += 3) {
    const [r, g, b] = [ppm[i], ppm[i + 1], ppm[i + 2]];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) count++;
  }
  return count;
}

/** Converts an .xlsx to PDF with LibreOffice and returns, per page, its text and coloured pixels. */
function renderPages(xlsx: string): { text: string; coloured: number }[] {
  const dir = path.dirname(xlsx);
  const profile = tempDir("cx-lo-profile-");
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx],
    { timeout: 240_000, stdio: "ignore" },
  );
  const pdf = xlsx.replace(/\.xlsx$/, ".pdf");
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const out: { text: string; coloured: number }[] = [];
  for (let page = 1; page <= pages; page++) {
    const text = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"], {
      encoding: "utf8",
    });
    const prefix = path.join(dir, `page-${page}`);
    execFileSync("pdftoppm", [
      "-f",
      String(page),
      "-l",
      String(page),
      "-r",
      "40",
      "-singlefile",
      pdf,
      prefix,
    ]);
    out.push({ text, coloured: colouredPixels(readFileSync(`${prefix}.ppm`)) });
  }
  return out;
}

describe("LibreOffice draws the charts of the runner's output", () => {
  it("draws every chart kind with data, and the blank control chart without any", async () => {
    const dir = tempDir("cx-charts-");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Data").getCell("A1").value = "x";
    await workbook.xlsx.writeFile(path.join(dir, "in.xlsx"));
    const opened = await XlsxWorkbook.open(path.join(dir, "in.xlsx"));
    const kinds: ChartSpec["kind"][] = ["pie", "column", "bar", "line", "pareto"];
    for (const kind of kinds) await opened.addSheet(sharesSheet(`K ${kind}`, kind));
    await opened.addSheet(sharesSheet("K blank", "column", true));
    await opened.save(path.join(dir, "charts.xlsx"));
    opened.close();
    const pages = renderPages(path.join(dir, "charts.xlsx"));
    const pageOf = (title: string) => pages.find((page) => page.text.includes(title));
    for (const kind of kinds) {
      const page = pageOf(`${kind} chart of shares`);
      expect(page).toBeDefined();
      // At 40 dpi a chart of 6 × 16 cells is ≈ 150 × 130 px; its bars, slices or lines colour far more than 300.
      expect({ kind, coloured: page!.coloured > 300 }).toEqual({ kind, coloured: true });
    }
    const control = pageOf("blank control chart");
    expect(control).toBeDefined();
    expect(control!.coloured).toBeLessThan(100);
  }, 300_000);

  it("draws the summary's charts of a runner run (pie of value shares, Pareto)", async () => {
    const dir = tempDir("cx-charts-run-");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Customers");
    sheet.addRow(["Customer", "Revenue", "Strategic match"]);
    [
      ["A", 500, 8],
      ["B", 120, 9],
      ["C", 480, 2],
      ["D", 90, 3],
    ].forEach((row) => sheet.addRow(row));
    await workbook.xlsx.writeFile(path.join(dir, "small.xlsx"));
    const result = await run(["small.xlsx"], dir);
    expect(result.code).toBe(0);
    expect(readdirSync(dir)).toContain("small.segmented.xlsx");
    const pages = renderPages(path.join(dir, "small.segmented.xlsx"));
    for (const title of ["Share of value by segment", "Pareto: value by customers"]) {
      const page = pages.find((p) => p.text.includes(title));
      expect(page).toBeDefined();
      expect(page!.coloured).toBeGreaterThan(300);
    }
  }, 300_000);
});
