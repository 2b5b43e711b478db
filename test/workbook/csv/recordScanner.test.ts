import {
  fieldBounds,
  scanRecords,
  UnclosedQuoteError,
  type RecordIndex,
} from "../../../src/workbook/csv/recordScanner";

const COMMA = 0x2c;

/** Each record as [content, line ending, field count], read back from the index. */
function records(text: string, index: RecordIndex): [string, string, number][] {
  return Array.from({ length: index.count }, (_, r) => [
    text.slice(index.starts[r], index.ends[r]),
    text.slice(index.ends[r], index.starts[r + 1]),
    index.fieldCounts[r],
  ]);
}

function scan(text: string, delimiter = COMMA) {
  const bytes = Buffer.from(text, "latin1");
  return records(text, scanRecords(bytes, 0, bytes.length, delimiter));
}

describe("scanRecords", () => {
  it("ends records at CRLF, LF and a lone CR, and keeps a last line without a line ending", () => {
    expect(scan("a,b\r\nc\nd,e,f\rg")).toEqual([
      ["a,b", "\r\n", 2],
      ["c", "\n", 1],
      ["d,e,f", "\r", 3],
      ["g", "", 1],
    ]);
  });

  it("keeps delimiters, CR, LF and doubled quotes inside a quoted field", () => {
    expect(scan('x,"a,\r\nb ""q""\rc",y\n"\n"')).toEqual([
      ['x,"a,\r\nb ""q""\rc",y', "\n", 3],
      ['"\n"', "", 1],
    ]);
  });

  it("reads a quote inside an unquoted field, and text after a closing quote, as part of the field", () => {
    expect(scan('5" screen,"ab"cd,e\n')).toEqual([['5" screen,"ab"cd,e', "\n", 3]]);
  });

  it("gives an empty line one empty field, and adds no record after a final line ending", () => {
    expect(scan("a\n\n,\n")).toEqual([
      ["a", "\n", 1],
      ["", "\n", 1],
      [",", "\n", 2],
    ]);
    expect(scan("")).toEqual([]);
  });

  it("names the record and field where an unclosed quote opened", () => {
    const bytes = Buffer.from('h1,h2\nok,fine\nx,"never closed\nmore\n');
    let thrown: unknown = null;
    try {
      scanRecords(bytes, 0, bytes.length, COMMA);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnclosedQuoteError);
    expect(thrown).toMatchObject({ record: 2, field: 1, at: 16 });
  });

  it("stops quietly at an unclosed quote when scanning a prefix, and honours maxRecords", () => {
    const bytes = Buffer.from('a,b\nc,"d');
    const index = scanRecords(bytes, 0, bytes.length, COMMA, { prefix: true });
    expect(index.count).toBe(1);
    expect(scanRecords(Buffer.from("1\n2\n3\n"), 0, 6, COMMA, { maxRecords: 2 }).count).toBe(2);
  });

  it("scans UTF-16 code units the same way", () => {
    const text = 'Kunde;"Straße;\r\n5"\r\nÆ;1';
    const units = Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
    expect(records(text, scanRecords(units, 0, units.length, 0x3b))).toEqual([
      ['Kunde;"Straße;\r\n5"', "\r\n", 2],
      ["Æ;1", "", 2],
    ]);
  });

  it("agrees with a plain character-by-character reference on random texts", () => {
    // Reference: the RFC 4180 state machine written the obvious way, over a string.
    const reference = (text: string): [number, number, number][] | "unclosed" => {
      const out: [number, number, number][] = [];
      let i = 0;
      while (i < text.length) {
        const start = i;
        let fields = 1;
        let quoted = false;
        let atFieldStart = true;
        for (;;) {
          if (i >= text.length) {
            if (quoted) return "unclosed";
            break;
          }
          const ch = text[i];
          if (quoted) {
            if (ch === '"' && text[i + 1] === '"') i += 2;
            else {
              if (ch === '"') quoted = false;
              i++;
            }
            continue;
          }
          if (atFieldStart && ch === '"') {
            quoted = true;
            atFieldStart = false;
            i++;
            continue;
          }
          atFieldStart = false;
          if (ch === "\r" || ch === "\n") break;
          if (ch === ",") {
            fields++;
            atFieldStart = true;
          }
          i++;
        }
        const end = i;
        if (text[i] === "\r" && text[i + 1] === "\n") i += 2;
        else if (i < text.length) i++;
        out.push([start, end, fields]);
      }
      return out;
    };
    const alphabet = ['"', ",", "\r", "\n", "a", "b", " "];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      let text = "";
      for (let k = Math.floor(random() * 30); k > 0; k--)
        text += alphabet[Math.floor(random() * alphabet.length)];
      const bytes = Buffer.from(text, "latin1");
      let got: number[][] | "unclosed";
      try {
        const index = scanRecords(bytes, 0, bytes.length, COMMA);
        got = Array.from({ length: index.count }, (_, r) => [
          index.starts[r],
          index.ends[r],
          index.fieldCounts[r],
        ]);
      } catch (error) {
        expect(error).toBeInstanceOf(UnclosedQuoteError);
        got = "unclosed";
      }
      expect({ text, got }).toEqual({ text, got: reference(text) });
    }
  });
});

describe("fieldBounds", () => {
  it("gives each field's raw span, quotes included, up to maxFields", () => {
    const bytes = Buffer.from('x,"a,b",,y');
    const bounds = new Float64Array(8);
    expect(fieldBounds(bytes, 0, bytes.length, COMMA, bounds, 4)).toBe(4);
    expect(Array.from(bounds)).toEqual([0, 1, 2, 7, 8, 8, 9, 10]);
    expect(fieldBounds(bytes, 0, bytes.length, COMMA, bounds, 2)).toBe(2);
  });

  it("counts one empty field in an empty record", () => {
    const bounds = new Float64Array(2);
    expect(fieldBounds(Buffer.alloc(0), 0, 0, COMMA, bounds, 1)).toBe(1);
    expect(Array.from(bounds)).toEqual([0, 0]);
  });
});
