import { Button, Field, makeStyles, ProgressBar } from "@fluentui/react-components";
import { useSyncExternalStore } from "react";
import { useFormats } from "../format";
import type { ProgressStore } from "../progressStore";

const useStyles = makeStyles({
  row: { display: "flex", gap: "8px", alignItems: "flex-end" },
  grow: { flexGrow: 1, minWidth: 0 },
});

export interface RunProgressProps {
  /** The run's progress: only this component redraws when it moves. */
  progress: ProgressStore;
  cancelling: boolean;
  onCancel: () => void;
}

/**
 * The running segmentation: a progress bar a screen reader announces (Field gives it its label,
 * ProgressBar sets role="progressbar" with aria-valuenow) and the Cancel button beside it.
 */
export function RunProgress({ progress, cancelling, onCancel }: RunProgressProps) {
  const styles = useStyles();
  const { fraction, phase } = useSyncExternalStore(progress.subscribe, progress.get);
  const formats = useFormats();
  const text = cancelling ? "Cancelling…" : `${phase} — ${formats.percent(fraction, 0)}`;
  return (
    <div className={styles.row}>
      <Field label="Segmenting" validationMessage={text} validationState="none" className={styles.grow}>
        <ProgressBar
          value={fraction}
          max={1}
          thickness="large"
          data-testid="run-progress"
          aria-valuetext={text}
        />
      </Field>
      <Button onClick={onCancel} disabled={cancelling} data-testid="cancel-run">
        Cancel
      </Button>
    </div>
  );
}
