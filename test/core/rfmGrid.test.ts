import { rfmGrid } from "../../src/core/rfmGrid";

describe("rfmGrid", () => {
  it("gives all 25 cells, recency-major, with the mean monetary value of each", () => {
    // R5/F5: 100 and 300 → mean 200; R1/F1: 10; R2/F4: 7; the masked customer (R5/F5, 1000) is left out
    const cells = rfmGrid(
      Uint8Array.of(5, 5, 1, 2, 5),
      Uint8Array.of(5, 5, 1, 4, 5),
      Float64Array.of(100, 300, 10, 7, 1000),
      Uint8Array.of(1, 1, 1, 1, 0),
    );
    expect(cells).toHaveLength(25);
    expect(cells.map((c) => [c.recencyScore, c.frequencyScore]).slice(0, 6)).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [1, 4],
      [1, 5],
      [2, 1],
    ]);
    const at = (r: number, f: number) => cells[(r - 1) * 5 + (f - 1)];
    expect(at(5, 5)).toEqual({ recencyScore: 5, frequencyScore: 5, customers: 2, meanMonetary: 200 });
    expect(at(1, 1)).toMatchObject({ customers: 1, meanMonetary: 10 });
    expect(at(2, 4)).toMatchObject({ customers: 1, meanMonetary: 7 });
    expect(at(3, 3)).toEqual({ recencyScore: 3, frequencyScore: 3, customers: 0, meanMonetary: null });
    expect(cells.reduce((n, c) => n + c.customers, 0)).toBe(4);
  });
});
