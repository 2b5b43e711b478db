/**
 * Names the workflow makes up: headers and sheet names that do not collide with what is already
 * there. (Addresses and sheet-name quoting live in `src/core/a1.ts`.)
 */

/**
 * `base`, or `base 2`, `base 3`, … — the first that is not in `taken` (compared case-insensitively,
 * as Excel compares table headers and sheet names). Adds the chosen name to `taken`.
 *
 * @example
 * uniqueName("Segment", new Set(["segment"])) // => "Segment 2"
 */
export function uniqueName(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
