import { Field, makeStyles, Switch } from "@fluentui/react-components";
import type { PaneForm } from "../paneForm";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column" },
});

export interface OutputFieldsProps {
  form: PaneForm;
  onChange: (patch: Partial<PaneForm>) => void;
  disabled: boolean;
}

/** Values or live formulas, and what to do with rows that hold text where a number is needed. */
export function OutputFields({ form, onChange, disabled }: OutputFieldsProps) {
  const styles = useStyles();
  return (
    <div className={styles.stack}>
      <Field
        hint={
          form.output === "formulas"
            ? "Results update with the data, but show #NAME? where the add-in is not installed."
            : "Results are plain values anyone can read, with or without the add-in."
        }
      >
        <Switch
          label="Write live CX formulas instead of values"
          data-testid="output-formulas"
          checked={form.output === "formulas"}
          onChange={(_event, data) => onChange({ output: data.checked ? "formulas" : "values" })}
          disabled={disabled}
        />
      </Field>
      <Field hint="Rows with text in a numeric column are left without a segment instead of stopping the run.">
        <Switch
          label="Skip invalid rows"
          data-testid="skip-invalid"
          checked={form.skipInvalidRows}
          onChange={(_event, data) => onChange({ skipInvalidRows: data.checked })}
          disabled={disabled}
        />
      </Field>
    </div>
  );
}
