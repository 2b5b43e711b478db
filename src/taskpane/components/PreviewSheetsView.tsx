import { Caption1, makeStyles } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { PreviewSheets, SheetSnapshot } from "../connection";
import { CellGrid } from "./CellGrid";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: "8px" },
});

/** Rows of each in-memory sheet shown (header row included). */
const ROWS_SHOWN = 6;

export interface PreviewSheetsViewProps {
  sheets: PreviewSheets;
  /** Changes after every run or removal, so the grids are read again. */
  version: number;
}

/**
 * Browser preview only: the first rows of every sheet of the in-memory sample workbook, so a user
 * without Excel sees the columns and the summary sheet a run writes.
 */
export function PreviewSheetsView({ sheets, version }: PreviewSheetsViewProps) {
  const styles = useStyles();
  const [snapshots, setSnapshots] = useState<SheetSnapshot[]>([]);
  useEffect(() => {
    let live = true;
    void sheets.firstRows(ROWS_SHOWN).then((read) => live && setSnapshots(read));
    return () => {
      live = false;
    };
  }, [sheets, version]);
  return (
    <div className={styles.stack}>
      {snapshots.map(({ sheet, note, rows }) => (
        <div key={sheet} data-testid={`sheet-${sheet}`}>
          <Caption1>
            Sheet “{sheet}”{note && `: ${note}`}
          </Caption1>
          <CellGrid label={`First rows of sheet ${sheet}`} headers={rows[0] ?? []} rows={rows.slice(1)} />
        </div>
      ))}
    </div>
  );
}
