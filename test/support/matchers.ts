/**
 * Shared jest matchers.
 * `toBeExcelError(kind, messagePart?)` accepts a core `CoreError` or a `CustomFunctions.Error`-like
 * object (anything with `code` and `message`), so core and wrapper tests read the same way.
 */
import { CoreError } from "../../src/core/errors";

function errorCodeOf(received: unknown): string | undefined {
  if (received instanceof CoreError) return received.kind;
  if (received && typeof received === "object" && "code" in received) {
    return String((received as { code: unknown }).code);
  }
  return undefined;
}

function messageOf(received: unknown): string {
  if (received && typeof received === "object" && "message" in received) {
    return String((received as { message: unknown }).message ?? "");
  }
  return "";
}

expect.extend({
  toBeExcelError(received: unknown, code: string, messagePart?: string | RegExp) {
    const actualCode = errorCodeOf(received);
    const message = messageOf(received);
    const codeOk = actualCode === code;
    const messageOk =
      messagePart === undefined ||
      (typeof messagePart === "string" ? message.includes(messagePart) : messagePart.test(message));
    const pass = codeOk && messageOk;
    return {
      pass,
      message: () =>
        `expected ${this.utils.printReceived(received)} ${pass ? "not " : ""}to be Excel error ${code}` +
        (messagePart === undefined ? "" : ` with a message matching ${String(messagePart)}`) +
        ` (got code ${String(actualCode)}, message ${JSON.stringify(message)})`,
    };
  },
});

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeExcelError(code: string, messagePart?: string | RegExp): R;
    }
  }
}
