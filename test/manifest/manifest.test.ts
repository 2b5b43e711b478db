/**
 * The manifest, checked offline (office-addin-manifest validate needs Microsoft's online service):
 * well-formed XML, the CX namespace, one shared runtime whose page also hosts the functions, and every
 * URL and icon it names present in the built dist/ (CI runs `npm run build` before `npm test`).
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { SaxesParser } from "saxes";
import { segment } from "../../src/taskpane/paneActions";
import { OfficeWorkbook, REQUIRED_EXCEL_API } from "../../src/workbook/officeWorkbook";
import { defaultSettings } from "../../src/workflow/run";
import { emptyMapping } from "../../src/workflow/mapping";
import { installExcelMock } from "../workbook/officeMock";

const root = path.resolve(__dirname, "../..");
const xml = readFileSync(path.join(root, "manifest.xml"), "utf8");
const dist = path.join(root, "dist");
const devOrigin = "https://localhost:3000/";

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true });
const app = (parser.parse(xml) as { OfficeApp: Node }).OfficeApp;
const overrides = app.VersionOverrides as Node;
const host = (overrides.Hosts as Node).Host as Node;
const resources = overrides.Resources as Node;

function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
const urlsById = new Map(
  list((resources.Urls as Node).Url as Node[]).map((u) => [String(u["@id"]), String(u["@DefaultValue"])]),
);
const imagesById = new Map(
  list((resources.Images as Node).Image as Node[]).map((u) => [String(u["@id"]), String(u["@DefaultValue"])]),
);
const shortStrings = new Map(
  list((resources.ShortStrings as Node).String as Node[]).map((s) => [
    String(s["@id"]),
    String(s["@DefaultValue"]),
  ]),
);

/** Every https://localhost:3000/... URL anywhere in the manifest. */
function allUrls(): string[] {
  return [...xml.matchAll(/https:\/\/localhost:3000\/[^"<\s]*/g)].map((m) => m[0]);
}

describe("manifest.xml", () => {
  it("is well-formed XML", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    // saxes is strict where fast-xml-parser is lenient, e.g. about "--" inside a comment.
    const errors: string[] = [];
    const strict = new SaxesParser();
    strict.on("error", (error) => errors.push(error.message));
    strict.write(xml).close();
    expect(errors).toEqual([]);
  });

  it("is a task pane add-in for workbooks with the least permission that can write results", () => {
    expect(app["@type"]).toBe("TaskPaneApp");
    expect(list((app.Hosts as Node).Host as Node[]).map((h) => h["@Name"])).toEqual(["Workbook"]);
    expect(app.Permissions).toBe("ReadWriteDocument");
  });

  it("has its own id and no template placeholders", () => {
    expect(String(app.Id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(xml).not.toMatch(/contoso|TODO|placeholder|Commands Group|Show Task Pane/i);
    expect(String((app.SupportUrl as Node)["@DefaultValue"])).toMatch(/^https:\/\//);
  });

  it("registers the custom functions under the CX namespace", () => {
    const customFunctions = list((host.AllFormFactors as Node).ExtensionPoint as Node[]).find(
      (e) => e["@type"] === "CustomFunctions",
    ) as Node;
    expect(customFunctions).toBeDefined();
    const namespaceId = String((customFunctions.Namespace as Node)["@resid"]);
    expect(shortStrings.get(namespaceId)).toBe("CX");
    const metadataId = String(((customFunctions.Metadata as Node).SourceLocation as Node)["@resid"]);
    expect(urlsById.get(metadataId)).toBe(`${devOrigin}functions.json`);
  });

  it("shares one long-lived runtime between the functions and the task pane", () => {
    const requirementSets = list(((app.Requirements as Node).Sets as Node).Set as Node[]).map(
      (s) => s["@Name"],
    );
    expect(requirementSets).toContain("SharedRuntime");
    const runtimes = list((host.Runtimes as Node).Runtime as Node[]);
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0]["@lifetime"]).toBe("long");
    const runtimeId = String(runtimes[0]["@resid"]);
    const customFunctions = list((host.AllFormFactors as Node).ExtensionPoint as Node[])[0];
    const pageId = String(((customFunctions.Page as Node).SourceLocation as Node)["@resid"]);
    const desktop = host.DesktopFormFactor as Node;
    const functionFileId = String((desktop.FunctionFile as Node)["@resid"]);
    const button = (((desktop.ExtensionPoint as Node).OfficeTab as Node).Group as Node).Control as Node;
    const paneId = String(((button.Action as Node).SourceLocation as Node)["@resid"]);
    expect(new Set([runtimeId, pageId, functionFileId, paneId])).toEqual(new Set([runtimeId]));
    expect(urlsById.get(runtimeId)).toBe(`${devOrigin}taskpane.html`);
  });

  it("declares the ExcelApi set the pane cannot do without, the one the adapter checks for", () => {
    const sets = list(((app.Requirements as Node).Sets as Node).Set as Node[]);
    const excelApi = sets.find((set) => set["@Name"] === "ExcelApi");
    expect(excelApi?.["@MinVersion"]).toBe(REQUIRED_EXCEL_API);
    expect(REQUIRED_EXCEL_API).toBe("1.9");
  });

  it("a whole run works on a host with exactly that set: newer ones are detected, not assumed", async () => {
    const rect = { row: 0, column: 0, rowCount: 5, columnCount: 3 };
    const rows = [
      ["Customer", "Revenue", "Match"],
      ["A", 500, 8],
      ["B", 120, 9],
      ["C", 480, 2],
      ["D", 90, 3],
    ];
    const mock = installExcelMock({
      sheets: [{ name: "S", cell: (r, c) => rows[r]?.[c] ?? "", usedRange: rect, region: rect }],
      selection: { row: 1, column: 0, rowCount: 1, columnCount: 1 },
      excelApi: REQUIRED_EXCEL_API,
    });
    try {
      const settings = {
        ...defaultSettings(new Date()),
        mapping: { ...emptyMapping(), customer: 0, value: 1, match: 2 },
      };
      const outcome = await segment(new OfficeWorkbook(), settings);
      expect(outcome.ok).toBe(true);
      // The spec's example: medians 300 and 5.5 → Strategic, Potential, Profit, Ordinary.
      expect([1, 2, 3, 4].map((row) => mock.stored("S", row, 3))).toEqual([
        "Strategic",
        "Potential",
        "Profit",
        "Ordinary",
      ]);
      // 1.20's one-undo-step option is not used on a 1.9 host, and calculation is suspended (1.6).
      expect(mock.log.runOptions.every((options) => options === null)).toBe(true);
      expect(mock.log.suspendCalls).toBeGreaterThan(0);
    } finally {
      delete (globalThis as { Excel?: unknown }).Excel;
      delete (globalThis as { Office?: unknown }).Office;
    }
  });

  it("puts a button that opens the pane on the Home tab, with 16, 32 and 80 px icons", () => {
    const tab = ((host.DesktopFormFactor as Node).ExtensionPoint as Node).OfficeTab as Node;
    expect(tab["@id"]).toBe("TabHome");
    const button = (tab.Group as Node).Control as Node;
    expect(button["@type"]).toBe("Button");
    expect((button.Action as Node)["@type"]).toBe("ShowTaskpane");
    const sizes = list((button.Icon as Node).Image as Node[]).map((i) => Number(i["@size"]));
    expect(sizes).toEqual([16, 32, 80]);
    for (const image of list((button.Icon as Node).Image as Node[])) {
      expect(imagesById.get(String(image["@resid"]))).toMatch(
        new RegExp(`icon-${String(image["@size"])}\\.png$`),
      );
    }
  });

  it("names only files that the build puts in dist/", () => {
    expect(existsSync(dist)).toBe(true);
    const missing = allUrls()
      .map((url) => url.slice(devOrigin.length))
      .filter((file) => !existsSync(path.join(dist, file === "" ? "index.html" : file)));
    expect(missing).toEqual([]);
    expect(existsSync(path.join(dist, "manifest.xml"))).toBe(true);
  });

  it("ships real PNG icons of the sizes it names (and 64 px for high resolution)", () => {
    for (const size of [16, 32, 64, 80]) {
      const png = readFileSync(path.join(root, "assets", `icon-${size}.png`));
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      // IHDR width and height, big-endian, at bytes 16 and 20.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it("loads both the functions and the pane in the runtime page (shared runtime)", () => {
    const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map(
      // the production build minifies the HTML and drops attribute quotes
      (m) => m[1] ?? m[2] ?? m[3],
    );
    expect(scripts.some((s) => /appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js$/.test(s))).toBe(
      true,
    );
    expect(scripts.some((s) => /(^|\/)functions\.js$/.test(s))).toBe(true);
    expect(scripts.some((s) => /(^|\/)taskpane\.js$/.test(s))).toBe(true);
  });
});
