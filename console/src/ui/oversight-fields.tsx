import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import type { Problem } from "../api";

/** The member of `document` at a JSON Pointer (RFC 6901), or undefined when there is none. */
export function atPointer(document: unknown, pointer: string): unknown {
  if (pointer === "") return document;
  let here: unknown = document;
  for (const raw of pointer.split("/").slice(1)) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (here === null || typeof here !== "object") return undefined;
    here = (here as Record<string, unknown>)[token];
  }
  return here;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? text.slice(0, 77) + "…" : text;
}

/**
 * A JSON document typed or loaded into a text area, with the API's errors listed beside it by
 * pointer, each with what the document holds there, so that "/europeanUnion/10" needs no counting.
 */
export function JsonField(props: { label: string; hint?: ComponentChildren; value: string; onValue: (v: string) => void;
  problem: Problem | null; localError?: string; rows?: number }) {
  const { label, hint, value, onValue, problem, localError, rows } = props;
  const id = useId();
  const errors = (problem?.errors ?? []).filter((e) => e.pointer !== undefined);
  let document: unknown;
  try { document = JSON.parse(value); } catch { document = undefined; }
  const invalid = !!localError || errors.length > 0;
  const describedBy = [hint ? id + "-hint" : "", invalid ? id + "-error" : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={invalid ? "field invalid json-input" : "field json-input"}>
      <label for={id}>{label}<span aria-hidden="true"> *</span></label>
      <textarea id={id} value={value} rows={rows ?? 18} required spellcheck={false} aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy} onInput={(e) => onValue(e.currentTarget.value)} />
      {hint ? <div class="hint" id={id + "-hint"}>{hint}</div> : null}
      {invalid ? (
        <div class="error" id={id + "-error"}>
          {localError ? <p>{localError}</p> : null}
          {errors.length > 0 && (
            <ul>
              {errors.map((e) => {
                const found = document === undefined || e.pointer === "" ? undefined : atPointer(document, e.pointer!);
                return (
                  <li>
                    <code>{e.pointer === "" ? "(the whole document)" : e.pointer}</code>: {e.detail}
                    {found !== undefined ? <span class="muted"> (there: <code>{shortJson(found)}</code>)</span> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
