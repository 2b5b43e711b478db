import { FileWorkbookBase } from "./fileWorkbookBase";
import type { NewColumn, SheetContent, TableInfo } from "./workbook";

/** A file the runner writes beside the output (`NAME.<suffix>.csv`): the summary, an order log's customers. */
export interface CompanionFile {
  suffix: string;
  write: (path: string) => Promise<void>;
}

/**
 * What the one-table file formats (CSV, Parquet) share: the file holds a single sheet, so a run's
 * new columns are kept until the output is written (the table plus them), and every sheet the run
 * adds (the summary, an order log's customers) becomes a companion file beside the output.
 * The formats differ only in how they write those files and which columns they can hold.
 */
export abstract class SingleSheetFileWorkbook extends FileWorkbookBase {
  /** Sheets the workflow added, written as companion files. */
  readonly addedSheets: SheetContent[] = [];
  /** Columns to append when saving (header + one value per data row). */
  protected readonly newColumns: NewColumn[] = [];

  abstract get sheetName(): string;

  async sheetNames(): Promise<string[]> {
    return [this.sheetName, ...this.addedSheets.map((sheet) => sheet.name)];
  }

  async appendColumns(_table: TableInfo, columns: readonly NewColumn[]): Promise<void> {
    this.checkNewColumns(columns);
    this.newColumns.push(...columns);
  }

  async removeColumns(_table: TableInfo, headers: readonly string[]): Promise<void> {
    for (let i = this.newColumns.length - 1; i >= 0; i--) {
      if (headers.includes(this.newColumns[i].header)) this.newColumns.splice(i, 1);
    }
  }

  async addSheet(content: SheetContent): Promise<void> {
    this.addedSheets.push(content);
  }

  async deleteSheet(name: string): Promise<void> {
    const index = this.addedSheets.findIndex((sheet) => sheet.name === name);
    if (index >= 0) this.addedSheets.splice(index, 1);
  }

  /** Throws when the format cannot hold these columns (Parquet: formulas); by default every column fits. */
  protected checkNewColumns(_columns: readonly NewColumn[]): void {}

  /** The added sheets as companion files, each written by `write` (named by its kind, "summary" by default). */
  protected companionsWrittenBy(
    write: (sheet: SheetContent, file: string) => Promise<void>,
  ): CompanionFile[] {
    return this.addedSheets.map((sheet) => ({
      suffix: sheet.kind ?? "summary",
      write: (file: string) => write(sheet, file),
    }));
  }
}
