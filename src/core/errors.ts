/**
 * Errors are values (as in HyperFormula's `CellError`): the core never throws for bad input, it
 * returns a {@link CoreError} saying which Excel error it is and what the user should change.
 * Exactly one function (`src/functions/toExcelError.ts`) turns these into `CustomFunctions.Error`.
 */

/** The Excel error values the core can produce or pass through, spelled as Excel shows them. */
export enum ErrorKind {
  Value = "#VALUE!",
  Num = "#NUM!",
  DivByZero = "#DIV/0!",
  NotAvailable = "#N/A",
  Ref = "#REF!",
  Name = "#NAME?",
  Null = "#NULL!",
  GettingData = "#GETTING_DATA",
}

/** An error result: the Excel error kind and a message that says what to change. */
export class CoreError {
  constructor(
    readonly kind: ErrorKind,
    readonly message: string,
  ) {}
}

/** A computed value or the reason it could not be computed. */
export type Result<T> = T | CoreError;

export function isCoreError(value: unknown): value is CoreError {
  return value instanceof CoreError;
}
