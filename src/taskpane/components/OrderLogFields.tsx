import { Field, Input, makeStyles, Select, Switch } from "@fluentui/react-components";
import { PERIOD_NAMES } from "../../core/purchasePeriod";
import type { PeriodName } from "../../workflow/types";
import type { FormErrors, PaneForm } from "../paneForm";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: "6px" },
  pair: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", columnGap: "8px" },
});

const PERIOD_LABELS: Record<PeriodName, string> = {
  day: "Days",
  week: "Weeks (7 days)",
  month: "Months (365.25 / 12 days)",
  quarter: "Quarters",
  year: "Years (365.25 days)",
};

export interface OrderLogFieldsProps {
  form: PaneForm;
  errors: FormErrors;
  onChange: (patch: Partial<PaneForm>) => void;
  disabled: boolean;
}

/**
 * Settings of an order log (one row per order): the as-of date (orders after it are not counted),
 * the unit of recency and age, whether negative amounts are returns, and the retention block's
 * margin and discount rate. The as-of date is the run's one date: RFM counts recency to it too.
 */
export function OrderLogFields({ form, errors, onChange, disabled }: OrderLogFieldsProps) {
  const styles = useStyles();
  return (
    <div className={styles.stack}>
      <Field
        label="As of (orders after this date are not counted)"
        size="small"
        validationMessage={errors.asOf}
        validationState={errors.asOf ? "error" : "none"}
      >
        <Input
          size="small"
          type="date"
          data-testid="orders-as-of"
          value={form.asOf}
          onChange={(_event, data) => onChange({ asOf: data.value })}
          disabled={disabled}
        />
      </Field>
      <Field label="Recency and age in" size="small">
        <Select
          size="small"
          data-testid="orders-period"
          value={form.period}
          onChange={(_event, data) => onChange({ period: data.value as PeriodName })}
          disabled={disabled}
        >
          {PERIOD_NAMES.map((period) => (
            <option key={period} value={period}>
              {PERIOD_LABELS[period]}
            </option>
          ))}
        </Select>
      </Field>
      <Field hint="A negative amount lowers its customer's total value instead of stopping the run.">
        <Switch
          label="Negative amounts are returns"
          data-testid="orders-returns"
          checked={form.allowReturns}
          onChange={(_event, data) => onChange({ allowReturns: data.checked })}
          disabled={disabled}
        />
      </Field>
      <div className={styles.pair}>
        <Field
          label="Margin (% of value)"
          size="small"
          validationMessage={errors.margin}
          validationState={errors.margin ? "error" : "none"}
        >
          <Input
            size="small"
            inputMode="decimal"
            data-testid="orders-margin"
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
            size="small"
            inputMode="decimal"
            data-testid="orders-discount"
            value={form.discountPercent}
            onChange={(_event, data) => onChange({ discountPercent: data.value })}
            disabled={disabled}
          />
        </Field>
      </div>
    </div>
  );
}
