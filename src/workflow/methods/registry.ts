/**
 * The registry of segmentation methods: every method is one entry (`method.ts` says what an entry
 * holds), and everything that differs between methods — which columns they need, their titles,
 * their settings and checks, the runner's `--method` choices, the pane's method list — is read
 * from here instead of being branched on in the stages.
 *
 * To add a method: write its entry file beside these, add its settings type to
 * {@link MethodSettings} and its entry to {@link METHODS}; then its fields in the pane and its flags
 * in the runner. TypeScript refuses a settings type without an entry.
 */
import { abc, type AbcSettings } from "./abc";
import { clv, type ClvSettings } from "./clv";
import type { SegmentationMethod } from "./method";
import { quadrant, type QuadrantSettings } from "./quadrant";
import { rfm, type RfmSettings } from "./rfm";

/** Each method's own settings, by method id. */
export interface MethodSettings {
  quadrant: QuadrantSettings;
  rfm: RfmSettings;
  abc: AbcSettings;
  clv: ClvSettings;
}

type MethodId = keyof MethodSettings;

/** The entries by id. */
export const METHODS: { readonly [M in MethodId]: SegmentationMethod<M> } = Object.freeze({
  quadrant,
  rfm,
  abc,
  clv,
});

/** The method ids in the order the pane and the runner's help list them. */
export const METHOD_IDS: readonly MethodId[] = Object.freeze(Object.keys(METHODS) as MethodId[]);

/** Whether text names a method (exactly its id). */
export function isMethodId(text: unknown): text is MethodId {
  return typeof text === "string" && Object.prototype.hasOwnProperty.call(METHODS, text);
}

/**
 * The entry of a method, typed for a method not known until run time. Each entry is only ever
 * called with its own settings (`settings[entry.id]`), which is what the wide type promises.
 */
export function methodOf(id: MethodId): SegmentationMethod<MethodId> {
  return METHODS[id] as unknown as SegmentationMethod<MethodId>;
}
