import type { Problem } from "../api";

/**
 * An API error as its problem+json says it: the title, the detail, and the field errors that no
 * field on the page shows (a form shows its own beside each field with {@link fieldError}).
 */
export function ProblemNotice({ problem, shownPointers = [] }: { problem: Problem | null; shownPointers?: string[] }) {
  if (!problem) return null;
  const rest = (problem.errors ?? []).filter((e) => !e.pointer || !shownPointers.some((p) => covers(p, e.pointer!)));
  return (
    <div class="problem" role="alert">
      <p>
        <strong>{problem.title}</strong>
        {problem.status ? <span class="muted"> (HTTP {problem.status})</span> : null}
      </p>
      <p>{problem.detail}</p>
      {rest.length > 0 && (
        <ul>
          {rest.map((e) => (
            <li>
              {e.pointer ? <code>{e.pointer}</code> : null} {e.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The problem's message for the field at {@code pointer} (or one inside it), if any. */
export function fieldError(problem: Problem | null, pointer: string): string | undefined {
  const errors = (problem?.errors ?? []).filter((e) => e.pointer && covers(pointer, e.pointer));
  return errors.length ? errors.map((e) => e.detail).join("; ") : undefined;
}

function covers(field: string, pointer: string) {
  return pointer === field || pointer.startsWith(field + "/");
}

/**
 * A refusal (403) that names the field at the start of its detail ("/entry/jurisdiction: …",
 * "/contactPoints/13: …"), as a problem with that field error, so the form shows it beside the field.
 */
export function withDetailPointer(problem: Problem | null): Problem | null {
  const found = problem?.status === 403 && !problem.errors ? /^(\/[^\s:]+): (.+)$/.exec(problem.detail) : null;
  return found ? { ...problem!, errors: [{ pointer: found[1], detail: found[2] }] } : problem;
}
