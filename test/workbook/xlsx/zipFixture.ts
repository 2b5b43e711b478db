/** Test helper: a zip package holding one part, for the part readers and the patcher. */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import yazl from "yazl";
import { ZipPackage } from "../../../src/workbook/xlsx/zipPackage";

/** A zip holding one part, the sheet under test. */
export async function zipWith(xml: string): Promise<ZipPackage> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(xml), "sheet.xml");
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "cx-patch-")), "p.zip");
  writeFileSync(file, Buffer.concat(chunks));
  return ZipPackage.open(file);
}
