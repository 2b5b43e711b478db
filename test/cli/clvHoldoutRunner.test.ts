/**
 * `cx-segment log.csv --orders --method clv` on the hand-made order log of test/workflow/holdoutLog.ts
 * (orders after the as-of date): the runner prints the holdout check for people and puts it in
 * `--json` "lifetimeValue.holdout", with the numbers of the same run on the in-memory workbook
 * (whose hand counts test/workflow/methods/clvHoldout.test.ts checks); without an order after the
 * as-of date it prints no holdout line.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { runSegmentation } from "../../src/workflow/run";
import { defaultOrderSource } from "../../src/workflow/settings";
import { settingsFor, workbookWith } from "../workflow/fixtures";
import { AS_OF, orderLog, orderLogCsv } from "../workflow/holdoutLog";
import { run, tempDir } from "./cliHarness";

const FLAGS = ["--orders", "--method", "clv", "--as-of", AS_OF, "--period", "week", "--penalty", "0.001"];

async function runOn(csv: string, extra: string[] = []) {
  const dir = tempDir("cx-holdout-");
  writeFileSync(path.join(dir, "log.csv"), csv);
  return run(["log.csv", ...FLAGS, ...extra], dir);
}

async function memoryHoldout() {
  const settings = settingsFor("clv", { customer: 0, orderDate: 1, value: 2 }, (s) => {
    s.source = { ...defaultOrderSource(AS_OF) };
    s.clv.asOf = AS_OF;
    s.clv.penalty = 0.001;
  });
  const outcome = await runSegmentation(workbookWith(orderLog()), settings);
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return outcome.summary.lifetimeValue!.holdout!;
}

describe("cx-segment --method clv on an order log with orders after the as-of date", () => {
  it("prints the holdout check: totals, then per group of repeat purchases", async () => {
    const result = await runOn(orderLogCsv());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const holdout = await memoryHoldout();
    // Hand counts (holdoutLog.ts): 15 customers, 10 purchases after 2025-09-30, 12 weeks to 2025-12-23.
    expect(result.stdout).toContain(
      `Holdout 2025-10-01 to 2025-12-23 (12 weeks), 15 customers: actual 10 purchases, expected ${holdout.total.expected.toFixed(1)}`,
    );
    const e = holdout.groups.map((g) => (g.expected === null ? "–" : g.expected.toFixed(2)));
    expect(result.stdout).toContain(
      "Holdout per customer by repeat purchases (customers: actual / expected): " +
        `0 (4): 0.25 / ${e[0]}, 1 (4): 0.75 / ${e[1]}, 2 (3): 0.33 / ${e[2]}, 3 (1): 0.00 / ${e[3]}, ` +
        `4 (1): 1.00 / ${e[4]}, 5 (1): 2.00 / ${e[5]}, 6 (0): – / –, 7+ (1): 2.00 / ${e[7]}`,
    );
  }, 60000);

  it("puts it in --json lifetimeValue.holdout (an empty group's means are null)", async () => {
    const result = await runOn(orderLogCsv(), ["--json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    const holdout = await memoryHoldout();
    expect(json.lifetimeValue.holdout).toEqual(holdout);
    expect(json.lifetimeValue.holdout.total.actual).toBe(10);
    expect(json.lifetimeValue.holdout.groups[6]).toEqual({
      repeatPurchases: "6",
      customers: 0,
      actual: null,
      expected: null,
    });
  }, 60000);

  it("prints no holdout line when no order is after the as-of date", async () => {
    const calibration = orderLogCsv()
      .split("\n")
      .filter((line, i) => i === 0 || line === "" || line.split(",")[1] <= AS_OF)
      .join("\n");
    const text = await runOn(calibration);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/BG\/NBD: r /);
    expect(text.stdout).not.toMatch(/Holdout/);
    const json = JSON.parse((await runOn(calibration, ["--json"])).stdout);
    expect(json.lifetimeValue.fitChart).toHaveLength(8);
    expect(json.lifetimeValue).not.toHaveProperty("holdout");
  }, 60000);
});
