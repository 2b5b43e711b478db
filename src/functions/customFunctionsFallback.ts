/**
 * A stand-in for the `CustomFunctions` global where Office's runtime is absent: a plain browser
 * preview of the task pane page (office.js could not load) and Node (the benchmark, the CLI).
 *
 * Why it exists: `CustomFunctionsMetadataPlugin` appends raw `CustomFunctions.associate(...)` calls
 * to the end of the functions bundle. Without Office that global is undefined and those calls
 * would throw, taking the whole page's script down. `functions.ts` imports this module first, so
 * the fallback is installed before the appended calls run. Inside Excel the real runtime is
 * already there and this module does nothing.
 */

/** Excel's error codes, spelled as `CustomFunctions.ErrorCode` spells them. */
const errorCodes = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

class FallbackError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const root = globalThis as { CustomFunctions?: unknown };
if (typeof root.CustomFunctions === "undefined") {
  root.CustomFunctions = {
    associate: () => undefined,
    Error: FallbackError,
    ErrorCode: errorCodes,
  };
}

export {};
