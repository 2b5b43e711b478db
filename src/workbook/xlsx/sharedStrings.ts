/**
 * The shared string table (`xl/sharedStrings.xml`, ECMA-376 Part 1 §18.4.9): every `<si>` item's
 * plain text, in order, streamed with `saxes`. Rich text runs (`<r><t>`) are joined; phonetic
 * guides (`<rPh>`, Japanese reading aids) are not part of the cell's value and are left out, as
 * Excel's `Range.values` leaves them out. `_xHHHH_` escapes are decoded. O(part size) time,
 * O(strings) memory.
 *
 * @example
 * // <sst><si><t>A</t></si><si><r><t>B</t></r><r><t>C</t></r></si></sst>
 * await readSharedStrings(zip, "xl/sharedStrings.xml"); // => ["A", "BC"]
 */
import { SaxesParser } from "saxes";
import { partText } from "./partText";
import { decodeXstring } from "./xmlText";
import { localName } from "./xmlTree";
import type { ZipPackage } from "./zipPackage";

export async function readSharedStrings(zip: ZipPackage, part: string): Promise<string[]> {
  const strings: string[] = [];
  const parser = new SaxesParser({ position: false });
  let inItem = false;
  let inText = false;
  let phoneticDepth = 0;
  let text = "";
  parser.on("opentag", (node) => {
    const name = localName(node.name);
    if (name === "si") {
      inItem = true;
      text = "";
    } else if (name === "rPh") phoneticDepth++;
    else if (name === "t" && inItem && phoneticDepth === 0) inText = !node.isSelfClosing;
  });
  parser.on("closetag", (node) => {
    const name = localName(node.name);
    if (name === "si") {
      strings.push(decodeXstring(text));
      inItem = false;
    } else if (name === "rPh") phoneticDepth--;
    else if (name === "t") inText = false;
  });
  parser.on("text", (chunk) => {
    if (inText) text += chunk;
  });
  parser.on("cdata", (chunk) => {
    if (inText) text += chunk;
  });
  let failure: Error | null = null;
  parser.on("error", (error) => (failure ??= error));
  for await (const chunk of partText(zip, part)) {
    parser.write(chunk);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
  return strings;
}
