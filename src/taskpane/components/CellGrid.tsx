import {
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import { isBlank } from "../../core/blank";
import type { CellValue } from "../../workbook/workbook";
import { columnFractionDigits, useFormats } from "../format";

const useStyles = makeStyles({
  scroller: {
    overflowX: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  // Fluent tables are fixed-layout by default; a preview grid sizes its columns to their cells.
  table: { minWidth: "max-content", tableLayout: "auto" },
  cell: { whiteSpace: "nowrap" },
  // Numbers as in Excel: right-aligned, in tabular figures, one number of decimals per column.
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums", justifyContent: "flex-end" },
  // Read by screen readers, not shown: a header cell that is empty in the sheet still names its column.
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
});

export interface CellGridProps {
  /** What a screen reader announces for the table. */
  label: string;
  headers: readonly CellValue[];
  rows: readonly (readonly CellValue[])[];
  /** Columns (0-based) whose numbers are Excel date serials, shown as dates. */
  dateColumns?: ReadonlySet<number>;
  testId?: string;
}

/**
 * A small read-only grid of cells (header row + first rows), scrolling sideways in a narrow pane.
 * A column whose cells are all numbers (or blank) is right-aligned, header included.
 */
export function CellGrid({ label, headers, rows, dateColumns, testId }: CellGridProps) {
  const styles = useStyles();
  const formats = useFormats();
  const columns = headers.map((_header, column) => {
    const cells = rows.map((row) => row[column] ?? null);
    const numeric =
      cells.some((cell) => typeof cell === "number") &&
      cells.every((cell) => cell === null || typeof cell === "number");
    return {
      numeric,
      fractionDigits: columnFractionDigits(cells),
      asDate: dateColumns?.has(column) ?? false,
    };
  });
  const cellClass = (column: number) => mergeClasses(styles.cell, columns[column].numeric && styles.number);
  return (
    // The scroller must be focusable so keyboard users can scroll a table wider than the pane.
    <div className={styles.scroller} tabIndex={0} role="region" aria-label={label} data-testid={testId}>
      <Table size="extra-small" aria-label={label} className={styles.table}>
        <TableHeader>
          <TableRow>
            {headers.map((header, column) => (
              <TableHeaderCell key={column} className={cellClass(column)}>
                {isBlank(header) ? (
                  <span className={styles.hidden}>Column {column + 1} (no header)</span>
                ) : (
                  formats.cell(header)
                )}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, rowIndex) => (
            <TableRow key={rowIndex}>
              {headers.map((_header, column) => (
                <TableCell key={column} className={cellClass(column)}>
                  {formats.cell(row[column] ?? null, columns[column])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
