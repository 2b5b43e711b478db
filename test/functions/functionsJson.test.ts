/**
 * functions.json as the metadata plugin generates it from the JSDoc in functions.ts: the contract
 * Excel registers. Generated here with the plugin's own generator (no build needed).
 */
import * as path from "path";

interface Parameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: Parameter[];
  result: { dimensionality?: string };
}
interface Metadata {
  allowCustomDataForDataTypeAny?: boolean;
  allowErrorForDataTypeAny?: boolean;
  functions: FunctionMetadata[];
}

let metadata: Metadata;

beforeAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
  const source = path.resolve(__dirname, "../../src/functions/functions.ts");
  const generated = await generateCustomFunctionsMetadata([source], false);
  expect(generated.errors).toEqual([]);
  metadata = JSON.parse(generated.metadataJson);
});

const byId = (id: string) => {
  const found = metadata.functions.find((f) => f.id === id);
  if (!found) throw new Error(`${id} is missing from functions.json`);
  return found;
};

/** name, type, optional, dimensionality for each parameter. */
const shape = (id: string) =>
  byId(id).parameters.map((p) => [p.name, p.type, p.optional ?? false, p.dimensionality ?? "scalar"]);

describe("functions.json", () => {
  it("registers exactly the functions of the add-in", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual([
      "BGNBDFIT",
      "CLV",
      "CUSTOMERS",
      "CUSTOMERVALUE",
      "EXPECTEDPURCHASES",
      "EXPECTEDSPEND",
      "GAMMAGAMMAFIT",
      "LIFETIMEVALUE",
      "PALIVE",
      "PARETOSHARE",
      "RETENTIONLIFT",
      "SATISFACTION",
      "SEGMENT",
    ]);
    for (const f of metadata.functions) expect(f.name).toBe(f.id);
  });

  it("describes every function and every parameter for Excel's help", () => {
    for (const f of metadata.functions) {
      expect(f.description?.length).toBeGreaterThan(40);
      for (const p of f.parameters) expect(p.description?.length).toBeGreaterThan(15);
    }
  });

  it("returns a matrix from every function, so results spill as a column", () => {
    for (const f of metadata.functions) expect(f.result.dimensionality).toBe("matrix");
  });

  it("declares the parameters with their types, optional flags and dimensionality", () => {
    expect(shape("CUSTOMERVALUE")).toEqual([
      ["benefits", "any", false, "matrix"],
      ["costs", "any", false, "matrix"],
      ["method", "string", true, "scalar"],
    ]);
    expect(shape("SATISFACTION")).toEqual([
      ["perceived", "any", false, "matrix"],
      ["expected", "any", false, "matrix"],
      ["weights", "any", true, "matrix"],
      ["output", "string", true, "scalar"],
      ["tolerance", "number", true, "scalar"],
    ]);
    expect(shape("SEGMENT")).toEqual([
      ["value", "any", false, "matrix"],
      ["match", "any", false, "matrix"],
      ["value_cut", "number", true, "scalar"],
      ["match_cut", "number", true, "scalar"],
      ["labels", "any", true, "matrix"],
    ]);
    expect(shape("PARETOSHARE")).toEqual([
      ["values", "any", false, "matrix"],
      ["top", "any", true, "matrix"],
    ]);
  });

  it("declares the retention and order-log functions with their optional parameters", () => {
    expect(shape("LIFETIMEVALUE")).toEqual([
      ["margin", "any", false, "matrix"],
      ["retention", "any", false, "matrix"],
      ["discount", "any", false, "matrix"],
      ["periods", "any", true, "matrix"],
      ["timing", "string", true, "scalar"],
    ]);
    expect(shape("RETENTIONLIFT")).toEqual([
      ["retention", "any", false, "matrix"],
      ["discount", "any", false, "matrix"],
      ["churn_cut", "any", true, "matrix"],
      ["periods", "any", true, "matrix"],
      ["timing", "string", true, "scalar"],
    ]);
    expect(shape("CUSTOMERS")).toEqual([
      ["customers", "any", false, "matrix"],
      ["dates", "any", false, "matrix"],
      ["amounts", "any", false, "matrix"],
      ["as_of", "any", true, "scalar"],
      ["period", "string", true, "scalar"],
      ["returns", "boolean", true, "scalar"],
    ]);
    // Not volatile: an omitted as_of is the day of the calculation; TODAY() makes it daily (README).
    expect((byId("CUSTOMERS") as { options?: { volatile?: boolean } }).options?.volatile).toBeUndefined();
  });

  it("declares the lifetime-value functions' parameters, optionals last", () => {
    const history = [
      ["frequency", "any", false, "matrix"],
      ["recency", "any", false, "matrix"],
      ["age", "any", false, "matrix"],
    ];
    expect(shape("BGNBDFIT")).toEqual([...history, ["penalty", "number", true, "scalar"]]);
    expect(shape("PALIVE")).toEqual([...history, ["params", "any", false, "matrix"]]);
    expect(shape("EXPECTEDPURCHASES")).toEqual([
      ["horizon", "any", false, "matrix"],
      ...history,
      ["params", "any", false, "matrix"],
    ]);
    expect(shape("GAMMAGAMMAFIT")).toEqual([
      ["frequency", "any", false, "matrix"],
      ["average_value", "any", false, "matrix"],
      ["penalty", "number", true, "scalar"],
    ]);
    expect(shape("EXPECTEDSPEND")).toEqual([
      ["frequency", "any", false, "matrix"],
      ["average_value", "any", false, "matrix"],
      ["params", "any", false, "matrix"],
    ]);
    expect(shape("CLV")).toEqual([
      ...history,
      ["average_value", "any", false, "matrix"],
      ["bgnbd_params", "any", false, "matrix"],
      ["spend_params", "any", false, "matrix"],
      ["horizon", "number", false, "scalar"],
      ["margin", "number", true, "scalar"],
      ["annual_discount", "number", true, "scalar"],
      ["periods_per_year", "number", true, "scalar"],
    ]);
  });

  it("lets error cells reach the functions through allowCustomDataForDataTypeAny, without allowErrorForDataTypeAny", () => {
    // Chosen deliberately: the first covers error inputs for "any" parameters; adding the second
    // crashes volume-licensed Office 2021 (office-js issue 4385) and the generator cannot emit it.
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    expect(metadata.allowErrorForDataTypeAny).toBeUndefined();
  });
});
