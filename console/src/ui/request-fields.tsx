import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { described as describedBy, Wrap } from "./fields";

/**
 * Form controls the request pages need beyond ui/fields.tsx: an instant to the second in UTC,
 * and a group of radio buttons each with a sentence beside it (TLP, PAP, instruments). Label,
 * hint and error are wired as in ui/fields.tsx, so a screen reader reads all three.
 */


/**
 * An instant, typed as a date and time to the second and read as UTC (the form says so): the
 * provider's logs are in UTC, and an IP address is found by the second it was used.
 */
export function InstantField(props: { label: string; value: string; onValue: (v: string) => void; hint?: ComponentChildren;
  error?: string; required?: boolean }) {
  const { label, value, onValue, hint, error, required } = props;
  const id = useId();
  return (
    <Wrap {...{ label, hint, error, required, id }}>
      <input id={id} type="datetime-local" step={1} value={value} required={required} aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)} onInput={(e) => onValue(e.currentTarget.value)} />
    </Wrap>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
  /** A sentence beside the choice: what it means (a TLP definition, who is bound since when). */
  description?: ComponentChildren;
}

/** One choice out of a few, each with what it means beside it. */
export function RadioGroup<V extends string>(props: { legend: string; name: string; value: V | ""; onValue: (v: V) => void;
  choices: Choice<V>[]; hint?: ComponentChildren; error?: string; required?: boolean }) {
  const { legend, name, value, onValue, choices, hint, error, required } = props;
  const id = useId();
  return (
    <fieldset class={error ? "field choices invalid" : "field choices"} aria-describedby={describedBy(id, hint, error)}>
      <legend>
        {legend}
        {required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {hint ? <div class="hint" id={id + "-hint"}>{hint}</div> : null}
      {choices.map((c) => (
        <div class="choice">
          <input type="radio" id={id + "-" + c.value} name={name} value={c.value} checked={value === c.value}
            aria-describedby={c.description ? id + "-" + c.value + "-what" : undefined} onChange={() => onValue(c.value)} />
          <label for={id + "-" + c.value}>{c.label}</label>
          {c.description ? <div class="hint" id={id + "-" + c.value + "-what"}>{c.description}</div> : null}
        </div>
      ))}
      {error ? <div class="error" id={id + "-error"}>{error}</div> : null}
    </fieldset>
  );
}

/** One checkbox with its own label (a yes/no question). */
export function CheckboxField(props: { label: string; checked: boolean; onChecked: (v: boolean) => void; hint?: ComponentChildren; error?: string }) {
  const { label, checked, onChecked, hint, error } = props;
  const id = useId();
  return (
    <div class={error ? "field invalid" : "field"}>
      <input type="checkbox" id={id} checked={checked} aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChecked(e.currentTarget.checked)} />
      <label for={id} class="inline">{label}</label>
      {hint ? <div class="hint" id={id + "-hint"}>{hint}</div> : null}
      {error ? <div class="error" id={id + "-error"}>{error}</div> : null}
    </div>
  );
}

/** Says that a form's call is running, next to its button (whose name stays the same, so it can be found). */
export function Busy({ busy, text }: { busy: boolean; text: string }) {
  return <span role="status" class="muted">{busy ? text : ""}</span>;
}
