/**
 * The runner's command line: usage mistakes are caught before any file is read, in the words of
 * flags, and exit with 2. Each method's own rule (its registry entry's check) decides what a setting
 * may be, so the runner and the pane accept exactly the same settings.
 */
import { METHOD_IDS, METHODS } from "../../src/workflow/methods/registry";
import { defaultSettings } from "../../src/workflow/run";
import { parseCommandLine, plainDecimal, USAGE } from "../../src/cli/options";
import { run, tempDir } from "./cliHarness";

function refused(...argv: string[]): string {
  const parsed = parseCommandLine(argv);
  if (parsed.ok) throw new Error(`expected ${argv.join(" ")} to be refused`);
  return parsed.message;
}

function settingsOf(...argv: string[]) {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.options.apply(defaultSettings("2024-01-31"));
}

describe("--labels", () => {
  it("refuses duplicate names, saying which", () => {
    expect(refused("--labels", "a,a,b,c")).toBe(
      '--labels must differ from each other ("a" comes twice), or the summary could not tell the segments apart.',
    );
    // compared as the summary compares them: case and spaces do not make a name different
    expect(refused("--labels", "Gold, gold ,Silver,Bronze")).toContain('"gold" comes twice');
  });

  it("refuses a count other than four, and an empty name", () => {
    expect(refused("--labels", "a,b,c")).toBe("--labels must be four names (got 3).");
    expect(refused("--labels", "a,b,c,d,")).toBe("--labels must be four names (got 5).");
    expect(refused("--labels", "a,,b,c")).toBe(
      "--labels must be four names, none of them empty (name 2 is empty).",
    );
  });

  it("takes four different names, trimmed", () => {
    expect(settingsOf("--labels", " Gold,Silver , Bronze,Tin").quadrant.labels).toEqual([
      "Gold",
      "Silver",
      "Bronze",
      "Tin",
    ]);
  });
});

describe("--as-of", () => {
  it.each(["2026-13-45", "2026-02-31", "2023-02-29", "31.01.2024", "2024-1-31", ""])("refuses %p", (text) => {
    expect(refused("--as-of", text)).toBe(
      `--as-of must be a date that exists, in the form yyyy-mm-dd (got "${text}").`,
    );
  });

  it("takes a date that exists, 29 February of a leap year too", () => {
    expect(settingsOf("--as-of", "2024-02-29").rfm.asOf).toBe("2024-02-29");
  });
});

describe("--value-cut and --match-cut", () => {
  it.each([
    ["2500", 2500],
    ["-3.5", -3.5],
    [".75", 0.75],
    ["1e3", 1000],
    [" 12 ", 12],
  ])("take the plain decimal %p as %p", (text, value) => {
    // `--flag=value` form: Node's parser reads "-3.5" after a space as a flag of its own.
    expect(settingsOf(`--value-cut=${text}`).quadrant.valueCut).toEqual({ kind: "number", value });
  });

  it.each(["0x10", "0b11", "1e999", "Infinity", "NaN", "", "12abc", "1_000"])("refuse %p", (text) => {
    expect(refused(`--value-cut=${text}`)).toBe(
      `--value-cut must be median, mean or a plain decimal number such as 2500 or 0.75 (got "${text}").`,
    );
  });

  it("hints at the decimal point for a comma", () => {
    expect(refused("--match-cut", "5,5")).toContain("(write decimals with a point: 2.5)");
  });

  it("take median and mean in any case", () => {
    expect(settingsOf("--value-cut", "MEAN", "--match-cut", "Median").quadrant).toMatchObject({
      valueCut: { kind: "mean" },
      matchCut: { kind: "median" },
    });
  });
});

describe("--abc", () => {
  it.each(["0.8", "0.8,0.95,1", "0x1,1", "a,b", "0.8;0.95", ","])("refuses %p as two numbers", (text) => {
    expect(refused("--abc", text)).toBe(
      `--abc needs two plain decimal numbers separated by a comma, the shares of A and B, e.g. 0.8,0.95 (got "${text}").`,
    );
  });

  it("refuses shares out of order or out of 0…1, showing they are fractions", () => {
    expect(refused("--abc", "80,95")).toBe(
      "--abc must satisfy 0 < A (80) ≤ B (95) ≤ 1, as fractions: 0.8 = 80 %.",
    );
    expect(refused("--abc", "0.9,0.8")).toContain("0 < A (0.9) ≤ B (0.8) ≤ 1");
    expect(refused("--abc", "0,0.5")).toContain("0 < A (0)");
  });

  it("takes A = B (class B stays empty), as the pane does", () => {
    expect(settingsOf("--abc", "0.8,0.8").abc).toEqual({ aUpTo: 0.8, bUpTo: 0.8 });
  });
});

describe("the lifetime-value flags", () => {
  it("fill the clv settings, --as-of shared with RFM", () => {
    const settings = settingsOf(
      "--method",
      "clv",
      "--as-of",
      "1997-09-30",
      "--period",
      "Month",
      "--horizon",
      "24",
      "--margin",
      "0.3",
      "--discount",
      "0.08",
      "--penalty",
      "0.001",
    );
    expect(settings.clv).toEqual({
      asOf: "1997-09-30",
      period: "month",
      horizon: 24,
      margin: 0.3,
      discount: 0.08,
      penalty: 0.001,
    });
    expect(settings.rfm.asOf).toBe("1997-09-30");
  });

  it("leave the horizon at one year of periods when not given", () => {
    expect(settingsOf("--method", "clv").clv.horizon).toBeNull();
  });
});

describe("--method", () => {
  it("offers the registry's methods, case-insensitively", () => {
    for (const id of METHOD_IDS) expect(settingsOf("--method", id.toUpperCase()).method).toBe(id);
    expect(refused("--method", "pareto")).toBe(
      '--method must be one of quadrant, rfm, abc, clv (got "pareto").',
    );
  });

  it("lists every method with its title in the help", () => {
    const lines = USAGE.split("\n").map((line) => line.trim());
    for (const id of METHOD_IDS) {
      expect(lines.some((line) => line.startsWith(`${id} `) && line.endsWith(METHODS[id].title))).toBe(true);
    }
  });
});

describe("--map", () => {
  it("takes ROLE=HEADER with the role names of the help", () => {
    const parsed = parseCommandLine(["--map", "last-purchase=Last order", "--map", "value = Net revenue"]);
    expect(parsed.ok && parsed.options.mapByHeader).toEqual({
      lastPurchase: "Last order",
      value: "Net revenue",
    });
  });

  it.each([
    ["value=", "the column's header after the ="],
    ["price=Revenue", "ROLE one of customer, value, match, satisfaction, last-purchase, orders"],
    ["Revenue", '(got "Revenue")'],
  ])("refuses %p", (entry, part) => {
    expect(refused("--map", entry)).toContain(part);
  });

  it("refuses a role mapped twice", () => {
    expect(refused("--map", "value=A", "--map", "value=B")).toBe(
      '--map names the value column twice ("A" and "B").',
    );
  });
});

describe("plainDecimal", () => {
  it("reads what people type as numbers, and nothing JavaScript alone would take", () => {
    expect(plainDecimal("1.5e-3")).toBe(0.0015);
    expect(plainDecimal("+7")).toBe(7);
    expect(plainDecimal("0o17")).toBeNull();
    expect(plainDecimal("  ")).toBeNull();
  });
});

describe("usage mistakes exit with 2 before any file is read", () => {
  it.each([
    ["--labels", "a,a,b,c"],
    ["--as-of", "2026-13-45"],
    ["--value-cut", "0x10"],
    ["--abc", "0.9,0.8"],
    ["--method", "pareto"],
    ["--horizon", "2.5"],
    ["--period", "fortnight"],
    ["--discount", "1e400"],
  ])("%s %s", async (flag, value) => {
    const result = await run(["does-not-exist.csv", flag, value], tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^cx-segment: ${flag}`));
    expect(result.stderr).toContain("(see --help)");
  });
});
