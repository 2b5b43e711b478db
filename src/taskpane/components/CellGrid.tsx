import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import type { CellValue } from "../../workbook/workbook";
import { formatCell } from "../format";

const useStyles = makeStyles({
  scroller: {
    overflowX: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  // Fluent tables are fixed-layout by default; a preview grid sizes its columns to their cells.
  table: { minWidth: "max-content", tableLayout: "auto" },
  cell: { whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
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

/** A small read-only grid of cells (header row + first rows), scrolling sideways in a narrow pane. */
export function CellGrid({ label, headers, rows, dateColumns, testId }: CellGridProps) {
  const styles = useStyles();
  return (
    // The scroller must be focusable so keyboard users can scroll a table wider than the pane.
    <div className={styles.scroller} tabIndex={0} role="region" aria-label={label} data-testid={testId}>
      <Table size="extra-small" aria-label={label} className={styles.table}>
        <TableHeader>
          <TableRow>
            {headers.map((header, column) => (
              <TableHeaderCell key={column} className={styles.cell}>
                {formatCell(header)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, rowIndex) => (
            <TableRow key={rowIndex}>
              {headers.map((_header, column) => (
                <TableCell key={column} className={styles.cell}>
                  {formatCell(row[column] ?? null, dateColumns?.has(column) ?? false)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
