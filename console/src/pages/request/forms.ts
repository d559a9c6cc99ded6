import { useEffect, useRef } from "preact/hooks";
import type { Problem } from "../../api";
import { useAction } from "../../ui/load";

/**
 * The problem's message for exactly this pointer, not for one inside it: a list (`/identifiers`)
 * or a row (`/identifiers/0`) shows its own errors while each field of it shows its own.
 */
export function exactError(problem: Problem | null, pointer: string): string | undefined {
  const errors = (problem?.errors ?? []).filter((e) => e.pointer === pointer);
  return errors.length ? errors.map((e) => e.detail).join("; ") : undefined;
}

/**
 * Moves the focus to the problem when one arrives, so that a keyboard or screen-reader user who
 * just pressed the button learns what went wrong without hunting for it.
 */
export function useFocusOnProblem(problem: Problem | null) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) ref.current?.focus();
  }, [problem]);
  return ref;
}

/** useAction under the name the request forms use; its guard holds from the first click. */
export function useSubmit<T>() {
  const action = useAction<T>();
  return { ...action, submit: action.run };
}
