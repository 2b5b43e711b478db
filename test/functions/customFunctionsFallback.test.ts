/* eslint-disable @typescript-eslint/no-require-imports -- the module must be loaded afresh, after the global is set up, inside jest.isolateModules. */
describe("the CustomFunctions fallback for pages without Office", () => {
  const root = globalThis as { CustomFunctions?: unknown };

  afterEach(() => {
    delete root.CustomFunctions;
  });

  it("installs associate as a no-op and an Error with code and message when the global is missing", () => {
    delete root.CustomFunctions;
    jest.isolateModules(() => {
      require("../../src/functions/customFunctionsFallback");
    });
    const installed = root.CustomFunctions as {
      associate: (id: string, f: unknown) => void;
      Error: new (code: string, message?: string) => { code: string; message?: string };
      ErrorCode: Record<string, string>;
    };
    expect(() => installed.associate("SEGMENT", () => 0)).not.toThrow();
    expect(new installed.Error(installed.ErrorCode.invalidValue, "why")).toBeExcelError("#VALUE!", "why");
    expect(installed.ErrorCode.divisionByZero).toBe("#DIV/0!");
  });

  it("leaves Office's real runtime alone", () => {
    const real = { associate: () => undefined };
    root.CustomFunctions = real;
    jest.isolateModules(() => {
      require("../../src/functions/customFunctionsFallback");
    });
    expect(root.CustomFunctions).toBe(real);
  });
});
