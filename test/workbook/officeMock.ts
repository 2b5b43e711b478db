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
 * - collections (`worksheets`, `getTables`) are tiny fakes whose `items` throw until loaded and synced.
 * Excel's own algorithms (surrounding region, used range) are not re-implemented: each fake sheet is
 * told its region and used range.
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
        log.calls.push(`clear ${spec.name} ${JSON.stringify(rect)} ${applyTo ?? "All"}`);
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
          range.__cellsLoaded = rect.rowCount * rect.columnCount;
          range.__bytesLoaded = Buffer.byteLength(JSON.stringify(cells), "utf8");
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
          log.calls.push(`table ${table.name} columns.add(${String(index)}, ${String(values)}, ${name})`);
          (table.columnNames ??= []).push(name);
        },
        getItemOrNullObject: (name: string) => {
          const present = (table.columnNames ?? []).includes(name);
          return track(
            Object.assign(
              new OfficeMockObject({
                delete: () => log.calls.push(`table ${table.name} delete column ${name}`),
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
        log.calls.push(`delete sheet ${spec.name}`);
        specs.delete(spec.name);
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
    log.calls.push(`add sheet ${name}`);
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
        batchWrites.push({ sheet: object.__sheet, ...object.__rect, kind, data });
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
      throw error;
    }
    log.syncs++;
    log.responseBytes.push(responseBytes);
    log.requestBytes.push(bytes);
    log.cellsRead.push(cellsQueued);
    log.writes.push(...batchWrites);
    for (const object of tracked) {
      object.__cellsLoaded = 0;
      object.__bytesLoaded = 0;
      object.sync?.();
    }
    // office-addin-mock finishes a sync in microtasks; let them run, as a real round trip would.
    await new Promise((resolve) => setImmediate(resolve));
  };

  const excel = new OfficeMockObject({
    run: async (first: any, second?: any) => {
      const batch = second ?? first;
      log.runOptions.push(second ? first : null);
      return batch(context);
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

  return {
    log,
    settings,
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
