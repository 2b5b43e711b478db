import { fieldCell, isBlankField, typeText, unquote } from "../../../src/workbook/csv/csvCell";
import { FieldCodec, UTF8, WINDOWS_1252 } from "../../../src/workbook/csv/textEncoding";
import iconv from "iconv-lite";

/** The cell of a whole field text, through the byte path (fast numbers and all). */
function cell(field: string) {
  const bytes = Buffer.from(field, "utf8");
  return fieldCell(bytes, 0, bytes.length, new FieldCodec(UTF8, bytes));
}

describe("CSV cells, typed as Excel types them on opening a CSV", () => {
  it.each<[string, unknown]>([
    ["", null],
    ["   ", null],
    ['""', null],
    ["12", 12],
    [" 12 ", 12],
    ['"12"', 12],
    ["-3.5", -3.5],
    ["+.5", 0.5],
    ["5.", 5],
    ["1e6", 1e6],
    ["-2.5E-3", -0.0025],
    ["0.1", 0.1],
    ["123456789012345.67", 123456789012345.67],
    ["9007199254740993", 9007199254740992], // 2^53 + 1 rounds to 2^53, as Number() does
    ["2024-01-31", 45322],
    ["2024-01-31 12:00", 45322.5],
    ["2024-01-31T06:00:00", 45322.25],
    ["2026-02-31", "2026-02-31"],
    ["1,234", "1,234"],
    ["12%", "12%"],
    ["0x10", "0x10"],
    ["-", "-"],
    ["=1+2", "=1+2"],
    [" text with spaces ", " text with spaces "],
    ['"say ""hi"""', 'say "hi"'],
    ['"ab"cd', "abcd"],
  ])("%j → %j", (field, expected) => {
    expect(cell(field)).toEqual(expected);
  });

  it("parses every plain decimal exactly as Number() does (the fast path's rounding)", () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    for (let n = 0; n < 20_000; n++) {
      const digits = 1 + Math.floor(random() * 15);
      let text = "";
      for (let d = 0; d < digits; d++) text += Math.floor(random() * 10);
      const dot = Math.floor(random() * (digits + 1));
      const number =
        (random() < 0.3 ? "-" : "") + text.slice(0, dot) + (dot < digits ? "." : "") + text.slice(dot);
      expect(cell(number)).toBe(Number(number));
    }
  });

  it("decodes text fields in the file's encoding", () => {
    const bytes = iconv.encode("Müller", "windows-1252");
    expect(fieldCell(bytes, 0, bytes.length, new FieldCodec(WINDOWS_1252, bytes))).toBe("Müller");
  });

  it("knows blank fields", () => {
    const bytes = Buffer.from(' , "" ,x');
    const codec = new FieldCodec(UTF8, bytes);
    expect(isBlankField(bytes, 0, 1, codec)).toBe(true);
    expect(isBlankField(bytes, 2, 6, codec)).toBe(false); // ' "" ' is text: the quote is not at the start
    expect(isBlankField(bytes, 3, 5, codec)).toBe(true);
    expect(isBlankField(bytes, 7, 8, codec)).toBe(false);
  });

  it("unquotes and types text", () => {
    expect(unquote('"a,""b"""')).toBe('a,"b"');
    expect(unquote('"open')).toBe("open");
    expect(typeText(" 7 ")).toBe(7);
    expect(typeText("\u00a0")).toBeNull();
  });
});
