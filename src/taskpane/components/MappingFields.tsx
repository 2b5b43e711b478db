import { Field, makeStyles, Select } from "@fluentui/react-components";
import type { ColumnMapping, Role } from "../../workflow/types";
import { ORDER_LOG_ROLES, ORDER_ROLE_LABELS, ROLE_LABELS, ROLES } from "../roles";

const useStyles = makeStyles({
  // minmax(0, 1fr): a native select is as wide as its longest option unless the grid may shrink it.
  grid: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    columnGap: "8px",
    rowGap: "6px",
  },
  select: { minWidth: 0 },
});

export interface MappingFieldsProps {
  headers: readonly string[];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  disabled: boolean;
  /** The table is an order log: its own columns (order date, amount, quantity) are offered. */
  orders?: boolean;
}

const NOT_MAPPED = "";

/**
 * One drop-down per role listing the table's headers, pre-set to the detected (or saved) mapping.
 * Native selects: they work with the keyboard and screen readers everywhere, Office's webviews too.
 */
export function MappingFields({ headers, mapping, onChange, disabled, orders = false }: MappingFieldsProps) {
  const styles = useStyles();
  const choose = (role: Role, value: string) =>
    onChange({ ...mapping, [role]: value === NOT_MAPPED ? null : Number(value) });
  return (
    <div className={styles.grid}>
      {(orders ? ORDER_LOG_ROLES : ROLES).map((role) => (
        <Field
          key={role}
          label={(orders ? ORDER_ROLE_LABELS[role] : undefined) ?? ROLE_LABELS[role]}
          size="small"
        >
          <Select
            size="small"
            className={styles.select}
            data-testid={`map-${role}`}
            value={mapping[role] === null ? NOT_MAPPED : String(mapping[role])}
            onChange={(_event, data) => choose(role, data.value)}
            disabled={disabled}
          >
            <option value={NOT_MAPPED}>(not used)</option>
            {headers.map((header, column) => (
              <option key={column} value={String(column)}>
                {header}
              </option>
            ))}
          </Select>
        </Field>
      ))}
    </div>
  );
}
