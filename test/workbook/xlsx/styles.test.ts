import { StyleSheet } from "../../../src/workbook/xlsx/styles";
import { attribute, findAll, parseXml } from "../../../src/workbook/xlsx/xmlTree";

const STYLES =
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
  '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0"/></cellXfs>' +
  "</styleSheet>";

describe("the style sheet", () => {
  it("tells which cell styles show dates", () => {
    expect([...StyleSheet.parse(STYLES).dateStyles()]).toEqual([0, 1, 0]);
  });

  it("reuses a plain style with the format, else appends a numFmt and an xf, keeping every index", () => {
    const styles = StyleSheet.parse(STYLES);
    expect(styles.styleForFormat("0.00%")).toBe(2);
    expect(styles.changed).toBe(false);
    expect(styles.styleForFormat("0.0%")).toBe(3);
    expect(styles.styleForFormat("0.0%")).toBe(3);
    expect(styles.styleForFormat("0")).toBe(4);
    const tree = parseXml(styles.build());
    expect(
      findAll(tree, "numFmt").map((f) => [attribute(f, "numFmtId"), attribute(f, "formatCode")]),
    ).toEqual([
      ["164", "yyyy-mm-dd"],
      ["165", "0.0%"],
    ]);
    expect(findAll(tree, "xf").map((xf) => attribute(xf, "numFmtId"))).toEqual([
      "0",
      "164",
      "10",
      "165",
      "1",
    ]);
    expect(attribute(findAll(tree, "cellXfs")[0], "count")).toBe("5");
  });
});
