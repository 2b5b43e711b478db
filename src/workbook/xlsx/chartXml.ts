/**
 * Native charts for a sheet the runner adds, as DrawingML parts (ECMA-376 Part 1, §21.2 charts and
 * §20.5 spreadsheet drawing): one chart part per {@link ChartSpec} and one drawing part that
 * anchors them over the sheet's cells. Every series refers to the sheet's cells (`c:f`) AND carries
 * their values (`c:strCache` / `c:numCache`), so Excel and LibreOffice draw the chart on opening
 * without recalculating, and it follows the cells once they change.
 *
 * Kinds: `pie`; `column` (clustered, one or more series); `bar` (clustered, horizontal); `line`;
 * `pareto` (the first series as columns on the primary axis, the second as a line on a secondary
 * axis on the right, 0–100 %). Colours are Office's default palette, written explicitly so every
 * reader draws the same picture. Written as text (a fixed, small vocabulary of elements in schema
 * order) rather than through a general XML builder; every value and name is escaped.
 *
 * Cost: O(points) per chart.
 *
 * @example
 * chartPartXml(spec, (row, column) => cells[row]?.[column] ?? null, "0.0%")
 * // => '<?xml …?><c:chartSpace …><c:chart><c:title>…</c:title>…<c:pieChart>…'
 */
import { qualifiedRange } from "../../core/a1";
import type { Block, CellValue, ChartSpec } from "../workbook";
import { escapeText } from "./xmlText";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/** Office's default series colours (Accent 1–6). */
const PALETTE = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];

/** A cell of the sheet the chart is on (0-based), and the number format shown there. */
export type CellLookup = (row: number, column: number) => CellValue;
export type FormatLookup = (row: number, column: number) => string;

const fill = (color: string) => `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>`;
const line = (color: string, width = 28575) => `<a:ln w="${width}" cap="rnd">${fill(color)}<a:round/></a:ln>`;

/** The cells of a one-column (or one-row) block, in order. */
function blockValues(block: Block, cell: CellLookup): CellValue[] {
  const values: CellValue[] = [];
  for (let r = 0; r < block.rowCount; r++)
    for (let c = 0; c < block.columnCount; c++) values.push(cell(block.row + r, block.column + c));
  return values;
}

function reference(block: Block): string {
  return escapeText(
    qualifiedRange(block.sheet, block.row, block.column, block.rowCount, block.columnCount, true),
  );
}

/** Categories: numbers as a numeric reference, anything else as text. */
function categoriesXml(block: Block, cell: CellLookup, format: FormatLookup): string {
  const values = blockValues(block, cell);
  if (values.length > 0 && values.every((v) => typeof v === "number"))
    return `<c:cat>${numRef(block, values, format)}</c:cat>`;
  const points = values
    .map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${escapeText(String(v))}</c:v></c:pt>`))
    .join("");
  return `<c:cat><c:strRef><c:f>${reference(block)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${points}</c:strCache></c:strRef></c:cat>`;
}

function numRef(block: Block, values: readonly CellValue[], format: FormatLookup): string {
  const code = format(block.row, block.column);
  const points = values
    .map((v, i) =>
      typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "",
    )
    .join("");
  return `<c:numRef><c:f>${reference(block)}</c:f><c:numCache><c:formatCode>${escapeText(code)}</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache></c:numRef>`;
}

interface SeriesParts {
  index: number;
  name: string;
  categories: string;
  values: string;
}

function seriesParts(spec: ChartSpec, cell: CellLookup, format: FormatLookup): SeriesParts[] {
  const categories = categoriesXml(spec.categories, cell, format);
  return spec.series.map((series, index) => ({
    index,
    name: series.name,
    categories,
    values: `<c:val>${numRef(series.values, blockValues(series.values, cell), format)}</c:val>`,
  }));
}

const head = (s: SeriesParts) =>
  `<c:idx val="${s.index}"/><c:order val="${s.index}"/><c:tx><c:v>${escapeText(s.name)}</c:v></c:tx>`;

function barSeries(s: SeriesParts, color: string): string {
  return `<c:ser>${head(s)}<c:spPr>${fill(color)}</c:spPr><c:invertIfNegative val="0"/>${s.categories}${s.values}</c:ser>`;
}

function lineSeries(s: SeriesParts, color: string): string {
  return (
    `<c:ser>${head(s)}<c:spPr>${line(color)}</c:spPr>` +
    `<c:marker><c:symbol val="none"/></c:marker>${s.categories}${s.values}<c:smooth val="0"/></c:ser>`
  );
}

function pieSeries(s: SeriesParts, pointCount: number): string {
  const points = Array.from(
    { length: pointCount },
    (_, i) =>
      `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/><c:spPr>${fill(PALETTE[i % PALETTE.length])}<a:ln w="12700">${fill("FFFFFF")}</a:ln></c:spPr></c:dPt>`,
  ).join("");
  return `<c:ser>${head(s)}${points}${s.categories}${s.values}</c:ser>`;
}

function categoryAxis(id: number, crossId: number, position: "b" | "l", hidden = false): string {
  return (
    `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="${position === "l" ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="${hidden ? 1 : 0}"/><c:axPos val="${position}"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${crossId}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valueAxis(
  id: number,
  crossId: number,
  position: "l" | "b" | "r",
  options: { crossesMax?: boolean; max?: number; formatCode?: string; gridlines?: boolean } = {},
): string {
  const max = options.max === undefined ? "" : `<c:max val="${options.max}"/>`;
  const format = options.formatCode ?? "General";
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/>${max}<c:min val="0"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${position}"/>` +
    (options.gridlines
      ? `<c:majorGridlines><c:spPr>${line("D9D9D9", 9525)}</c:spPr></c:majorGridlines>`
      : "") +
    `<c:numFmt formatCode="${escapeText(format)}" sourceLinked="${options.formatCode ? 0 : 1}"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${crossId}"/><c:crosses val="${options.crossesMax ? "max" : "autoZero"}"/>` +
    `<c:crossBetween val="between"/></c:valAx>`
  );
}

function plotArea(spec: ChartSpec, cell: CellLookup, format: FormatLookup): string {
  const series = seriesParts(spec, cell, format);
  const colored = (i: number) => PALETTE[i % PALETTE.length];
  const firstFormat = spec.series[0]
    ? format(spec.series[0].values.row, spec.series[0].values.column)
    : "General";
  const valueFormat = firstFormat === "General" ? undefined : firstFormat;
  switch (spec.kind) {
    case "pie":
      return (
        `<c:pieChart><c:varyColors val="1"/>${series
          .slice(0, 1)
          .map((s) => pieSeries(s, spec.categories.rowCount * spec.categories.columnCount))
          .join("")}` + `<c:firstSliceAng val="0"/></c:pieChart>`
      );
    case "column":
    case "bar": {
      const direction = spec.kind === "bar" ? "bar" : "col";
      return (
        `<c:barChart><c:barDir val="${direction}"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
        series.map((s, i) => barSeries(s, colored(i))).join("") +
        `<c:gapWidth val="80"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
        categoryAxis(1001, 1002, spec.kind === "bar" ? "l" : "b") +
        valueAxis(1002, 1001, spec.kind === "bar" ? "b" : "l", { gridlines: true, formatCode: valueFormat })
      );
    }
    case "line":
      return (
        `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
        series.map((s, i) => lineSeries(s, colored(i))).join("") +
        `<c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>` +
        categoryAxis(1001, 1002, "b") +
        valueAxis(1002, 1001, "l", { gridlines: true, formatCode: valueFormat })
      );
    case "pareto": {
      const [columns, cumulative, ...others] = series;
      const lineFormat = spec.series[1]
        ? format(spec.series[1].values.row, spec.series[1].values.column)
        : "0%";
      return (
        `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
        [columns, ...others]
          .filter(Boolean)
          .map((s, i) => barSeries(s, colored(i === 0 ? 0 : i + 1)))
          .join("") +
        `<c:gapWidth val="30"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
        (cumulative
          ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lineSeries(cumulative, colored(1))}` +
            `<c:marker val="1"/><c:axId val="1003"/><c:axId val="1004"/></c:lineChart>`
          : "") +
        categoryAxis(1001, 1002, "b") +
        valueAxis(1002, 1001, "l", { gridlines: true, formatCode: valueFormat }) +
        (cumulative
          ? categoryAxis(1003, 1004, "b", true) +
            valueAxis(1004, 1003, "r", {
              crossesMax: true,
              max: 1,
              formatCode: lineFormat === "General" ? "0%" : lineFormat,
            })
          : "")
      );
    }
  }
}

/** The chart part (`xl/charts/chartN.xml`) for one spec. */
export function chartPartXml(spec: ChartSpec, cell: CellLookup, format: FormatLookup): string {
  if (spec.series.length === 0) throw new RangeError(`Chart "${spec.title}" has no series.`);
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1400" b="0"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="1400" b="0"/><a:t>${escapeText(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  const legend =
    spec.kind === "pie" || spec.series.length > 1
      ? `<c:legend><c:legendPos val="${spec.kind === "pie" ? "r" : "b"}"/><c:overlay val="0"/></c:legend>`
      : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plotArea(spec, cell, format)}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${fill("FFFFFF")}<a:ln>${fill("D9D9D9")}</a:ln></c:spPr></c:chartSpace>`
  );
}

/** The drawing part: one two-cell anchor per chart, each pointing at its chart by relationship id. */
export function drawingPartXml(charts: readonly { spec: ChartSpec; relationshipId: string }[]): string {
  const anchors = charts
    .map(({ spec, relationshipId }, i) => {
      const { row, column, rowCount, columnCount } = spec.anchor;
      const marker = (tag: string, r: number, c: number) =>
        `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell">${marker("from", row, column)}${marker("to", row + Math.max(1, rowCount), column + Math.max(1, columnCount))}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${escapeText(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="${relationshipId}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors}</xdr:wsDr>`
  );
}
