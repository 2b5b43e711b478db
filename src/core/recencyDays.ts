/**
 * RFM recency: whole days from a customer's last purchase up to an as-of date, both Excel date
 * serials (1900 date system, see `excelDate.ts`). Fewer days = more recent = a better recency score
 * (`rfmScore.ts` scores it with `higherIsBetter` false).
 *
 * Only the day counts: a last purchase with a time of day (serial 45300.75, 18:00 on 2024-01-08) is
 * the day 45300, so a purchase earlier on the as-of day is 0 days ago, not 0.25. A last purchase
 * after the as-of date gives a negative count; the caller decides what to say about it.
 *
 * O(n), one Float64Array.
 *
 * @example
 * // as of 2024-01-31 (serial 45322): 2024-01-01 (45292) is 30 days before; 2024-01-09 18:00 is 22
 * recencyDays(Float64Array.of(45292, 45300.75), 45322) // => Float64Array [30, 22]
 */
export function recencyDays(lastPurchase: ArrayLike<number>, asOf: number): Float64Array {
  const asOfDay = Math.floor(asOf);
  const days = new Float64Array(lastPurchase.length);
  for (let i = 0; i < lastPurchase.length; i++) days[i] = asOfDay - Math.floor(lastPurchase[i]);
  return days;
}
