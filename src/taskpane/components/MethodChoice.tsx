import { Field, Radio, RadioGroup } from "@fluentui/react-components";
import { METHOD_IDS, METHODS } from "../../workflow/methods/registry";
import type { Method } from "../../workflow/types";

export interface MethodChoiceProps {
  method: Method;
  onChange: (method: Method) => void;
  disabled: boolean;
}

/**
 * The segmentation method, one option per entry of the method registry, labelled with its title;
 * arrow keys move between the options, as in any radio group.
 */
export function MethodChoice({ method, onChange, disabled }: MethodChoiceProps) {
  return (
    <Field label="Segment customers by">
      <RadioGroup
        value={method}
        onChange={(_event, data) => onChange(data.value as Method)}
        disabled={disabled}
      >
        {METHOD_IDS.map((id) => (
          <Radio key={id} value={id} label={METHODS[id].title} data-testid={`method-${id}`} />
        ))}
      </RadioGroup>
    </Field>
  );
}
