import { Field, Radio, RadioGroup } from "@fluentui/react-components";
import type { Method } from "../../workflow/types";

const METHODS: readonly { value: Method; label: string }[] = [
  { value: "quadrant", label: "Value × strategic match (4 quadrants)" },
  { value: "rfm", label: "RFM scores (recency, frequency, monetary)" },
  { value: "abc", label: "Pareto ABC classes (cumulative share of value)" },
];

export interface MethodChoiceProps {
  method: Method;
  onChange: (method: Method) => void;
  disabled: boolean;
}

/** The segmentation method; arrow keys move between the options, as in any radio group. */
export function MethodChoice({ method, onChange, disabled }: MethodChoiceProps) {
  return (
    <Field label="Segment customers by">
      <RadioGroup
        value={method}
        onChange={(_event, data) => onChange(data.value as Method)}
        disabled={disabled}
      >
        {METHODS.map(({ value, label }) => (
          <Radio key={value} value={value} label={label} data-testid={`method-${value}`} />
        ))}
      </RadioGroup>
    </Field>
  );
}
