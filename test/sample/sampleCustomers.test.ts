import {
  FORMULA_LIKE_NAMES,
  SAMPLE_COLUMNS,
  SAMPLE_HEADERS,
  TEXT_NUMBER_AT,
  excelSerial,
  sampleCustomers,
} from "../../src/sample/sampleCustomers";

describe("sampleCustomers", () => {
  const { headers, rows } = sampleCustomers();

  it("gives 5,000 rows of 14 cells under the documented headers by default", () => {
    expect(headers).toEqual([...SAMPLE_HEADERS]);
    expect(rows).toHaveLength(5000);
    for (const row of rows) expect(row).toHaveLength(14);
  });

  it("gives the same rows for the same seed and different rows for another seed", () => {
    expect(sampleCustomers(200, 7)).toEqual(sampleCustomers(200, 7));
    expect(sampleCustomers(200, 8).rows).not.toEqual(sampleCustomers(200, 7).rows);
  });

  it("gives a prefix of the default table when asked for fewer rows with the same seed", () => {
    expect(sampleCustomers(50).rows).toEqual(rows.slice(0, 50));
  });

  it("numbers customer IDs C00001, C00002, … so they sort as text", () => {
    expect(rows[0][SAMPLE_COLUMNS.id]).toBe("C00001");
    expect(rows[4999][SAMPLE_COLUMNS.id]).toBe("C05000");
  });

  it("computes Excel serial numbers in the 1900 date system", () => {
    // 1900-03-01 is serial 61 (Excel counts the non-existent 1900-02-29 as 60).
    expect(excelSerial(1900, 3, 1)).toBe(61);
    // 2025-01-01 is 45,658 (Excel's DATE(2025,1,1)); 2026-01-01 is 365 days later = 46,023;
    // 2026-11-20 is day 324 of 2026, i.e. 323 days after 1 January.
    expect(excelSerial(2026, 1, 1)).toBe(46023);
    expect(excelSerial(2026, 11, 20)).toBe(46023 + 323);
  });

  it("keeps revenue, match, last purchase and orders filled and within their ranges", () => {
    for (const row of rows) {
      const revenue = row[SAMPLE_COLUMNS.revenue] as number;
      expect(typeof revenue).toBe("number");
      expect(revenue).toBeGreaterThan(0);
      expect(row[SAMPLE_COLUMNS.strategicMatch]).toEqual(expect.any(Number));
      expect(row[SAMPLE_COLUMNS.strategicMatch] as number).toBeGreaterThanOrEqual(1);
      expect(row[SAMPLE_COLUMNS.strategicMatch] as number).toBeLessThanOrEqual(10);
      expect(Number.isInteger(row[SAMPLE_COLUMNS.orders])).toBe(true);
      expect(row[SAMPLE_COLUMNS.orders] as number).toBeGreaterThanOrEqual(1);
      const date = row[SAMPLE_COLUMNS.lastPurchase] as number;
      expect(date).toBeGreaterThanOrEqual(excelSerial(2023, 11, 21));
      expect(date).toBeLessThanOrEqual(excelSerial(2026, 11, 20));
    }
  });

  it("keeps every rating a whole number from 1 to 5 or blank, with some blanks", () => {
    let blanks = 0;
    for (const row of rows) {
      for (let c = SAMPLE_COLUMNS.firstRating; c <= SAMPLE_COLUMNS.lastRating; c++) {
        const rating = row[c];
        if (rating === null) blanks++;
        else expect([1, 2, 3, 4, 5]).toContain(rating);
      }
    }
    // 8 % of 30,000 ratings ≈ 2,400; allow a wide band for the draw.
    expect(blanks).toBeGreaterThan(1800);
    expect(blanks).toBeLessThan(3000);
  });

  it("skews revenue so the top 20 % of customers bring between 65 % and 85 % of it", () => {
    // Lognormal σ = 1.6: the top-20 % share is Φ(σ − z₀.₈) = Φ(1.6 − 0.8416) = Φ(0.758) ≈ 0.776.
    const revenue = rows.map((row) => row[SAMPLE_COLUMNS.revenue] as number).sort((a, b) => b - a);
    const total = revenue.reduce((sum, x) => sum + x, 0);
    const top = revenue.slice(0, 1000).reduce((sum, x) => sum + x, 0);
    expect(top / total).toBeGreaterThan(0.65);
    expect(top / total).toBeLessThan(0.85);
  });

  it("places names starting with +, -, = and @ at the documented rows", () => {
    for (const [row, name] of FORMULA_LIKE_NAMES) expect(rows[row][SAMPLE_COLUMNS.name]).toBe(name);
    expect([...FORMULA_LIKE_NAMES.values()].map((name) => name[0]).sort()).toEqual(["+", "-", "=", "@"]);
  });

  it("stores exactly one number as text, in Cost to serve", () => {
    const textNumbers = rows.flatMap((row, r) =>
      row
        .map((cell, c) => ({ r, c, cell }))
        .filter(({ c, cell }) => c > SAMPLE_COLUMNS.region && typeof cell === "string"),
    );
    expect(textNumbers).toEqual([
      { r: TEXT_NUMBER_AT.row, c: TEXT_NUMBER_AT.column, cell: expect.stringMatching(/^\d+\.\d\d$/) },
    ]);
  });
});
