/**
 * Text inside spreadsheet XML, both ways. XML itself escapes `&`, `<`, `>` (and quotes in
 * attributes). On top of that, SpreadsheetML's string type (ECMA-376 Part 1, §22.9.2.19 ST_Xstring)
 * writes characters XML cannot hold (control characters) and a carriage return (which XML parsers
 * would turn into a line feed) as `_xHHHH_`, and a literal `_xHHHH_` in the text with its underscore
 * escaped (`_x005F_xHHHH_`), as Excel does. O(length) each.
 *
 * @example escapeText("A & <B>") // => "A &amp; &lt;B&gt;"
 * @example encodeXstring("a\rb") // => "a_x000D_b"
 * @example decodeXstring("a_x000D_b") // => "a\rb"
 */

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Escapes text for element content or a double-quoted attribute. */
export function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => TEXT_ESCAPES[ch]);
}

/**
 * A cell's text in ST_Xstring form: characters XML 1.0 cannot hold or would change (C0 controls
 * other than tab and line feed, U+FFFE/U+FFFF, unpaired surrogates) as `_xHHHH_`, and the
 * underscore of a literal `_xHHHH_` as `_x005F_`. The result still needs {@link escapeText}.
 */
export function encodeXstring(text: string): string {
  return text.replace(
    // Control characters are exactly what this escapes.
    // eslint-disable-next-line no-control-regex
    /_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

/** Undoes {@link encodeXstring} on text read from a string cell (`_x000D_` → CR, `_x005F_` → `_`). */
export function decodeXstring(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The XML of a cell's text in a `<t>` element, keeping leading/trailing spaces and line breaks. */
export function textElement(text: string, prefix = ""): string {
  const encoded = escapeText(encodeXstring(text));
  const preserve = /^[\s]|[\s]$|\n/.test(text) ? ' xml:space="preserve"' : "";
  return `<${prefix}t${preserve}>${encoded}</${prefix}t>`;
}
