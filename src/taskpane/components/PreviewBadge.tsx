import { Badge, Tooltip } from "@fluentui/react-components";

/**
 * Says plainly that the pane runs on a bundled sample, not on an Excel workbook: shown when
 * office.js could not load or the page is not inside Excel.
 */
export function PreviewBadge() {
  return (
    <Tooltip
      content="Office.js is not available, so the pane works on a built-in sample table held in memory. Open the add-in in Excel to segment your own data."
      relationship="description"
    >
      <Badge appearance="tint" color="warning" data-testid="preview-badge" tabIndex={0}>
        Preview — not connected to Excel
      </Badge>
    </Tooltip>
  );
}
