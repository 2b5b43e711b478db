import { delimiterForName, sepLine, sniffDelimiter, TAB } from "../../../src/workbook/csv/csvDialect";

const bytes = (text: string) => Buffer.from(text, "latin1");
const sniff = (text: string) => String.fromCharCode(sniffDelimiter(bytes(text), 0, text.length));

describe("sepLine", () => {
  it.each([
    ["sep=;\r\nA;B", ";", 7],
    ["SEP=|\nA|B", "|", 6],
    ["sep=\t\rA", "\t", 6],
    ["sep=,", ",", 5],
  ])("reads Excel's hint in %j", (text, delimiter, next) => {
    expect(sepLine(bytes(text), 0, text.length)).toEqual({ delimiter: delimiter.charCodeAt(0), next });
  });

  it.each(["sep=;x\r\n", 'sep="\r\n', "sep=\r\n", "Customer,sep=;", "sep;\r\n"])(
    "is not a hint: %j",
    (text) => {
      expect(sepLine(bytes(text), 0, text.length)).toBeNull();
    },
  );
});

describe("the delimiter", () => {
  it("is tab for .tsv and .tab files, and decided by content otherwise", () => {
    expect(delimiterForName("/d/x.TSV")).toBe(TAB);
    expect(delimiterForName("x.tab")).toBe(TAB);
    expect(delimiterForName("x.csv")).toBeNull();
    expect(delimiterForName("x.txt")).toBeNull();
  });

  it.each([
    ["Customer,Revenue\nA,1\n", ","],
    ["Kunde;Umsatz\nMüller, Hans;1,5\nÖz;2,25\n", ";"],
    ['"Kunde, Name";"Umsatz, EUR";Match\nA;1;2\n', ";"],
    ["Customer\tRevenue\tMatch\nSmith, J.\t1\t2\n", "\t"],
    ["id|name|value\n1|a,b|3\n", "|"],
    ["Customer\nA\nB\n", ","],
  ])("is sniffed from several records with quotes respected: %j → %j", (text, delimiter) => {
    expect(sniff(text)).toBe(delimiter);
  });

  it("prefers the candidate whose records agree with the header's field count", () => {
    // The header has one comma and one semicolon; only ";" splits every record like the header.
    expect(sniff("a,b;c\n1;2\n3;4\n5;6\n")).toBe(";");
  });
});
