import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
} from "@fluentui/react-components";
import { useEffect, useRef } from "react";

const useStyles = makeStyles({
  cells: { marginBlock: "6px", paddingInlineStart: "18px" },
});

export interface OverwriteDialogProps {
  /**
   * Whether the question is showing. The dialog stays mounted and only closes: unmounting an open
   * Fluent dialog leaves `aria-hidden` on the rest of the page, hiding the whole pane from screen
   * readers after the answer.
   */
  open: boolean;
  /** The first non-empty cells the run would overwrite, as the workflow lists them ("Sheet1!M7"). */
  cells: readonly string[];
  onAnswer: (overwrite: boolean) => void;
}

/**
 * Asks before any non-empty cell is overwritten. Cancel is the primary button and has the focus,
 * and closing the dialog any other way is a "no" too: the run then writes nothing. Overwrite, the
 * destructive answer, is a plain button under a warning (Fluent's guidance: the primary button is
 * the safe, expected action).
 */
export function OverwriteDialog({ open, cells, onAnswer }: OverwriteDialogProps) {
  const styles = useStyles();
  const keep = useRef<HTMLButtonElement>(null);
  // Fluent focuses the dialog's first focusable element in its own effect; this parent effect runs
  // after it and makes sure the safe answer has the focus.
  useEffect(() => {
    if (open) keep.current?.focus();
  }, [open]);
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_event, data) => !data.open && onAnswer(false)}>
      <DialogSurface data-testid="overwrite-dialog">
        <DialogBody>
          <DialogTitle>Overwrite cells that are not empty?</DialogTitle>
          <DialogContent>
            The results would replace what is in these cells:
            <ul className={styles.cells}>
              {cells.map((cell) => (
                <li key={cell}>{cell}</li>
              ))}
            </ul>
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                Overwrite replaces these cells. Nothing is written unless you choose it; to keep them, choose
                Cancel and move or remove the earlier results first.
              </MessageBarBody>
            </MessageBar>
          </DialogContent>
          <DialogActions>
            {/* The safe answer is the primary button and has the focus: Enter keeps the user's cells. */}
            <Button
              appearance="primary"
              onClick={() => onAnswer(false)}
              data-testid="overwrite-no"
              ref={keep}
            >
              Cancel
            </Button>
            <Button onClick={() => onAnswer(true)} data-testid="overwrite-yes">
              Overwrite
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
