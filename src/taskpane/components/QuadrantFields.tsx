import { Field, Input, makeStyles } from "@fluentui/react-components";
import type { FormErrors, PaneForm } from "../paneForm";
import { CutFields } from "./CutFields";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: "6px" },
  labels: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    columnGap: "8px",
    rowGap: "6px",
  },
  // Inputs keep a default minimum width; in a two-column grid of a 350 px pane they must shrink.
  input: { minWidth: 0 },
});

/** What each label names, in the contract's order: Strategic, Profit, Potential, Ordinary. */
const QUADRANTS = [
  "High value, high match",
  "High value, low match",
  "Low value, high match",
  "Low value, low match",
] as const;

export interface QuadrantFieldsProps {
  form: PaneForm;
  errors: FormErrors;
  onChange: (patch: Partial<PaneForm>) => void;
  disabled: boolean;
}

/** Settings of the value × match method: the two cuts and the four segment names. */
export function QuadrantFields({ form, errors, onChange, disabled }: QuadrantFieldsProps) {
  const styles = useStyles();
  const setLabel = (index: number, text: string) => {
    const labels: PaneForm["labels"] = [...form.labels];
    labels[index] = text;
    onChange({ labels });
  };
  return (
    <div className={styles.stack}>
      <CutFields
        name="value"
        label="Value cut"
        cut={form.valueCut}
        error={errors.valueCut}
        onChange={(valueCut) => onChange({ valueCut })}
        disabled={disabled}
      />
      <CutFields
        name="match"
        label="Match cut"
        cut={form.matchCut}
        error={errors.matchCut}
        onChange={(matchCut) => onChange({ matchCut })}
        disabled={disabled}
      />
      <div className={styles.labels}>
        {QUADRANTS.map((quadrant, index) => (
          <Field key={quadrant} label={quadrant} size="small">
            <Input
              className={styles.input}
              size="small"
              data-testid={`label-${index}`}
              value={form.labels[index]}
              onChange={(_event, data) => setLabel(index, data.value)}
              disabled={disabled}
            />
          </Field>
        ))}
      </div>
    </div>
  );
}
