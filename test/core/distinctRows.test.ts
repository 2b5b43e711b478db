import { distinctRows } from "../../src/core/distinctRows";
import { runSteps, runStepsAsync, Steps } from "../../src/core/steps";

describe("distinctRows (grouping identical histories)", () => {
  it("groups equal rows with counts, in order of first appearance", () => {
    const groups = distinctRows([Float64Array.of(1, 2, 1, 1), Float64Array.of(5, 5, 5, 6)], 4);
    expect(groups.size).toBe(3);
    expect(Array.from(groups.first)).toEqual([0, 1, 3]);
    expect(Array.from(groups.count)).toEqual([2, 1, 1]);
    expect(Array.from(groups.groupOf)).toEqual([0, 1, 0, 2]);
  });

  it("treats 0 and −0 as one value", () => {
    expect(distinctRows([Float64Array.of(0, -0)], 2).size).toBe(1);
  });

  it("agrees with grouping by string keys on 50,000 random rows", () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const a = Float64Array.from({ length: 50_000 }, () => Math.floor(random() * 30));
    const b = Float64Array.from({ length: 50_000 }, () => Math.floor(random() * 40) / 7);
    const groups = distinctRows([a, b], a.length);
    const byKey = new Map<string, number>();
    for (let i = 0; i < a.length; i++) byKey.set(`${a[i]}|${b[i]}`, (byKey.get(`${a[i]}|${b[i]}`) ?? 0) + 1);
    expect(groups.size).toBe(byKey.size);
    for (let g = 0; g < groups.size; g++) {
      const row = groups.first[g];
      expect(groups.count[g]).toBe(byKey.get(`${a[row]}|${b[row]}`));
    }
  });
});

describe("steps (long computations a caller can pace)", () => {
  function* counting(limit: number): Steps<number> {
    let total = 0;
    for (let i = 1; i <= limit; i++) {
      total += i;
      yield { stage: "count", done: i, total: limit };
    }
    return total;
  }

  it("runs straight through with runSteps", () => {
    expect(runSteps(counting(100))).toBe(5050);
  });

  it("pauses and reports progress with runStepsAsync", async () => {
    const seen: number[] = [];
    const total = await runStepsAsync(counting(10), {
      yieldEvery: 0,
      pause: async () => undefined,
      onProgress: (p) => seen.push(p.done),
    });
    expect(total).toBe(55);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("rejects with the signal's reason and closes the generator", async () => {
    let closed = false;
    function* endless(): Steps<number> {
      try {
        for (;;) yield { stage: "spin", done: 0, total: 0 };
      } finally {
        closed = true;
      }
    }
    const controller = new AbortController();
    const run = runStepsAsync(endless(), {
      signal: controller.signal,
      yieldEvery: 0,
      pause: async () => controller.abort(new Error("stop")),
    });
    await expect(run).rejects.toThrow("stop");
    expect(closed).toBe(true);
  });
});
