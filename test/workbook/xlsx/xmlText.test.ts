import { decodeXstring, encodeXstring, escapeText, textElement } from "../../../src/workbook/xlsx/xmlText";

describe("text in spreadsheet XML", () => {
  it("escapes &, <, > and quotes", () => {
    expect(escapeText(`A & <B> "c"`)).toBe("A &amp; &lt;B&gt; &quot;c&quot;");
  });

  it("writes CR and control characters as _xHHHH_, and escapes a literal _xHHHH_ (as Excel does)", () => {
    expect(encodeXstring("a\rb\u0001")).toBe("a_x000D_b_x0001_");
    expect(encodeXstring("_x0041_")).toBe("_x005F_x0041_");
    expect(encodeXstring("tab\tline\n")).toBe("tab\tline\n");
  });

  it("decodes what it encodes, for text with every kind of character", () => {
    for (const text of ["a\rb", "_x0041_", "x_x005F_y", "😀 é 中", "\u0002\u001f", "_x00", "plain"]) {
      expect(decodeXstring(encodeXstring(text))).toBe(text);
    }
  });

  it("keeps leading and trailing spaces and line breaks with xml:space", () => {
    expect(textElement(" a")).toBe('<t xml:space="preserve"> a</t>');
    expect(textElement("a\nb", "x:")).toBe('<x:t xml:space="preserve">a\nb</x:t>');
    expect(textElement("ab")).toBe("<t>ab</t>");
  });
});
