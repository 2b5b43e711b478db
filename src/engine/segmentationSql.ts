/**
 * The segmentation methods as ONE SQL statement each (quadrants, RFM, Pareto ABC), written so that
 * every engine of `sqlDialect.ts` computes exactly what the JavaScript workflow computes:
 *
 * - **Rows used**: a row is used when every column the method needs holds a finite number (dates:
 *   not NULL). Other rows are kept in the output with NULL results, as the runner leaves their
 *   cells blank, and are left out of every statistic.
 * - **Median** (quadrant cut, Excel `MEDIAN`): the middle order statistic, or (a + b) / 2 of the two
 *   middle ones, picked by ROW_NUMBER() over the used rows: rank r of n is the middle when
 *   2r = n + 1, the two middles when 2r = n and 2r = n + 2.
 * - **Quantiles** (RFM cut points, Excel `PERCENTILE.INC`, R type 7): h = (n − 1)·p in doubles,
 *   the order statistics at ranks ⌊h⌋ + 1 and ⌊h⌋ + 2, and lo + (h − ⌊h⌋)·(hi − lo) when h is not
 *   whole — the same operations, in the same order, as `src/core/quantiles.ts`, so the same bits.
 * - **Scores** 1 + the number of cuts a value is strictly above (recency reversed), the first RFM
 *   rule that matches (CASE tries them in order), `Other` when none does.
 * - **ABC**: ranked by value, largest first; equal values ranked by `order` (the runner keeps their
 *   row order). A customer's class is decided by the share of value held by the customers ranked
 *   before it, computed as the runner does: (sum of the larger values) + k·value, k = the number of
 *   equal values ranked before it; its cumulative share (before + value) / total is displayed.
 *
 * Sums of doubles depend on the order of the additions. The runner adds the values one by one from
 * the largest down; PostgreSQL's running SUM() OVER (… ROWS UNBOUNDED PRECEDING) does the same, so
 * its shares are the runner's to the last bit. Engines that add in a tree (DuckDB's window sums, and
 * any distributed engine) can differ in the last bits, which changes a class only when a share lies
 * within rounding (about 1e-15) of a threshold. The DuckDB engine of the runner therefore takes the
 * sums from one sequential pass instead (`groupSums: "table"`), and the mean cut from a sequential
 * fold (`sequentialMean`).
 *
 * Cost: each quantile or median is one sort of the used rows (window ORDER BY), O(n log n); the
 * scoring is one pass.
 */
import type { Dialect } from "./sqlDialect";
import { doubleLiteral } from "./sqlDialect";
import type { CutRule, Method, SegmentationSettings } from "../workflow/types";
import { RFM_RULES, OTHER_SEGMENT } from "../core/rfmRules";
import { QUINTILE_PROBABILITIES } from "../core/rfmScore";
import { asOfSerial } from "../workflow/methods/rfm";
import { ABC_NAMES } from "../workflow/methods/abc";

/** The roles whose columns a method reads as numbers or dates. */
export type NumericRole = "value" | "match" | "orders" | "lastPurchase";

/** The methods that have SQL (the lifetime-value fit is an optimisation, not a statement). */
export type SqlMethod = "quadrant" | "rfm" | "abc";

/** Whether `method` has SQL here. */
export function isSqlMethod(method: Method): method is SqlMethod {
  return method === "quadrant" || method === "rfm" || method === "abc";
}

export const METHOD_ROLES: Record<SqlMethod, readonly NumericRole[]> = {
  quadrant: ["value", "match"],
  rfm: ["lastPurchase", "orders", "value"],
  abc: ["value"],
};

/** The result columns each method adds, named as the runner names them (before de-duplication). */
export const RESULT_HEADERS: Record<SqlMethod, readonly string[]> = {
  quadrant: ["Segment"],
  rfm: ["Recency days", "R score", "F score", "M score", "RFM score", "RFM segment"],
  abc: ["ABC class", "Cumulative value share"],
};

/** Where the rows come from and how their cells are read. */
export interface SegmentationSource {
  /** What follows FROM: a quoted table name, or a parenthesised subquery with an alias. */
  relation: string;
  /** The customer column, output first under `alias`; null to leave it out. */
  customer: { expression: string; alias: string } | null;
  /** Orders ties in ABC (the runner's row order) and the output rows. */
  order: string;
  /** The expression of each role's column in `relation`. */
  columns: Partial<Record<NumericRole, string>>;
  /**
   * How the last purchase is stored: "date" = a DATE or TIMESTAMP column (a warehouse), "serial" =
   * an Excel serial day number, its fraction the time of day (the runner's engine over a file).
   */
  dates: "date" | "serial";
  /** A further condition for a row to be used (the engine's totals row), or null. */
  usedAlso?: string | null;
  /** Columns passed through to the output before the results (the engine's row index). */
  carry?: readonly { expression: string; alias: string }[];
  /** Also output `cx_code`, the index of the row's segment in {@link segmentNames} (NULL when unused). */
  withCodes?: boolean;
}

/** How the statement computes the sums that floating-point rounding makes order-dependent. */
export interface SumOptions {
  /**
   * ABC: "window" = running SUM() OVER (ORDER BY value DESC) in the statement (any engine);
   * "table" = read each distinct value's sum of larger values (`cx_above`) and the total (`cx_total`)
   * from the table `cx_abc_groups(cx_value, cx_above, cx_total)` that the caller filled.
   */
  groupSums?: "window" | "table";
  /** Quadrant mean cut: DuckDB's left fold in `order` (the runner's exact sum) instead of AVG(). */
  sequentialMean?: boolean;
}

/** The segment names in code order, as the workflow's summary lists them. */
export function segmentNames(settings: SegmentationSettings): string[] {
  switch (settings.method) {
    case "quadrant":
      return [...settings.quadrant.labels];
    case "rfm":
      return [...RFM_RULES.map((rule) => rule.segment), OTHER_SEGMENT];
    case "abc":
      return [...ABC_NAMES];
    default:
      throw new Error(`internal: no SQL for the ${settings.method} method`);
  }
}

/** Largest finite double: `x BETWEEN −MAX AND MAX` is false for NULL, NaN and ±Infinity in every engine. */
const MAX_DOUBLE = 1.7976931348623157e308;

/**
 * The segmentation statement for `settings.method`. `headers` are the result columns' names (the
 * runner's names made unique against the table's), in {@link RESULT_HEADERS} order.
 */
export function segmentationStatement(
  dialect: Dialect,
  source: SegmentationSource,
  settings: SegmentationSettings,
  headers: readonly string[],
  sums: SumOptions = {},
): string {
  const builder = new StatementBuilder(dialect, source, settings, sums);
  switch (settings.method) {
    case "quadrant":
      return builder.quadrant(headers);
    case "rfm":
      return builder.rfm(headers);
    case "abc":
      return builder.abc(headers);
    default:
      throw new Error(`internal: no SQL for the ${settings.method} method`);
  }
}

/**
 * One row with the cut points the statement uses, for the summary: quadrant `value`, `match`;
 * RFM `recency_1` … `monetary_4`. ABC has no computed cut (its thresholds are the settings): null.
 */
export function cutPointsStatement(
  dialect: Dialect,
  source: SegmentationSource,
  settings: SegmentationSettings,
  sums: SumOptions = {},
): string | null {
  const builder = new StatementBuilder(dialect, source, settings, sums);
  return settings.method === "abc" ? null : builder.cutPoints();
}

/**
 * The condition, over `source.relation`'s columns, for a row to be used by the method: what
 * `cx_used = 1` means inside the statement.
 */
export function usedCondition(
  dialect: Dialect,
  source: SegmentationSource,
  settings: SegmentationSettings,
): string {
  return new StatementBuilder(dialect, source, settings, {}).usedCondition();
}

interface Measure {
  /** The CTE column is `cx_<name>`. */
  name: string;
  expression: string;
  usable: string;
}

class StatementBuilder {
  private readonly ctes: string[] = [];
  private readonly q: (name: string) => string;

  constructor(
    private readonly dialect: Dialect,
    private readonly source: SegmentationSource,
    private readonly settings: SegmentationSettings,
    private readonly sums: SumOptions,
  ) {
    this.q = (name) => dialect.identifier(name);
  }

  private num(x: number): string {
    return doubleLiteral(this.dialect, x);
  }

  private asDouble(expression: string): string {
    return `CAST(${expression} AS ${this.dialect.double})`;
  }

  private column(role: NumericRole): string {
    const expression = this.source.columns[role];
    if (expression === undefined) throw new Error(`internal: the ${role} column is not mapped`);
    return expression;
  }

  /** True for a finite number (also rejects NULL and NaN: comparisons with NaN are false or NaN is greatest). */
  private finite(expression: string): string {
    return `${expression} BETWEEN ${this.num(-MAX_DOUBLE)} AND ${this.num(MAX_DOUBLE)}`;
  }

  private numberMeasure(name: string, role: NumericRole): Measure {
    const expression = this.column(role);
    return { name, expression, usable: this.finite(this.asDouble(expression)) };
  }

  /** What the method reads from each row: a double per measure, and when the row's cell is usable. */
  private measures(): Measure[] {
    switch (this.settings.method) {
      case "quadrant":
        return [this.numberMeasure("value", "value"), this.numberMeasure("match", "match")];
      case "rfm":
        return [
          this.recencyMeasure(),
          this.numberMeasure("frequency", "orders"),
          this.numberMeasure("monetary", "value"),
        ];
      case "abc": {
        const value = this.numberMeasure("value", "value");
        // Negative values have no share of value: such rows get no class (the runner refuses the file, or leaves them unsegmented with --skip-invalid).
        return [{ ...value, usable: `${value.usable} AND ${this.asDouble(value.expression)} >= 0` }];
      }
      default:
        throw new Error(`internal: no SQL for the ${this.settings.method} method`);
    }
  }

  /** Days from the last purchase's day to the as-of date. */
  private recencyMeasure(): Measure {
    const { asOf } = this.settings.rfm;
    const last = this.column("lastPurchase");
    if (this.source.dates === "date") {
      return {
        name: "recency",
        expression: this.dialect.daysBetween(`CAST('${asOf}' AS DATE)`, this.dialect.toDate(last)),
        usable: `${last} IS NOT NULL`,
      };
    }
    const serial = asOfSerial(asOf);
    if (serial === null) throw new Error(`internal: as-of date ${asOf} is not a date`);
    return {
      name: "recency",
      expression: `${this.num(serial)} - FLOOR(${this.asDouble(last)})`,
      usable: this.finite(this.asDouble(last)),
    };
  }

  usedCondition(): string {
    const conditions = this.measures().map((m) => `(${m.usable})`);
    if (this.source.usedAlso) conditions.push(`(${this.source.usedAlso})`);
    return conditions.join(" AND ");
  }

  /**
   * The first CTE, `cx_rows`: carried columns, customer, order, the method's measures as doubles
   * (`cx_<name>`), and `cx_used` (1 = every needed cell usable).
   */
  private rows(): void {
    const { source } = this;
    const select = [
      ...(source.carry ?? []).map((c) => `${c.expression} AS ${c.alias}`),
      `${source.customer ? source.customer.expression : "NULL"} AS cx_customer`,
      `${source.order} AS cx_order`,
      ...this.measures().map((m) => `${this.asDouble(m.expression)} AS cx_${m.name}`),
      `CASE WHEN ${this.usedCondition()} THEN 1 ELSE 0 END AS cx_used`,
    ];
    this.ctes.push(`cx_rows AS (\n  SELECT\n    ${select.join(",\n    ")}\n  FROM ${source.relation}\n)`);
  }

  cutPoints(): string {
    this.rows();
    if (this.settings.method === "quadrant") {
      const v = this.quadrantCut("value", this.settings.quadrant.valueCut);
      const m = this.quadrantCut("match", this.settings.quadrant.matchCut);
      return `WITH\n${this.ctes.join(",\n")}\nSELECT ${v}.cx_cut AS value, ${m}.cx_cut AS match FROM ${v} CROSS JOIN ${m}`;
    }
    const { cuts } = this.settings.rfm;
    const tables = (["recency", "frequency", "monetary"] as const).map((d) => [
      d,
      this.quintileCuts(d, cuts[d]),
    ]);
    const columns = tables.flatMap(([d, t]) => [1, 2, 3, 4].map((k) => `${t}.cx_c${k} AS ${d}_${k}`));
    return `WITH\n${this.ctes.join(",\n")}\nSELECT ${columns.join(", ")} FROM ${tables.map(([, t]) => t).join(" CROSS JOIN ")}`;
  }

  /** Used rows of `cx_rows` ranked by `measure`, with their count: `cx_<measure>_ranked(cx_x, cx_rank, cx_n)`. */
  private ranked(measure: string): string {
    const name = `cx_${measure}_ranked`;
    this.ctes.push(
      `${name} AS (\n  SELECT cx_${measure} AS cx_x, ROW_NUMBER() OVER (ORDER BY cx_${measure}) AS cx_rank, COUNT(*) OVER () AS cx_n\n  FROM cx_rows\n  WHERE cx_used = 1\n)`,
    );
    return name;
  }

  /** A one-row CTE `cx_<measure>_cut(cx_cut)`: the quadrant cut by `rule`. */
  private quadrantCut(measure: string, rule: CutRule): string {
    const name = `cx_${measure}_cut`;
    let select: string;
    if (rule.kind === "number") {
      select = `SELECT ${this.num(rule.value)} AS cx_cut`;
    } else if (rule.kind === "mean") {
      select = this.sums.sequentialMean
        ? `SELECT LIST_REDUCE(LIST(cx_${measure} ORDER BY cx_order), LAMBDA a, b: a + b) / COUNT(*) AS cx_cut FROM cx_rows WHERE cx_used = 1`
        : `SELECT AVG(cx_${measure}) AS cx_cut FROM cx_rows WHERE cx_used = 1`;
    } else {
      const ranked = this.ranked(measure);
      const at = (condition: string) => `MAX(CASE WHEN ${condition} THEN cx_x END)`;
      select =
        `SELECT COALESCE(${at("2 * cx_rank = cx_n + 1")}, ` +
        `(${at("2 * cx_rank = cx_n")} + ${at("2 * cx_rank = cx_n + 2")}) / 2) AS cx_cut\n  FROM ${ranked}`;
    }
    this.ctes.push(`${name} AS (\n  ${select}\n)`);
    return name;
  }

  /**
   * A one-row CTE `cx_<measure>_cuts(cx_c1 … cx_c4)`: typed cuts, or PERCENTILE.INC at 0.2 … 0.8 of
   * the used rows (type 7, see the file comment).
   */
  private quintileCuts(measure: string, typed: readonly number[] | null): string {
    const name = `cx_${measure}_cuts`;
    if (typed !== null) {
      const cuts = typed.map((cut, i) => `${this.num(cut)} AS cx_c${i + 1}`).join(", ");
      this.ctes.push(`${name} AS (\n  SELECT ${cuts}\n)`);
      return name;
    }
    const ranked = this.ranked(measure);
    const h = (p: number) => `CAST(cx_n - 1 AS ${this.dialect.double}) * ${this.num(p)}`;
    const picks = QUINTILE_PROBABILITIES.flatMap((p, i) => [
      `MAX(CASE WHEN cx_rank = FLOOR(${h(p)}) + 1 THEN cx_x END) AS cx_lo${i + 1}`,
      `MAX(CASE WHEN cx_rank = FLOOR(${h(p)}) + 2 THEN cx_x END) AS cx_hi${i + 1}`,
    ]);
    this.ctes.push(
      `cx_${measure}_picks AS (\n  SELECT MAX(cx_n) AS cx_n,\n    ${picks.join(",\n    ")}\n  FROM ${ranked}\n)`,
    );
    const cuts = QUINTILE_PROBABILITIES.map((p, i) => {
      const k = i + 1;
      const hk = h(p);
      return `CASE WHEN ${hk} > FLOOR(${hk}) THEN cx_lo${k} + (${hk} - FLOOR(${hk})) * (cx_hi${k} - cx_lo${k}) ELSE cx_lo${k} END AS cx_c${k}`;
    });
    this.ctes.push(`${name} AS (\n  SELECT\n    ${cuts.join(",\n    ")}\n  FROM cx_${measure}_picks\n)`);
    return name;
  }

  private finish(select: readonly string[], from: string): string {
    const { source } = this;
    const columns = [
      ...(source.carry ?? []).map((c) => c.alias),
      ...(source.customer ? [`cx_customer AS ${this.q(source.customer.alias)}`] : []),
      ...select,
    ];
    return `WITH\n${this.ctes.join(",\n")}\nSELECT\n  ${columns.join(",\n  ")}\nFROM ${from}\nORDER BY cx_order`;
  }

  private label(names: readonly string[], code: string): string {
    return `CASE ${code} ${names.map((n, i) => `WHEN ${i} THEN ${this.dialect.string(n)}`).join(" ")} END`;
  }

  quadrant(headers: readonly string[]): string {
    const { valueCut, matchCut, labels } = this.settings.quadrant;
    this.rows();
    const v = this.quadrantCut("value", valueCut);
    const m = this.quadrantCut("match", matchCut);
    const code =
      `CASE WHEN cx_used = 1 THEN CASE WHEN cx_value >= ${v}.cx_cut ` +
      `THEN CASE WHEN cx_match >= ${m}.cx_cut THEN 0 ELSE 1 END ` +
      `ELSE CASE WHEN cx_match >= ${m}.cx_cut THEN 2 ELSE 3 END END END`;
    this.ctes.push(
      `cx_coded AS (\n  SELECT cx_rows.*, ${code} AS cx_code\n  FROM cx_rows CROSS JOIN ${v} CROSS JOIN ${m}\n)`,
    );
    const select = [`${this.label(labels, "cx_code")} AS ${this.q(headers[0])}`];
    if (this.source.withCodes) select.push("cx_code");
    return this.finish(select, "cx_coded");
  }

  rfm(headers: readonly string[]): string {
    const { cuts } = this.settings.rfm;
    this.rows();
    const r = this.quintileCuts("recency", cuts.recency);
    const f = this.quintileCuts("frequency", cuts.frequency);
    const m = this.quintileCuts("monetary", cuts.monetary);
    const above = (measure: string, table: string) =>
      [1, 2, 3, 4].map((k) => `CASE WHEN cx_${measure} > ${table}.cx_c${k} THEN 1 ELSE 0 END`).join(" + ");
    // The window function (a constant) keeps PostgreSQL from inlining the three score expressions
    // into each of the rules' 60 comparisons: inlined, its JIT compiled the statement for 90 s
    // (measured, 100,000 rows) before running it in 7.
    this.ctes.push(
      `cx_scored AS (\n  SELECT cx_rows.*,\n` +
        `    5 - (${above("recency", r)}) AS cx_r,\n` +
        `    1 + ${above("frequency", f)} AS cx_f,\n` +
        `    1 + ${above("monetary", m)} AS cx_m,\n` +
        `    COUNT(*) OVER () AS cx_rows_in_all\n` +
        `  FROM cx_rows CROSS JOIN ${r} CROSS JOIN ${f} CROSS JOIN ${m}\n)`,
    );
    const between = (score: string, [lo, hi]: readonly [number, number]) =>
      lo === hi ? `${score} = ${lo}` : `${score} BETWEEN ${lo} AND ${hi}`;
    const rules = RFM_RULES.map(
      (rule, i) =>
        `WHEN ${between("cx_r", rule.recency)} AND ${between("cx_f", rule.frequency)} AND ${between("cx_m", rule.monetary)} THEN ${i}`,
    );
    this.ctes.push(
      `cx_coded AS (\n  SELECT cx_scored.*,\n    CASE WHEN cx_used = 1 THEN CASE\n      ${rules.join("\n      ")}\n      ELSE ${RFM_RULES.length} END END AS cx_code\n  FROM cx_scored\n)`,
    );
    const used = (expression: string) => `CASE WHEN cx_used = 1 THEN ${expression} END`;
    const select = [
      `${used(`CAST(cx_recency AS ${this.dialect.bigint})`)} AS ${this.q(headers[0])}`,
      `${used("cx_r")} AS ${this.q(headers[1])}`,
      `${used("cx_f")} AS ${this.q(headers[2])}`,
      `${used("cx_m")} AS ${this.q(headers[3])}`,
      `${used("cx_r * 100 + cx_f * 10 + cx_m")} AS ${this.q(headers[4])}`,
      `${this.label(segmentNames(this.settings), "cx_code")} AS ${this.q(headers[5])}`,
    ];
    if (this.source.withCodes) select.push("cx_code");
    return this.finish(select, "cx_coded");
  }

  abc(headers: readonly string[]): string {
    const { aUpTo, bUpTo } = this.settings.abc;
    this.rows();
    // cx_key is the value of used rows and NULL otherwise, so unused rows join nothing.
    const tieRank = "ROW_NUMBER() OVER (PARTITION BY cx_used, cx_value ORDER BY cx_order) - 1";
    if (this.sums.groupSums === "table") {
      this.ctes.push(
        `cx_ranked AS (\n  SELECT cx_rows.*, ${tieRank} AS cx_tie,\n    CASE WHEN cx_used = 1 THEN cx_value END AS cx_key\n  FROM cx_rows\n)`,
      );
    } else {
      this.ctes.push(
        `cx_ranked AS (\n  SELECT cx_rows.*, ${tieRank} AS cx_tie,\n    CASE WHEN cx_used = 1 THEN cx_value END AS cx_key,\n` +
          `    SUM(cx_value) OVER (PARTITION BY cx_used ORDER BY cx_value DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cx_running\n  FROM cx_rows\n)`,
      );
      // Values are ≥ 0, so the running sum never falls: its maximum in a group of equal values is
      // its value after the group's last member, i.e. the sum of all values ≥ this one.
      this.ctes.push(
        `cx_through AS (\n  SELECT cx_value, MAX(cx_running) AS cx_through\n  FROM cx_ranked\n  WHERE cx_used = 1\n  GROUP BY cx_value\n)`,
      );
      this.ctes.push(
        // The previous group's running sum (the largest before this group: sums only grow); no LAG(),
        // which ClickHouse spells lagInFrame.
        `cx_abc_groups AS (\n  SELECT cx_value,\n    COALESCE(MAX(cx_through) OVER (ORDER BY cx_value DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS cx_above,\n` +
          `    MAX(cx_through) OVER () AS cx_total\n  FROM cx_through\n)`,
      );
    }
    const double = this.dialect.double;
    this.ctes.push(
      `cx_shares AS (\n  SELECT cx_ranked.*, cx_abc_groups.cx_above + CAST(cx_tie AS ${double}) * cx_ranked.cx_value AS cx_before,\n` +
        `    NULLIF(cx_abc_groups.cx_total, 0) AS cx_total\n` +
        `  FROM cx_ranked LEFT JOIN cx_abc_groups ON cx_ranked.cx_key = cx_abc_groups.cx_value\n)`,
    );
    const shareBefore = "cx_before / cx_total";
    this.ctes.push(
      `cx_coded AS (\n  SELECT cx_shares.*,\n    CASE WHEN cx_used = 1 AND cx_total IS NOT NULL THEN CASE WHEN ${shareBefore} < ${this.num(aUpTo)} THEN 0 ` +
        `WHEN ${shareBefore} < ${this.num(bUpTo)} THEN 1 ELSE 2 END END AS cx_code\n  FROM cx_shares\n)`,
    );
    const select = [
      `${this.label(ABC_NAMES, "cx_code")} AS ${this.q(headers[0])}`,
      `CASE WHEN cx_code IS NOT NULL THEN (cx_before + cx_value) / cx_total END AS ${this.q(headers[1])}`,
    ];
    if (this.source.withCodes) select.push("cx_code");
    return this.finish(select, "cx_coded");
  }
}
