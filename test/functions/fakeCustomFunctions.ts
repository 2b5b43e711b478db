/**
 * A fake `CustomFunctions` global, installed before the wrappers are loaded (import this module
 * first). It records nothing; it lets tests check that results are Excel errors with a code and a
 * message, as the real runtime's `CustomFunctions.Error` has.
 */
export class FakeExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const fakeCustomFunctions = {
  associate: () => undefined,
  Error: FakeExcelError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  },
};

(globalThis as { CustomFunctions?: unknown }).CustomFunctions = fakeCustomFunctions;
