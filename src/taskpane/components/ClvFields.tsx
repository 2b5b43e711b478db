import { Dropdown, Field, Input, Option, makeStyles } from "@fluentui/react-components";
import { PERIOD_NAMES, type PeriodName, periodPlural } from "../../core/purchasePeriod";
import type { FormErrors, PaneForm } from "../paneForm";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: "6px" },
  row: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", columnGap: "8px" },
  // Inputs keep a default minimum width; in a two-column grid of a 350 px pane they must shrink.
  input: { minWidth: 0 },
});

export interface ClvFieldsProps {
  form: PaneForm;
  errors: FormErrors;
  onChange: (patch: Partial<PaneForm>) => void;
  disabled: boolean;
}

/** "Weeks" for week: the period choice as the dropdown shows it. */
function periodLabel(period: PeriodName): string {
  const plural = periodPlural(period);
  return plural[0].toUpperCase() + plural.slice(1);
}

/**
 * Settings of the lifetime-value method: the as-of date (the end of the purchase histories), the
 * period unit the model counts in, the horizon in periods (empty = one year), the margin and the
 * annual discount rate in percent. The penalty of the fits is a runner option only (`--penalty`).
 */
export function ClvFields({ form, errors, onChange, disabled }: ClvFieldsProps) {
  const styles = useStyles();
  return (
    <div className={styles.stack}>
      <Field
        label="As of (end of the purchase histories)"
        size="small"
        validationMessage={errors.clvAsOf}
        validationState={errors.clvAsOf ? "error" : "none"}
      >
        <Input
          size="small"
          type="date"
          data-testid="clv-as-of"
          value={form.clvAsOf}
          onChange={(_event, data) => onChange({ clvAsOf: data.value })}
          disabled={disabled}
        />
      </Field>
      <div className={styles.row}>
        <Field label="Period" size="small">
          <Dropdown
            className={styles.input}
            size="small"
            data-testid="clv-period"
            value={periodLabel(form.period)}
            selectedOptions={[form.period]}
            onOptionSelect={(_event, data) => onChange({ period: data.optionValue as PeriodName })}
            disabled={disabled}
          >
            {PERIOD_NAMES.map((period) => (
              <Option key={period} value={period}>
                {periodLabel(period)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field
          label={`Horizon (${periodPlural(form.period)})`}
          size="small"
          hint={errors.horizon ? undefined : "Empty = one year"}
          validationMessage={errors.horizon}
          validationState={errors.horizon ? "error" : "none"}
        >
          <Input
            className={styles.input}
            size="small"
            inputMode="numeric"
            data-testid="clv-horizon"
            value={form.horizon}
            onChange={(_event, data) => onChange({ horizon: data.value })}
            disabled={disabled}
          />
        </Field>
      </div>
      <div className={styles.row}>
        <Field
          label="Margin (% of spend)"
          size="small"
          validationMessage={errors.margin}
          validationState={errors.margin ? "error" : "none"}
        >
          <Input
            className={styles.input}
            size="small"
            inputMode="decimal"
            contentAfter="%"
            data-testid="clv-margin"
            value={form.marginPercent}
            onChange={(_event, data) => onChange({ marginPercent: data.value })}
            disabled={disabled}
          />
        </Field>
        <Field
          label="Discount (% a year)"
          size="small"
          validationMessage={errors.discount}
          validationState={errors.discount ? "error" : "none"}
        >
          <Input
            className={styles.input}
            size="small"
            inputMode="decimal"
            contentAfter="%"
            data-testid="clv-discount"
            value={form.discountPercent}
            onChange={(_event, data) => onChange({ discountPercent: data.value })}
            disabled={disabled}
          />
        </Field>
      </div>
    </div>
  );
}
