/**
 * eslint.config.mjs adopts eslint-plugin-office-addins: its rules catch Office.js mistakes in any
 * TypeScript file, and are off only where the config says why (the adapter's chunk loops, exceljs
 * code whose names look like Office.js). Checked by running the eslint command line on a snippet as
 * if it lived there (jest cannot load the .mjs config in-process: ESLint imports it dynamically).
 */
import { execFileSync } from "child_process";
import path from "path";

const ROOT = path.resolve(__dirname, "../..");

/** A sync per row and a read before load: two classic Office.js mistakes. */
const MISTAKES = `
export async function firstValues(context: Excel.RequestContext, rows: number): Promise<unknown[]> {
  const out: unknown[] = [];
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  for (let r = 0; r < rows; r++) {
    const range = sheet.getRange("A" + (r + 1));
    range.load("values");
    await context.sync();
    out.push(range.values);
  }
  const used = sheet.getUsedRange();
  out.push(used.address);
  return out;
}
`;

const ESLINT = path.join(ROOT, "node_modules/.bin/eslint");

function rulesHit(file: string): string[] {
  let output: string;
  try {
    output = execFileSync(ESLINT, ["--stdin", "--stdin-filename", file, "--format", "json"], {
      cwd: ROOT,
      input: MISTAKES,
      encoding: "utf8",
    });
  } catch (error) {
    // eslint exits 1 when it reports errors; the report is still on stdout.
    output = String((error as { stdout?: string }).stdout ?? "");
  }
  const [result] = JSON.parse(output) as { messages: { ruleId: string | null }[] }[];
  return result.messages
    .map((message) => message.ruleId ?? "")
    .filter((rule) => rule.startsWith("office-addins/"));
}

function ruleLevels(file: string): Record<string, unknown> {
  const printed = execFileSync(ESLINT, ["--print-config", file], { cwd: ROOT, encoding: "utf8" });
  return (JSON.parse(printed) as { rules: Record<string, unknown> }).rules;
}

describe("eslint-plugin-office-addins in eslint.config.mjs", () => {
  test("flags a sync per row and a read before load in pane code", () => {
    const hits = rulesHit("src/taskpane/example.ts");
    expect(hits).toContain("office-addins/no-context-sync-in-loop");
    expect(hits).toContain("office-addins/load-object-before-read");
  }, 60_000);

  test("in the adapter only the documented exceptions are off: the rest still apply", () => {
    const rules = ruleLevels("src/workbook/officeWorkbook.ts");
    const level = (rule: string) => {
      const setting = rules[`office-addins/${rule}`];
      return Array.isArray(setting) ? setting[0] : setting;
    };
    expect(level("no-context-sync-in-loop")).toBe(0);
    for (const rule of [
      "call-sync-after-load",
      "no-empty-load",
      "no-navigational-load",
      "test-for-null-using-isNullObject",
    ])
      expect(level(rule)).toBe(2);
  }, 60_000);
});
