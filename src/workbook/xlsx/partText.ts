/**
 * A big part's text as a sequence of string chunks (UTF-8 decoded across chunk borders, a leading
 * byte-order mark dropped), so a 500 MB sheet is read in ~64 KB pieces and never held whole.
 * O(part size) time, O(one chunk) memory.
 */
import { StringDecoder } from "node:string_decoder";
import type { ZipPackage } from "./zipPackage";

export async function* partText(zip: ZipPackage, part: string): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let first = true;
  for await (const chunk of await zip.openStream(part)) {
    let text = decoder.write(chunk as Buffer);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}
