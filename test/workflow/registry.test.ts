/**
 * The method registry: one entry per method, and everything that differs between methods read from
 * it — the required columns, the settings and their defaults, the runner's choices, the pane's list.
 */
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { METHOD_IDS, METHODS, isMethodId } from "../../src/workflow/methods/registry";
import { defaultSettings, loadSavedSettings, runSegmentation } from "../../src/workflow/run";
import { mergeSettings, SETTINGS_KEY } from "../../src/workflow/settings";
import { TODAY, workbookWith } from "./fixtures";

describe("the registry", () => {
  it("holds the four methods, each entry under its own id", () => {
    expect(METHOD_IDS).toEqual(["quadrant", "rfm", "abc", "clv"]);
    for (const id of METHOD_IDS) expect(METHODS[id].id).toBe(id);
    expect(isMethodId("rfm")).toBe(true);
    expect(isMethodId("RFM")).toBe(false);
    expect(isMethodId("toString")).toBe(false);
  });

  it("declares the columns each method needs", () => {
    expect(METHODS.quadrant.requiredRoles).toEqual(["value", "match"]);
    expect(METHODS.rfm.requiredRoles).toEqual(["lastPurchase", "orders", "value"]);
    expect(METHODS.abc.requiredRoles).toEqual(["value"]);
  });

  it("gives every method defaults its own check accepts", () => {
    const settings = defaultSettings("2024-01-31");
    for (const id of METHOD_IDS) expect(METHODS[id].check(settings[id] as never, [])).toBeNull();
    expect(settings.rfm.asOf).toBe("2024-01-31");
  });

  it("names the method in the summary sheet's title", async () => {
    const wb = workbookWith([
      ["Customer", "Revenue"],
      ["a", 5],
      ["b", 50],
    ]);
    const settings = { ...defaultSettings(TODAY), method: "abc" as const };
    settings.mapping = { ...settings.mapping, customer: 0, value: 1 };
    const outcome = await runSegmentation(wb, settings);
    expect(outcome.ok).toBe(true);
    expect(wb.sheetGrid("CX Summary")[0].slice(0, 2)).toEqual([
      "Customer segmentation",
      METHODS.abc.summaryTitle,
    ]);
  });
});

describe("saved settings, read by each entry", () => {
  it("take every method's part back as it was saved", () => {
    const saved = {
      method: "rfm",
      quadrant: {
        valueCut: { kind: "mean" },
        matchCut: { kind: "number", value: 5 },
        labels: ["W", "X", "Y", "Z"],
      },
      rfm: { asOf: "2023-12-31", cuts: { recency: [10, 20, 30, 40], frequency: null, monetary: null } },
      abc: { aUpTo: 0.7, bUpTo: 0.9 },
    };
    const merged = mergeSettings(defaultSettings("2024-01-31"), saved);
    expect(merged.method).toBe("rfm");
    expect(merged.quadrant).toEqual(saved.quadrant);
    expect(merged.rfm).toEqual(saved.rfm);
    expect(merged.abc).toEqual(saved.abc);
  });

  it("keep the default of every field of the wrong type, and an unknown method", () => {
    const defaults = defaultSettings("2024-01-31");
    const merged = mergeSettings(defaultSettings("2024-01-31"), {
      method: "pareto",
      quadrant: { valueCut: { kind: "percentile" }, labels: ["only", "three", "names"] },
      rfm: { asOf: 20231231, cuts: { recency: "10,20" } },
      abc: { aUpTo: "80%" },
    });
    expect(merged).toEqual(defaults);
  });

  it("never throw: a workbook whose settings cannot be read has none", async () => {
    const wb = new MemoryWorkbook({ sheets: [{ name: "S", cells: [] }] });
    await wb.writeSetting(SETTINGS_KEY, "{not json");
    expect(await loadSavedSettings(wb)).toBeNull();
    const broken = Object.assign(Object.create(wb) as MemoryWorkbook, {
      readSetting: async () => {
        throw new Error("Office.context is gone");
      },
    });
    await expect(loadSavedSettings(broken)).resolves.toBeNull();
  });
});
