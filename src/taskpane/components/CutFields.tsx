import { Field, Input, makeStyles, Select } from "@fluentui/react-components";
import type { CutField, CutKind } from "../paneForm";

const useStyles = makeStyles({
  row: { display: "flex", gap: "6px", alignItems: "flex-start" },
  grow: { flexGrow: 1, minWidth: 0 },
});

export interface CutFieldsProps {
  /** "value" or "match": names the fields and their test ids. */
  name: string;
  label: string;
  cut: CutField;
  error: string | undefined;
  onChange: (cut: CutField) => void;
  disabled: boolean;
}

/** How one quadrant cut is chosen: the median or mean of the column, or a typed number. */
export function CutFields({ name, label, cut, error, onChange, disabled }: CutFieldsProps) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Field label={label} size="small" className={styles.grow}>
        <Select
          size="small"
          data-testid={`${name}-cut-kind`}
          value={cut.kind}
          onChange={(_event, data) => onChange({ ...cut, kind: data.value as CutKind })}
          disabled={disabled}
        >
          <option value="median">Median (as Excel's MEDIAN)</option>
          <option value="mean">Mean</option>
          <option value="number">Typed number</option>
        </Select>
      </Field>
      {cut.kind === "number" && (
        <Field
          label={`${label}: number`}
          size="small"
          className={styles.grow}
          validationMessage={error}
          validationState={error ? "error" : "none"}
        >
          <Input
            size="small"
            inputMode="decimal"
            data-testid={`${name}-cut-number`}
            value={cut.text}
            onChange={(_event, data) => onChange({ ...cut, text: data.value })}
            disabled={disabled}
          />
        </Field>
      )}
    </div>
  );
}
