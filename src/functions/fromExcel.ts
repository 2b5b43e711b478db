/**
 * Excel's values → the core's {@link CellValue}s. Only this module knows how Excel hands over an
 * error cell or a data type, so the core stays free of Office:
 *
 * - a `CustomFunctions.Error` (or any object with an Excel error `code`, as `allowErrorForDataTypeAny`
 *   delivers it) → a {@link CoreError} of that kind;
 * - an error cell value `{ type: "Error", basicValue: "#DIV/0!" }` (how `allowCustomDataForDataTypeAny`,
 *   which the metadata generator always sets, delivers it) → the same;
 * - other data types (`{ type: "Double", basicValue: 5 }`, formatted numbers, entities) → their
 *   `basicValue`, so a formatted number reads as the number and an entity as its text;
 * - numbers, text, logicals, `null` → unchanged.
 */
import { CellValue, Grid } from "../core/args";
import { CoreError, ErrorKind } from "../core/errors";

const knownKinds = new Map<string, ErrorKind>(Object.values(ErrorKind).map((kind) => [kind, kind]));

/** The core's kind for an Excel error code ("#DIV/0!"); errors the core has no kind for (#SPILL!, #CALC!…) read as #VALUE!. */
function kindOf(code: string): ErrorKind {
  return knownKinds.get(code) ?? ErrorKind.Value;
}

/** One argument value from Excel as a core cell. */
export function fromExcelCell(value: unknown): CellValue {
  if (value === null || typeof value !== "object") return value as CellValue;
  const object = value as { code?: unknown; message?: unknown; type?: unknown; basicValue?: unknown };
  if (typeof object.code === "string" && object.code.startsWith("#")) {
    const message = typeof object.message === "string" ? object.message : "";
    const known = knownKinds.has(object.code);
    return new CoreError(
      kindOf(object.code),
      known ? message : [object.code, message].filter(Boolean).join(": "),
    );
  }
  if (object.type === "Error") {
    const code = typeof object.basicValue === "string" ? object.basicValue : "#VALUE!";
    return new CoreError(kindOf(code), knownKinds.has(code) ? "" : code);
  }
  const basic = object.basicValue;
  if (basic === null || ["number", "string", "boolean"].includes(typeof basic)) return basic as CellValue;
  return "(a data type)";
}

/**
 * A matrix argument as a core grid. Rows without objects are passed on as they are (no copy): a
 * column of a million plain numbers costs one typeof check per cell. `null` (omitted) stays `null`.
 */
export function fromExcelGrid(grid: unknown): Grid | null {
  if (grid === null || grid === undefined) return null;
  if (!Array.isArray(grid)) return [[fromExcelCell(grid)]];
  let converted: CellValue[][] | null = null;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] as unknown[];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell !== null && typeof cell === "object") {
        converted ??= (grid as CellValue[][]).slice();
        converted[r] = row.map(fromExcelCell);
        break;
      }
    }
  }
  return (converted ?? grid) as Grid;
}
