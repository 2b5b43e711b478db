import { Field, Input, makeStyles } from "@fluentui/react-components";
import type { FormErrors, PaneForm } from "../paneForm";

const useStyles = makeStyles({
  row: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", columnGap: "8px" },
  // Inputs keep a default minimum width; in a two-column grid of a 350 px pane they must shrink.
  input: { minWidth: 0 },
});

export interface AbcFieldsProps {
  form: PaneForm;
  errors: FormErrors;
  onChange: (patch: Partial<PaneForm>) => void;
  disabled: boolean;
}

/**
 * Settings of the Pareto ABC method: customers sorted by value, class A up to the first cumulative
 * share, B up to the second, C the rest (default 80 % / 95 %, i.e. A 80 %, B 15 %, C 5 % of value).
 */
export function AbcFields({ form, errors, onChange, disabled }: AbcFieldsProps) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Field
        label="A up to (% of value)"
        size="small"
        validationMessage={errors.aUpTo}
        validationState={errors.aUpTo ? "error" : "none"}
      >
        <Input
          className={styles.input}
          size="small"
          inputMode="decimal"
          contentAfter="%"
          data-testid="abc-a"
          value={form.aUpToPercent}
          onChange={(_event, data) => onChange({ aUpToPercent: data.value })}
          disabled={disabled}
        />
      </Field>
      <Field
        label="B up to (% of value)"
        size="small"
        validationMessage={errors.bUpTo}
        validationState={errors.bUpTo ? "error" : "none"}
      >
        <Input
          className={styles.input}
          size="small"
          inputMode="decimal"
          contentAfter="%"
          data-testid="abc-b"
          value={form.bUpToPercent}
          onChange={(_event, data) => onChange({ bUpToPercent: data.value })}
          disabled={disabled}
        />
      </Field>
    </div>
  );
}
