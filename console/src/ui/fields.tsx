import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

interface FieldProps {
  label: string;
  hint?: ComponentChildren;
  error?: string;
  required?: boolean;
}

/** Label, control, hint and error wired together, so that a screen reader reads all three. */
export function Wrap({ label, hint, error, required, id, children }: FieldProps & { id: string; children: ComponentChildren }) {
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {hint ? (
        <div class="hint" id={id + "-hint"}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div class="error" id={id + "-error"}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function described(id: string, hint: unknown, error: unknown) {
  return [hint ? id + "-hint" : "", error ? id + "-error" : ""].filter(Boolean).join(" ") || undefined;
}

type InputType = "text" | "email" | "url" | "date" | "datetime-local" | "number" | "search" | "time";

export function TextField(props: FieldProps & { value: string; onValue: (v: string) => void; type?: InputType;
  placeholder?: string; autoComplete?: string; name?: string }) {
  const { label, hint, error, required, value, onValue, type, placeholder, autoComplete, name } = props;
  const id = useId();
  return (
    <Wrap {...{ label, hint, error, required, id }}>
      <input id={id} type={(type ?? "text") as "text"} value={value} required={required} aria-invalid={error ? true : undefined}
        aria-describedby={described(id, hint, error)} onInput={(e) => onValue(e.currentTarget.value)}
        placeholder={placeholder} autoComplete={autoComplete} name={name} />
    </Wrap>
  );
}

export function TextArea(props: FieldProps & { value: string; onValue: (v: string) => void; rows?: number }) {
  const { label, hint, error, required, value, onValue, rows } = props;
  const id = useId();
  return (
    <Wrap {...{ label, hint, error, required, id }}>
      <textarea id={id} value={value} rows={rows ?? 4} required={required} aria-invalid={error ? true : undefined}
        aria-describedby={described(id, hint, error)} onInput={(e) => onValue(e.currentTarget.value)} />
    </Wrap>
  );
}

export function SelectField(props: FieldProps & { value: string; onValue: (v: string) => void; options: { value: string; label: string }[] }) {
  const { label, hint, error, required, value, onValue, options } = props;
  const id = useId();
  return (
    <Wrap {...{ label, hint, error, required, id }}>
      <select id={id} value={value} required={required} aria-invalid={error ? true : undefined}
        aria-describedby={described(id, hint, error)} onChange={(e) => onValue(e.currentTarget.value)}>
        {options.map((o) => (
          <option value={o.value}>{o.label}</option>
        ))}
      </select>
    </Wrap>
  );
}

/** A group of checkboxes with one legend (data categories, ...). */
export function CheckboxGroup(props: { legend: string; values: string[]; onValues: (v: string[]) => void; options: { value: string; label: string }[]; error?: string }) {
  const { legend, values, onValues, options, error } = props;
  const id = useId();
  return (
    <fieldset class={error ? "field invalid" : "field"} aria-describedby={error ? id + "-error" : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label class="inline">
          <input type="checkbox" checked={values.includes(o.value)}
            onChange={(e) => onValues(e.currentTarget.checked ? [...values, o.value] : values.filter((v) => v !== o.value))} />
          {o.label}
        </label>
      ))}
      {error ? <div class="error" id={id + "-error"}>{error}</div> : null}
    </fieldset>
  );
}
