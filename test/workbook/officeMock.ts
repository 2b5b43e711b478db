/* eslint-disable @typescript-eslint/no-explicit-any -- office-addin-mock objects are untyped by design */
/**
 * A small Excel object model for testing `OfficeWorkbook`, built from office-addin-mock's
 * `OfficeMockObject` (ranges, sheets, tables, views, charts): a property the adapter reads is
 * unavailable until it was `load`ed AND the context was `sync`ed, exactly as in Office.js.
 *
 * What office-addin-mock cannot model, this file adds, and says so:
 * - objects that methods create on the fly (every `getRangeByIndexes`) are not part of the mock's
 *   tree, so `context.sync` is a fake that syncs every object created so far and counts round trips;
 * - cell values are produced lazily by a function of (row, column), so a 1,048,576-row sheet costs
 *   nothing until a chunk is loaded, and writes are recorded per sync (the JSON bytes of each request);
 * - collections (`worksheets`, `getTables`) are tiny fakes whose `items` throw until loaded and synced;
 * - what the sheets hold after the writes is answered by `stored()`, which replays the writes, clears,
 *   table column adds/deletes and sheet deletions over the generated cells, reading a string written
 *   through `Range.values` as Excel reads typed input (see {@link ExcelMock.stored}), and a `null`
 *   inside a written 2-D array as "leave this cell unchanged", as Office.js does;
 * - each sync and each structural call is tagged with the `Excel.run` it happened in, so a test can
 *   see that a run's writes share one batch (one undo step).
 * Excel's own algorithms (surrounding region, used range) are not re-implemented: each fake sheet is
 * told its region and used range, which stay as given whatever is written.
 */
import { OfficeMockObject as TypedOfficeMockObject } from "office-addin-mock";

// Untyped on purpose: the tests reach into its loaded/synced state and add methods to it.
const OfficeMockObject: any = TypedOfficeMockObject;

export type Cell = string | number | boolean;

export interface FakeSheetSpec {
  name: string;
  /** Value of a cell (0-based); "" for empty. Formulas are reported as the same value. */
  cell?: (row: number, column: number) => Cell;
  /** Formula text of a cell where it has one (for `formulas` reads). */
  formula?: (row: number, column: number) => string | undefined;
  protected?: boolean;
  usedRange?: Rect | null;
  /** What `getSurroundingRegion` answers for the selection. */
  region?: Rect;
  hiddenRows?: ReadonlySet<number>;
  tables?: FakeTableSpec[];
}

export interface FakeTableSpec {
  name: string;
  /** Header row position and size; data rows follow the header. */
  headerRow: number;
  firstColumn: number;
  columnCount: number;
  rowCount: number;
  columnNames?: string[];
}

export interface Rect {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export interface WriteRecord {
  sheet: string;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
  kind: "values" | "formulas" | "numberFormat";
  data: any[][];
}

export interface MockLog {
  syncs: number;
  /** JSON bytes (UTF-8) of all cell data written in each sync, in order. */
  requestBytes: number[];
  /** Cells loaded in each sync. */
  cellsRead: number[];
  /** JSON bytes (UTF-8) of the cells loaded in each sync: the response size. */
  responseBytes: number[];
  writes: WriteRecord[];
  /** First argument of each Excel.run call when it was an options object, else null. */
  runOptions: (object | null)[];
  /** For each sync, the index (into `runOptions`) of the Excel.run it happened in; -1 outside any. */
  runOfSync: number[];
  /** For each entry of `calls`, the index of the Excel.run it was made in; -1 outside any. */
  runOfCall: number[];
  /** Milliseconds spent inside the fake `context.sync()` (measuring and recording the batch). */
  syncMs: number;
  suspendCalls: number;
  calls: string[];
  charts: any[];
  settingsSaved: number;
}

export interface MockSetup {
  sheets: FakeSheetSpec[];
  /** The selected cell or range on the first sheet. */
  selection?: Rect;
  /** Highest ExcelApi version the host supports, e.g. "1.20". */
  excelApi?: string;
  settings?: Record<string, unknown>;
  /**
   * Keep the data of every write (default true): `writes`, `written()` and `stored()` need them.
   * Benchmarks over a million rows turn it off; request bytes are still measured.
   */
  recordWrites?: boolean;
  /** Called before each sync is answered; throwing from it fails that sync (Excel errors). */
  beforeSync?: (
    log: MockLog,
    batch: { cellsRead: number; responseBytes: number; requestBytes: number },
  ) => void;
}

export interface ExcelMock {
  log: MockLog;
  settings: Map<string, unknown>;
  /** The written value of a cell, if any write reached it. */
  written(sheet: string, row: number, column: number, kind?: WriteRecord["kind"]): any;
  /**
   * What the cell holds now, as Excel would hold it: the sheet's generated cell, overlaid with every
   * write, clear, table column add (its header) and delete (later table columns move left) since.
   * A string written through `Range.values` is read as Excel reads typed input: a leading apostrophe
   * is dropped and keeps the rest as text; otherwise "=", "+", "-" or "@" make a formula, number
   * text ("00123", "5%") becomes a number and TRUE/FALSE a logical (dates are not modelled) ("Excel.Range.values": "If the returned value
   * starts with a plus, minus, or equal sign, Excel interprets this value as a formula"). Empty: null.
   * Throws for a sheet that does not exist (any more).
   */
  stored(sheet: string, row: number, column: number): Cell | null;
  /** Whether the cell holds a formula now (written through `formulas`, or a values string read as one). */
  isFormula(sheet: string, row: number, column: number): boolean;
}

/** A change to the cells, replayed by `stored()` from the newest back. */
type Edit =
  | {
      kind: "cells";
      sheet: string;
      rect: Rect;
      data: readonly (readonly any[])[];
      as: "values" | "formulas" | "text";
    }
  | { kind: "clear"; sheet: string; rect: Rect }
  /** A table column deleted: cells of rows top..bottom right of it, up to lastColumn, move one left. */
  | { kind: "deleteColumn"; sheet: string; column: number; top: number; bottom: number; lastColumn: number };

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A string assigned to `Range.values` as Excel stores it (see `ExcelMock.stored`). */
function typedInput(text: string): { value: Cell | null; formula: boolean } {
  if (text === "") return { value: null, formula: false };
  if (text.startsWith("'")) return { value: text.slice(1), formula: false };
  if (/^[=+\-@]/.test(text) && !NUMBER_TEXT.test(text)) return { value: text, formula: true };
  if (NUMBER_TEXT.test(text)) return { value: Number(text), formula: false };
  if (text.endsWith("%") && NUMBER_TEXT.test(text.slice(0, -1)))
    return { value: Number(text.slice(0, -1)) / 100, formula: false };
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === "true", formula: false };
  return { value: text, formula: false };
}

function versionAtLeast(have: string, want: string): boolean {
  const [haveMajor, haveMinor] = have.split(".").map(Number);
  const [wantMajor, wantMinor] = want.split(".").map(Number);
  return haveMajor > wantMajor || (haveMajor === wantMajor && haveMinor >= (wantMinor ?? 0));
}

/** Installs `globalThis.Excel` and `globalThis.Office` and returns what the tests inspect. */
export function installExcelMock(setup: MockSetup): ExcelMock {
  const log: MockLog = {
    syncs: 0,
    requestBytes: [],
    cellsRead: [],
    responseBytes: [],
    writes: [],
    runOptions: [],
    runOfSync: [],
    runOfCall: [],
    syncMs: 0,
    suspendCalls: 0,
    calls: [],
    charts: [],
    settingsSaved: 0,
  };
  const tracked: any[] = [];
  const track = <T>(object: T): T => {
    tracked.push(object);
    return object;
  };
  const specs = new Map(setup.sheets.map((sheet) => [sheet.name, sheet]));
  const sheetMocks = new Map<string, any>();
  const recordWrites = setup.recordWrites ?? true;
  let edits: Edit[] = [];
  /** Index of the Excel.run being executed, -1 outside any. */
  let currentRun = -1;
  const call = (text: string) => {
    log.calls.push(text);
    log.runOfCall.push(currentRun);
  };

  function makeView(rowCount: number): any {
    return track(new OfficeMockObject({ rowCount }));
  }

  function makeRange(spec: FakeSheetSpec, rect: Rect, isNull = false): any {
    const range = new OfficeMockObject({
      rowIndex: rect.row,
      columnIndex: rect.column,
      rowCount: rect.rowCount,
      columnCount: rect.columnCount,
      getRow: (i: number) => makeRange(spec, { ...rect, row: rect.row + i, rowCount: 1 }),
      getColumn: (j: number) => makeRange(spec, { ...rect, column: rect.column + j, columnCount: 1 }),
      getVisibleView: () => {
        let hidden = 0;
        spec.hiddenRows?.forEach((row) => {
          if (row >= rect.row && row < rect.row + rect.rowCount) hidden++;
        });
        return makeView(rect.rowCount - hidden);
      },
      getSurroundingRegion: () => makeRange(spec, spec.region ?? rect),
      getTables: () => {
        const overlapping = (spec.tables ?? []).filter((table) =>
          overlaps(rect, {
            row: table.headerRow,
            column: table.firstColumn,
            rowCount: table.rowCount + 1,
            columnCount: table.columnCount,
          }),
        );
        return fakeCollection(() => overlapping.map((table) => makeTable(spec, table)));
      },
      clear: (applyTo?: string) => {
        call(`clear ${spec.name} ${JSON.stringify(rect)} ${applyTo ?? "All"}`);
        if (applyTo !== "Formats") edits.push({ kind: "clear", sheet: spec.name, rect });
      },
    });
    // Office.js sets isNullObject on sync without a load; a plain property models that.
    range.isNullObject = isNull;
    range.worksheet = sheetMocks.get(spec.name);
    (range as any).__rect = rect;
    (range as any).__sheet = spec.name;
    // Cell data are produced only when loaded, so big sheets stay cheap.
    const ownLoad = range.load.bind(range);
    range.load = (properties: string | string[]) => {
      const names = (Array.isArray(properties) ? properties : properties.split(",")).map((p) => p.trim());
      for (const name of names) {
        if ((name === "values" || name === "formulas") && !range._properties.has(name)) {
          const cells = materialise(spec, rect, name);
          range.setValue(name, cells);
          // Added up: `formulas` and `values` loaded together both come back in the response.
          range.__cellsLoaded = (range.__cellsLoaded ?? 0) + rect.rowCount * rect.columnCount;
          range.__bytesLoaded = (range.__bytesLoaded ?? 0) + Buffer.byteLength(JSON.stringify(cells), "utf8");
        }
      }
      ownLoad(properties);
      return range;
    };
    return track(range);
  }

  function materialise(spec: FakeSheetSpec, rect: Rect, kind: "values" | "formulas"): Cell[][] {
    const rows: Cell[][] = new Array(rect.rowCount);
    for (let r = 0; r < rect.rowCount; r++) {
      const row: Cell[] = new Array(rect.columnCount);
      for (let c = 0; c < rect.columnCount; c++) {
        const at = rect.row + r;
        const column = rect.column + c;
        const formula = kind === "formulas" ? spec.formula?.(at, column) : undefined;
        row[c] = formula ?? spec.cell?.(at, column) ?? "";
      }
      rows[r] = row;
    }
    return rows;
  }

  /** The table's column names, from its header cells when the spec does not list them. */
  function columnNamesOf(spec: FakeSheetSpec, table: FakeTableSpec): string[] {
    table.columnNames ??= Array.from({ length: table.columnCount }, (_, c) =>
      String(spec.cell?.(table.headerRow, table.firstColumn + c) ?? ""),
    );
    return table.columnNames;
  }

  function makeTable(spec: FakeSheetSpec, table: FakeTableSpec): any {
    const mock = new OfficeMockObject({
      name: table.name,
      getHeaderRowRange: () =>
        makeRange(spec, {
          row: table.headerRow,
          column: table.firstColumn,
          rowCount: 1,
          columnCount: table.columnCount,
        }),
      getDataBodyRange: () =>
        makeRange(spec, {
          row: table.headerRow + 1,
          column: table.firstColumn,
          rowCount: table.rowCount,
          columnCount: table.columnCount,
        }),
      columns: {
        add: (index: unknown, values: unknown, name: string) => {
          call(`table ${table.name} columns.add(${String(index)}, ${String(values)}, ${name})`);
          // Added at the right edge (index omitted): the table grows by one column, headed by `name`.
          columnNamesOf(spec, table).push(name);
          const header = {
            row: table.headerRow,
            column: table.firstColumn + table.columnCount,
            rowCount: 1,
            columnCount: 1,
          };
          edits.push({ kind: "cells", sheet: spec.name, rect: header, data: [[name]], as: "text" });
          table.columnCount++;
        },
        getItemOrNullObject: (name: string) => {
          const present = columnNamesOf(spec, table).includes(name);
          return track(
            Object.assign(
              new OfficeMockObject({
                delete: () => {
                  call(`table ${table.name} delete column ${name}`);
                  const names = columnNamesOf(spec, table);
                  const index = names.indexOf(name);
                  if (index < 0) return;
                  names.splice(index, 1);
                  edits.push({
                    kind: "deleteColumn",
                    sheet: spec.name,
                    column: table.firstColumn + index,
                    top: table.headerRow,
                    bottom: table.headerRow + table.rowCount,
                    lastColumn: table.firstColumn + table.columnCount - 1,
                  });
                  table.columnCount--;
                },
              }),
              { isNullObject: !present },
            ),
          );
        },
      },
    });
    mock.isNullObject = false;
    return track(mock);
  }

  function makeSheet(spec: FakeSheetSpec): any {
    const sheet = new OfficeMockObject({
      name: spec.name,
      protection: { protected: spec.protected ?? false },
      getRangeByIndexes: (row: number, column: number, rowCount: number, columnCount: number) =>
        makeRange(spec, { row, column, rowCount, columnCount }),
      getUsedRangeOrNullObject: () =>
        spec.usedRange
          ? makeRange(spec, spec.usedRange)
          : makeRange(spec, { row: 0, column: 0, rowCount: 0, columnCount: 0 }, true),
      delete: () => {
        call(`delete sheet ${spec.name}`);
        specs.delete(spec.name);
        edits = edits.filter((edit) => edit.sheet !== spec.name);
      },
      charts: {
        add: (type: string, source: any, seriesBy: string) => {
          const seriesList: any[] = [];
          const makeSeries = (name: string, values: any) => {
            const series: any = {
              name,
              values: values?.__rect,
              setValues: (range: any) => (series.values = range.__rect),
              setXAxisValues: (range: any) => (series.categories = range.__rect),
            };
            seriesList.push(series);
            return series;
          };
          makeSeries("Series1", source);
          const chart: any = {
            type,
            seriesBy,
            title: { text: "" },
            series: {
              getItemAt: (i: number) => seriesList[i],
              add: (name: string) => makeSeries(name, undefined),
            },
            seriesList,
            setPosition: (start: string, end: string) => (chart.position = [start, end]),
          };
          log.charts.push(chart);
          return chart;
        },
      },
    });
    sheet.isNullObject = false;
    sheetMocks.set(spec.name, sheet);
    return track(sheet);
  }

  setup.sheets.forEach(makeSheet);

  function fakeCollection(items: () => any[]): any {
    let state: "idle" | "queued" | "loaded" = "idle";
    let loaded: any[] = [];
    const collection: any = {
      load: () => {
        state = "queued";
        return collection;
      },
      sync: () => {
        if (state === "queued") {
          // As `load("items/name")` does: every item arrives with its name loaded.
          loaded = items();
          loaded.forEach((item) => {
            item.load("name");
            item.sync();
          });
          state = "loaded";
        }
      },
      get items() {
        if (state !== "loaded") throw new Error("items read before load + sync");
        return loaded;
      },
    };
    return track(collection);
  }

  const worksheets: any = fakeCollection(() => [...specs.keys()].map((name) => sheetMocks.get(name)));
  worksheets.getItem = (name: string) => {
    const sheet = specs.has(name) ? sheetMocks.get(name) : undefined;
    if (!sheet) throw new Error(`ItemNotFound: no sheet ${name}`);
    return sheet;
  };
  worksheets.getItemOrNullObject = (name: string) =>
    specs.has(name)
      ? sheetMocks.get(name)
      : track(Object.assign(new OfficeMockObject({}), { isNullObject: true }));
  worksheets.add = (name: string) => {
    call(`add sheet ${name}`);
    const spec: FakeSheetSpec = { name };
    specs.set(name, spec);
    return makeSheet(spec);
  };

  const allTables = () =>
    setup.sheets.flatMap((spec) => (spec.tables ?? []).map((table) => ({ spec, table })));
  const tables = {
    getItem: (name: string) => {
      const hit = allTables().find(({ table }) => table.name === name);
      if (!hit) throw new Error(`ItemNotFound: no table ${name}`);
      return makeTable(hit.spec, hit.table);
    },
    getItemOrNullObject: (name: string) => {
      const hit = allTables().find(({ table }) => table.name === name);
      return hit
        ? makeTable(hit.spec, hit.table)
        : track(Object.assign(new OfficeMockObject({}), { isNullObject: true }));
    },
  };

  const firstSheet = setup.sheets[0];
  const context = new OfficeMockObject({
    workbook: {
      getSelectedRange: () =>
        makeRange(firstSheet, setup.selection ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 }),
      application: {
        suspendApiCalculationUntilNextSync: () => {
          log.suspendCalls++;
        },
      },
    },
  });
  context.workbook.worksheets = worksheets;
  context.workbook.tables = tables;
  context.sync = async () => {
    const started = performance.now();
    let bytes = 0;
    let cellsQueued = 0;
    let responseBytes = 0;
    const batchWrites: WriteRecord[] = [];
    for (const object of tracked) {
      cellsQueued += object.__cellsLoaded ?? 0;
      responseBytes += object.__bytesLoaded ?? 0;
      for (const kind of ["values", "formulas", "numberFormat"] as const) {
        const isWrite =
          Object.prototype.hasOwnProperty.call(object, kind) &&
          object.__rect &&
          !object._properties.has(kind);
        if (!isWrite) continue;
        const data = object[kind];
        bytes += Buffer.byteLength(JSON.stringify(data), "utf8");
        if (recordWrites) batchWrites.push({ sheet: object.__sheet, ...object.__rect, kind, data });
        delete object[kind];
      }
    }
    try {
      setup.beforeSync?.(log, { cellsRead: cellsQueued, responseBytes, requestBytes: bytes });
    } catch (error) {
      // A failed batch is discarded, as Excel discards it: nothing of it is loaded or written.
      for (const object of tracked) {
        object.__cellsLoaded = 0;
        object.__bytesLoaded = 0;
      }
      log.syncMs += performance.now() - started;
      throw error;
    }
    log.syncs++;
    log.runOfSync.push(currentRun);
    log.responseBytes.push(responseBytes);
    log.requestBytes.push(bytes);
    log.cellsRead.push(cellsQueued);
    for (const write of batchWrites) {
      log.writes.push(write);
      if (write.kind === "numberFormat") continue;
      const { sheet, row, column, rowCount, columnCount } = write;
      edits.push({
        kind: "cells",
        sheet,
        rect: { row, column, rowCount, columnCount },
        data: write.data,
        as: write.kind,
      });
    }
    for (const object of tracked) {
      object.__cellsLoaded = 0;
      object.__bytesLoaded = 0;
      object.sync?.();
    }
    log.syncMs += performance.now() - started;
    // office-addin-mock finishes a sync in microtasks; let them run, as a real round trip would.
    await new Promise((resolve) => setImmediate(resolve));
  };

  const excel = new OfficeMockObject({
    run: async (first: any, second?: any) => {
      const batch = second ?? first;
      log.runOptions.push(second ? first : null);
      const outer = currentRun;
      currentRun = log.runOptions.length - 1;
      try {
        return await batch(context);
      } finally {
        currentRun = outer;
      }
    },
  });

  const settings = new Map(Object.entries(setup.settings ?? {}));
  const office = new OfficeMockObject({
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) =>
          name === "ExcelApi" && versionAtLeast(setup.excelApi ?? "1.20", version),
      },
      document: {
        settings: {
          get: (key: string) => (settings.has(key) ? settings.get(key) : null),
          set: (key: string, value: unknown) => settings.set(key, value),
          remove: (key: string) => settings.delete(key),
          saveAsync: (callback: (result: any) => void) => {
            log.settingsSaved++;
            callback({ status: "succeeded" });
          },
        },
      },
    },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  });

  (globalThis as any).Excel = excel;
  (globalThis as any).Office = office;

  /** The cell's content now and whether it is a formula (see `ExcelMock.stored`). */
  function replay(sheet: string, row: number, column: number): { value: Cell | null; formula: boolean } {
    const spec = specs.get(sheet);
    if (!spec) throw new Error(`ItemNotFound: no sheet ${sheet}`);
    if (!recordWrites) throw new Error("stored() needs recordWrites (it is off for this mock)");
    let at = column;
    for (let k = edits.length - 1; k >= 0; k--) {
      const edit = edits[k];
      if (edit.sheet !== sheet) continue;
      if (edit.kind === "deleteColumn") {
        if (row < edit.top || row > edit.bottom || at < edit.column || at > edit.lastColumn) continue;
        if (at === edit.lastColumn) return { value: null, formula: false };
        at++;
        continue;
      }
      const { rect } = edit;
      const inside =
        row >= rect.row &&
        row < rect.row + rect.rowCount &&
        at >= rect.column &&
        at < rect.column + rect.columnCount;
      if (!inside) continue;
      if (edit.kind === "clear") return { value: null, formula: false };
      const cell = edit.data[row - rect.row][at - rect.column];
      // null in a written 2-D array leaves the cell as it was (Office.js): look at older edits.
      if (cell === null && edit.as !== "text") continue;
      if (edit.as === "formulas")
        return {
          value: cell === "" ? null : cell,
          formula: typeof cell === "string" && cell.startsWith("="),
        };
      if (edit.as === "values" && typeof cell === "string") return typedInput(cell);
      return { value: cell === "" ? null : cell, formula: false };
    }
    const base = spec.cell?.(row, at) ?? "";
    return { value: base === "" ? null : base, formula: spec.formula?.(row, at) !== undefined };
  }

  return {
    log,
    settings,
    stored: (sheet, row, column) => replay(sheet, row, column).value,
    isFormula: (sheet, row, column) => replay(sheet, row, column).formula,
    // The last write covering the cell wins; records are few (one per range per sync), cells are not indexed.
    written: (sheet, row, column, kind = "values") => {
      for (let k = log.writes.length - 1; k >= 0; k--) {
        const write = log.writes[k];
        const inside =
          write.sheet === sheet &&
          write.kind === kind &&
          row >= write.row &&
          row < write.row + write.rowCount &&
          column >= write.column &&
          column < write.column + write.columnCount;
        if (inside) return write.data[row - write.row][column - write.column];
      }
      return undefined;
    },
  };
}

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.column < b.column + b.columnCount &&
    b.column < a.column + a.columnCount
  );
}
