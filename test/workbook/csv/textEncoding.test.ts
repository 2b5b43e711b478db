import iconv from "iconv-lite";
import {
  detectEncoding,
  FieldCodec,
  firstInvalidUtf8,
  looksLikeUtf16,
  resolveEncoding,
  UTF16LE,
  UTF8,
  WINDOWS_1252,
  type TextEncoding,
} from "../../../src/workbook/csv/textEncoding";

const detect = (bytes: Buffer, explicit?: TextEncoding) => detectEncoding(bytes, "f.csv", explicit);

describe("detecting a file's encoding", () => {
  it("takes the byte-order mark first", () => {
    expect(detect(Buffer.from("\uFEFFa,b", "utf8"))).toMatchObject({
      encoding: UTF8,
      bomBytes: 3,
      note: null,
    });
    expect(detect(Buffer.from("\uFEFFa,b", "utf16le"))).toMatchObject({ encoding: UTF16LE, bomBytes: 2 });
    expect(detect(Buffer.from("\uFEFFa,b", "utf16le").swap16()).encoding.name).toBe("UTF-16BE");
  });

  it("takes valid UTF-8 as UTF-8, silently", () => {
    expect(detect(Buffer.from("Kunde\nMüller €", "utf8"))).toEqual({
      encoding: UTF8,
      bomBytes: 0,
      note: null,
    });
  });

  it("reads anything else as Windows-1252, with a note naming the first line UTF-8 cannot read", () => {
    const detected = detect(iconv.encode("Kunde\nStraße\nMüller", "windows-1252"));
    expect(detected.encoding).toBe(WINDOWS_1252);
    expect(detected.note).toMatch(
      /^f\.csv is not UTF-8 \(line 2 has bytes UTF-8 cannot read\), so it was read as Windows-1252/,
    );
  });

  it("suggests chardet's guess when the text looks like another code page", () => {
    const russian = "Клиент;Выручка;Совпадение\nИванов Иван Петрович;500;8\nСмирнова Ольга;120;9\n".repeat(
      20,
    );
    const detected = detect(iconv.encode(russian, "windows-1251"));
    expect(detected.encoding).toBe(WINDOWS_1252);
    expect(detected.note).toMatch(
      /looks like windows-1251: if names look wrong, run again with --encoding windows-1251/,
    );
  });

  it("recognises UTF-16 without a mark, and does not take a short binary file for it", () => {
    const detected = detect(Buffer.from("Customer\tRevenue\r\nA\t1\r\n", "utf16le"));
    expect(detected.encoding.name).toBe("UTF-16LE");
    expect(detected.note).toMatch(/no byte-order mark but is UTF-16LE/);
    expect(looksLikeUtf16(Buffer.from([0, 1, 2, 3, 0, 255]))).toBe(false);
    expect(looksLikeUtf16(Buffer.from("\uFEFFx", "utf16le"))).toBe(true);
  });

  it("follows --encoding, and refuses one that contradicts the mark or the bytes", () => {
    const latin = iconv.encode("Grüße", "latin1");
    expect(detect(latin, resolveEncoding("latin1") as TextEncoding)).toMatchObject({
      bomBytes: 0,
      note: null,
    });
    expect(() => detect(latin, UTF8)).toThrow(
      /f\.csv is not valid UTF-8 \(line 1\), although --encoding says so/,
    );
    expect(() => detect(Buffer.from("\uFEFFa", "utf8"), WINDOWS_1252)).toThrow(
      /starts with a UTF-8 byte-order mark, but --encoding says Windows-1252/,
    );
    expect(() => detect(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]))).toThrow(/UTF-32 text/);
    expect(() => detect(Buffer.from([0xff, 0xfe, 0x41, 0, 0x42]))).toThrow(/odd number of bytes/);
    expect(() => detect(Buffer.from("Customer,Revenue\r\n"), UTF16LE)).toThrow(
      /f\.csv is not UTF-16LE text \(it has none of the zero bytes/,
    );
  });

  it("finds the first byte that is not UTF-8", () => {
    expect(firstInvalidUtf8(Buffer.from("abc"), 0)).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3, 0xa9, 0xe9, 0x61]), 0)).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]), 0)).toBe(0); // a surrogate in UTF-8
    expect(firstInvalidUtf8(Buffer.from([0xf0, 0x9f, 0x98]), 0)).toBe(0); // cut short
  });
});

describe("resolveEncoding (--encoding NAME)", () => {
  it.each([
    "utf-8",
    "UTF8",
    "windows-1252",
    "cp1252",
    "latin1",
    "iso-8859-15",
    "koi8-r",
    "shift_jis",
    "gb18030",
  ])("accepts %s", (name) => expect(typeof resolveEncoding(name)).toBe("object"));

  it("knows UTF-16 and the double-byte code pages", () => {
    expect(resolveEncoding("utf-16be")).toMatchObject({ unitBytes: 2, bigEndian: true });
    expect(resolveEncoding("shift_jis")).toMatchObject({ unitBytes: 1, doubleByte: true });
  });

  it.each([
    ["klingon", /not an encoding name/],
    ["utf-7", /cannot be read safely/],
    ["utf-32le", /cannot be read safely/],
    ["base64", /cannot be read safely/],
  ])("refuses %s", (name, message) => {
    expect(resolveEncoding(name)).toMatch(message);
  });
});

describe("FieldCodec", () => {
  it("encodes what the encoding holds and refuses the rest instead of writing '?'", () => {
    const cp1252 = new FieldCodec(WINDOWS_1252, Buffer.alloc(0));
    expect(cp1252.encode("€ Müller")).toEqual(Buffer.from([0x80, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]));
    expect(cp1252.encode("≥ Gold")).toBeNull();
    expect(cp1252.encode("what?")).toEqual(Buffer.from("what?"));
    expect(new FieldCodec(UTF8, Buffer.alloc(0)).encode("\ud800")).toBeNull();
    expect(new FieldCodec(UTF16LE, Buffer.alloc(0)).encode("≥")).toEqual(Buffer.from([0x65, 0x22]));
  });

  it("decodes a field's units", () => {
    const bytes = Buffer.from("Straße", "utf16le");
    expect(new FieldCodec(UTF16LE, bytes).decode(1, 6)).toBe("traße");
  });
});
