/**
 * Failure injection for any {@link Workbook}: a wrapper whose `method` rejects on its `call`-th call
 * (counted from 1, across the workbook and every undo step it hands out). With `after`, the real
 * call is made first and then rejected — a write that happened but reported failure, the worst case
 * for "nothing half-written".
 */
import type { Workbook } from "../../src/workbook/workbook";

export interface FailPlan {
  method: keyof Workbook;
  /** Which call fails (1 = the first). */
  call?: number;
  /** Make the real call before rejecting. */
  after?: boolean;
  message?: string;
}

export function failing(wb: Workbook, plan: FailPlan): Workbook {
  let calls = 0;
  const wrap = (target: Workbook): Workbook =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== "function") return value;
        const method = value as (...args: unknown[]) => Promise<unknown>;
        if (property === "asOneUndoStep" && property !== plan.method) {
          return (work: (step: Workbook) => Promise<unknown>) =>
            method.call(object, (step: unknown) => work(wrap(step as Workbook)));
        }
        if (property !== plan.method) return method.bind(object);
        return async (...args: unknown[]) => {
          calls++;
          if (calls !== (plan.call ?? 1)) {
            if (property === "asOneUndoStep") {
              const work = args[0] as (step: Workbook) => Promise<unknown>;
              return method.call(object, (step: unknown) => work(wrap(step as Workbook)));
            }
            return method.apply(object, args);
          }
          if (plan.after) await method.apply(object, args);
          throw new Error(plan.message ?? `simulated ${String(property)} failure`);
        };
      },
    });
  return wrap(wb);
}
