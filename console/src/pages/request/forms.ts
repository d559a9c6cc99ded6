import { useEffect, useRef } from "preact/hooks";
import type { Problem } from "../../api";
import { useAction, type Answer } from "../../ui/load";

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

/**
 * useAction, with a guard that holds from the first click: useAction's busy flag is state and is
 * seen only after the next render, so two clicks in the same moment would both pass it.
 */
export function useSubmit<T>() {
  const action = useAction<T>();
  const running = useRef(false);
  const submit = async (call: () => Promise<Answer<T>>): Promise<T | null> => {
    if (running.current) return null;
    running.current = true;
    try {
      return await action.run(call);
    } finally {
      running.current = false;
    }
  };
  return { ...action, submit };
}
