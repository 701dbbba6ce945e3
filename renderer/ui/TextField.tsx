// A form's text field: its label over the input, the input marked invalid while the form refuses
// it, and described by its hint (by id: a form may line its fields' hints up in a row of their
// own). The form keeps the value; this only draws the field and hands back what is typed.
import type { Ref } from 'react';

export interface TextFieldProps {
  readonly label: string;
  /** The input's accessible name, when the label says more than the name ("Name (optional)"); else the label. */
  readonly name?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly inputRef?: Ref<HTMLInputElement>;
  /** The form refused what it holds (aria-invalid; styled by .field input[aria-invalid]). */
  readonly invalid?: boolean;
  /** The id of the hint that describes it. */
  readonly hintId?: string;
  /** A number is typed here: the on-screen keyboard shows digits. */
  readonly numeric?: boolean;
  readonly autoFocus?: boolean;
}

export function TextField({ label, name, value, onChange, inputRef, invalid = false, hintId, numeric = false, autoFocus }: TextFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        ref={inputRef}
        aria-label={name ?? label}
        aria-describedby={hintId}
        aria-invalid={invalid || undefined}
        inputMode={numeric ? 'numeric' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoFocus={autoFocus}
      />
    </label>
  );
}
