import { Field, Input, makeStyles } from "@fluentui/react-components";
import type { FormErrors, PaneForm, RfmDimension } from "../paneForm";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: "6px" },
});

const DIMENSIONS: readonly { dimension: RfmDimension; label: string; placeholder: string }[] = [
  {
    dimension: "recency",
    label: "Recency cut points (days)",
    placeholder: "Quintiles, or e.g. 30, 90, 180, 365",
  },
  {
    dimension: "frequency",
    label: "Frequency cut points (orders)",
    placeholder: "Quintiles, or e.g. 1, 2, 4, 8",
  },
  {
    dimension: "monetary",
    label: "Monetary cut points (value)",
    placeholder: "Quintiles, or e.g. 100, 500, 1000, 5000",
  },
];

export interface RfmFieldsProps {
  form: PaneForm;
  errors: FormErrors;
  onChange: (patch: Partial<PaneForm>) => void;
  disabled: boolean;
}

/**
 * Settings of the RFM method: the as-of date recency is counted to, and optional typed cut points
 * (four numbers splitting scores 1|2|3|4|5). Left empty, the workflow uses quintiles of the data and
 * the summary shows the cut points it used.
 */
export function RfmFields({ form, errors, onChange, disabled }: RfmFieldsProps) {
  const styles = useStyles();
  return (
    <div className={styles.stack}>
      <Field
        label="As of (recency counted in days up to this date)"
        size="small"
        validationMessage={errors.asOf}
        validationState={errors.asOf ? "error" : "none"}
      >
        <Input
          size="small"
          type="date"
          data-testid="rfm-as-of"
          value={form.asOf}
          onChange={(_event, data) => onChange({ asOf: data.value })}
          disabled={disabled}
        />
      </Field>
      {DIMENSIONS.map(({ dimension, label, placeholder }) => (
        <Field
          key={dimension}
          label={label}
          size="small"
          hint={errors[dimension] ? undefined : "Four numbers, lowest first; empty = quintiles"}
          validationMessage={errors[dimension]}
          validationState={errors[dimension] ? "error" : "none"}
        >
          <Input
            size="small"
            data-testid={`rfm-cuts-${dimension}`}
            placeholder={placeholder}
            value={form.rfmCuts[dimension]}
            onChange={(_event, data) => onChange({ rfmCuts: { ...form.rfmCuts, [dimension]: data.value } })}
            disabled={disabled}
          />
        </Field>
      ))}
    </div>
  );
}
