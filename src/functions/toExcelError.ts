/**
 * The one place a core {@link CoreError} becomes Excel's `CustomFunctions.Error`.
 *
 * Excel accepts `#REF!` and `#NAME?` only as inputs, not as results (Office docs, "Handle and
 * return errors from your custom function"), and `#GETTING_DATA` is not an error code at all; those
 * become `#VALUE!` / `#N/A` with the original error named in the message, so nothing is lost.
 */
import { CoreError, ErrorKind } from "../core/errors";

/** Excel's code for a core error kind, or undefined where Excel cannot return that kind. */
function codeFor(kind: ErrorKind): string | undefined {
  switch (kind) {
    case ErrorKind.Value:
    case ErrorKind.Num:
    case ErrorKind.DivByZero:
    case ErrorKind.NotAvailable:
    case ErrorKind.Null:
      return kind;
    default:
      return undefined;
  }
}

export function toExcelError(error: CoreError): CustomFunctions.Error {
  const code = codeFor(error.kind);
  if (code !== undefined) return new CustomFunctions.Error(code as CustomFunctions.ErrorCode, error.message);
  const replacement = error.kind === ErrorKind.GettingData ? "#N/A" : "#VALUE!";
  return new CustomFunctions.Error(
    replacement as CustomFunctions.ErrorCode,
    `${error.kind}: ${error.message}`,
  );
}
