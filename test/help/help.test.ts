/**
 * Help where Excel shows it: every function in the built functions.json has a helpUrl, and its
 * anchor is a function section of help.html (src/help/help.html, copied to dist/). The page itself:
 * one section per function with what it computes, its syntax, each parameter, an example and the
 * errors; and the pane links to it.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";

const ROOT = path.resolve(__dirname, "../..");
const source = readFileSync(path.join(ROOT, "src/help/help.html"), "utf8");
const functionsJson = JSON.parse(readFileSync(path.join(ROOT, "dist/functions.json"), "utf8")) as {
  functions: { id: string; name: string; parameters: { name: string }[]; helpUrl?: string }[];
};

/** The function sections of the page: id → its HTML. */
function sections(html: string): Map<string, string> {
  const found = new Map<string, string>();
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");
  for (const match of withoutComments.matchAll(
    /<section class="function" id="([^"]+)">([\s\S]*?)<\/section>/g,
  ))
    found.set(match[1], match[2]);
  return found;
}

describe("help.html", () => {
  const bySection = sections(source);

  test("every function in functions.json has a helpUrl whose anchor is a section of help.html", () => {
    expect(functionsJson.functions.length).toBeGreaterThanOrEqual(4);
    for (const fn of functionsJson.functions) {
      expect(fn.helpUrl).toMatch(/^https:\/\/[^#]+\/help\.html#cx-[a-z0-9]+$/);
      const anchor = (fn.helpUrl ?? "").split("#")[1];
      expect(anchor).toBe(`cx-${fn.id.toLowerCase()}`);
      expect(bySection.has(anchor)).toBe(true);
    }
  });

  test("each function section says what it computes, its syntax, each parameter, an example and the errors", () => {
    for (const fn of functionsJson.functions) {
      const html = bySection.get(`cx-${fn.id.toLowerCase()}`) ?? "";
      expect(html).toContain(`<h2>CX.${fn.name}</h2>`);
      expect(html).toContain(`=CX.${fn.name}(`);
      for (const heading of ["Syntax", "Example", "Errors"]) expect(html).toContain(`<h3>${heading}</h3>`);
      for (const parameter of fn.parameters) expect(html).toContain(`<td><code>${parameter.name}</code>`);
    }
  });

  test("the build copies it to dist/help.html, where the manifest, the functions and the pane link", () => {
    expect(existsSync(path.join(ROOT, "dist/help.html"))).toBe(true);
    const built = readFileSync(path.join(ROOT, "dist/help.html"), "utf8");
    // A production build minifies the copy (attribute quotes go); the sections must all be there.
    for (const id of bySection.keys()) expect(built).toMatch(new RegExp(`id="?${id}"?[\\s>]`));
    const app = readFileSync(path.join(ROOT, "src/taskpane/App.tsx"), "utf8");
    expect(app).toContain('href="help.html"');
  });
});
