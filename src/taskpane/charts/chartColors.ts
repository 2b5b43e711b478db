/**
 * The charts' colours, taken from the Fluent theme the pane uses (webLightTheme), as literal colours
 * because the charts paint SVG. Every mark keeps a contrast of at least 3:1 against the white
 * background (WCAG 1.4.11 for graphics): brand blue 5.4:1, neutral grey 6.2:1, dark orange 5.6:1.
 */
import { webLightTheme } from "@fluentui/react-components";

export const CHART_COLORS = {
  /** What the chart is about: value, the Pareto curve. */
  primary: webLightTheme.colorBrandBackground,
  /** The comparison: customers, the line of equal shares. */
  secondary: webLightTheme.colorNeutralForeground3,
  /** A marked point (the top 20 %). */
  highlight: webLightTheme.colorPaletteDarkOrangeForeground1,
  /** Heatmap: lightest to darkest brand blue, low to high. */
  scale: [webLightTheme.colorBrandBackground2, "#479ef5", webLightTheme.colorBrandBackgroundPressed],
} as const;

/**
 * Round tick values from 0 to at least `max` for a share axis: steps of 10 % up to 50 %, of 20 %
 * above, four to six ticks in all.
 *
 * @example
 * shareTicks(0.528) // => [0, 0.2, 0.4, 0.6]
 * shareTicks(0.27)  // => [0, 0.1, 0.2, 0.3]
 */
export function shareTicks(max: number): number[] {
  const top = Math.min(1, Math.max(0.1, Number.isFinite(max) ? max : 1));
  const step = top <= 0.5 ? 0.1 : 0.2;
  const count = Math.ceil(top / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Math.round(i * step * 10) / 10);
}

/**
 * Round tick values from 0 to at least `max` for a count axis: a whole step of 1, 2 or 5 times a
 * power of ten, chosen so that there are at most five steps (counts of customers: never a step
 * below 1, so an axis up to 0.3 reads 0, 1).
 *
 * @example
 * countTicks(492) // => [0, 100, 200, 300, 400, 500]
 * countTicks(37)  // => [0, 10, 20, 30, 40]
 */
export function countTicks(max: number): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const power = 10 ** Math.max(0, Math.floor(Math.log10(top / 5)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => top / s <= 5) ?? 10 * power;
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
}
