import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { useEffect, useRef } from "react";

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
 * Asks before any non-empty cell is overwritten. Cancel has the focus, and closing the dialog any
 * other way is a "no" too: the run then writes nothing.
 */
export function OverwriteDialog({ open, cells, onAnswer }: OverwriteDialogProps) {
  const keep = useRef<HTMLButtonElement>(null);
  // Fluent focuses the dialog's first button (Overwrite) in its own effect; this parent effect runs
  // after it and moves the focus to the safe answer.
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
            <ul>
              {cells.map((cell) => (
                <li key={cell}>{cell}</li>
              ))}
            </ul>
            Nothing is written unless you choose Overwrite. To keep them, choose Cancel and move or remove the
            earlier results first.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => onAnswer(true)} data-testid="overwrite-yes">
              Overwrite
            </Button>
            {/* The safe answer has the focus: Enter on an open dialog keeps the user's cells. */}
            <Button onClick={() => onAnswer(false)} data-testid="overwrite-no" ref={keep}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
