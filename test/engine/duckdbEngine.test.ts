/**
 * The DuckDB engine gives the JavaScript workflow's results on the same CSV: the same output file
 * byte for byte (every result cell of every row, in file order), the same summary (segments,
 * shares, Pareto share, Gini, cut points, notes) and the same summary sheet — on seeded random
 * tables heavy in ties, of several sizes, for each method and its options.
 */
import path from "node:path";
import { DuckDbEngine } from "../../src/engine/duckdbEngine";
import type { SegmentationSettings } from "../../src/workflow/types";
import { firstDifference, runEngine, runJs, settingsFor, tempDir } from "./engineHarness";
import { randomTable, writeTable } from "./randomTables";

type Variant = [name: string, change: (s: SegmentationSettings) => void];

const VARIANTS: Variant[] = [
  ["quadrant, median cuts", (s) => (s.method = "quadrant")],
  [
    "quadrant, mean value cut, typed match cut, own labels",
    (s) => {
      s.method = "quadrant";
      s.quadrant.valueCut = { kind: "mean" };
      s.quadrant.matchCut = { kind: "number", value: 5 };
      s.quadrant.labels = ["Keep", "Milk", "Grow", "Can't say"];
    },
  ],
  ["rfm, quintile cuts", (s) => ((s.method = "rfm"), (s.rfm.asOf = "2026-06-30"))],
  [
    "rfm, typed recency cuts, satisfaction unmapped",
    (s) => {
      s.method = "rfm";
      s.rfm.asOf = "2025-12-31";
      s.rfm.cuts.recency = [30, 90, 180, 365];
      s.mapping.satisfaction = null;
    },
  ],
  ["abc, 80 % / 95 %", (s) => (s.method = "abc")],
  ["abc, 50 % / 70 %", (s) => ((s.method = "abc"), (s.abc = { aUpTo: 0.5, bUpTo: 0.7 }))],
];

const SIZES = [1, 2, 3, 5, 10, 57, 1_000, 25_000];

describe("DuckDB engine = JavaScript workflow", () => {
  let engine: DuckDbEngine;
  const dir = tempDir();
  beforeAll(async () => {
    engine = await DuckDbEngine.open({ threads: 2 });
  });
  afterAll(() => engine.close());

  for (const rows of SIZES) {
    for (const [name, change] of VARIANTS) {
      it(`${rows} rows, ${name}: same output bytes, summary and summary sheet`, async () => {
        const file = path.join(dir, `t-${rows}-${name.replace(/\W+/g, "-")}.csv`);
        writeTable(file, randomTable({ rows, seed: rows * 7919 + name.length, invalidShare: 0.05 }));
        const settings = await settingsFor(file, (s) => {
          change(s);
          s.skipInvalidRows = true;
        });
        const js = await runJs(file, settings, dir);
        const duck = await runEngine(engine, file, settings, dir);
        expect(duck.problem).toEqual(js.problem);
        expect(duck.ok).toBe(js.ok);
        if (!js.ok) return;
        expect(firstDifference(js.output!, duck.output!)).toBeNull();
        expect(duck.summary).toEqual(js.summary);
        expect(duck.summaryCsv).toBe(js.summaryCsv);
      }, 60_000);
    }
  }

  it("stops with the workflow's message when cells are not numbers and invalid rows are not skipped", async () => {
    const file = path.join(dir, "invalid.csv");
    writeTable(file, randomTable({ rows: 300, seed: 11, invalidShare: 0.2 }));
    for (const method of ["quadrant", "rfm", "abc"] as const) {
      const settings = await settingsFor(file, (s) => (s.method = method));
      const js = await runJs(file, settings, dir);
      const duck = await runEngine(engine, file, settings, dir);
      expect(js.ok).toBe(false);
      expect(duck.problem).toEqual(js.problem);
    }
  });

  it("segments a table without invalid cells the same way when nothing needs skipping", async () => {
    const file = path.join(dir, "clean.csv");
    writeTable(file, randomTable({ rows: 2_000, seed: 5 }));
    for (const method of ["quadrant", "rfm", "abc"] as const) {
      const settings = await settingsFor(file, (s) => ((s.method = method), (s.rfm.asOf = "2026-01-15")));
      const js = await runJs(file, settings, dir);
      const duck = await runEngine(engine, file, settings, dir);
      expect(js.ok).toBe(true);
      expect(firstDifference(js.output!, duck.output!)).toBeNull();
      expect(duck.summary).toEqual(js.summary);
    }
  });

  it("gives quadrants the workflow's results with negative values (Pareto share and Gini left blank)", async () => {
    const file = path.join(dir, "negative.csv");
    writeTable(file, randomTable({ rows: 500, seed: 3, negatives: true }));
    const settings = await settingsFor(file, (s) => (s.method = "quadrant"));
    const js = await runJs(file, settings, dir);
    const duck = await runEngine(engine, file, settings, dir);
    expect(firstDifference(js.output!, duck.output!)).toBeNull();
    expect(duck.summary).toEqual(js.summary);
    expect(duck.summary!.notes).toContain(
      "Some values are negative: the Pareto share and the Gini coefficient are not defined and were left blank.",
    );
  });
});
