import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { asProblem, type Problem } from "../api";

/** What an openapi-fetch call gives back. */
export interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Loads once per change of {@code deps}; {@code reload} loads again (after an action). */
export function useLoad<T>(load: () => Promise<Answer<T>>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(true);
  const run = useCallback(async () => {
    setLoading(true);
    try {
      const answer = await load();
      if (answer.data !== undefined && answer.response.ok) {
        setData(answer.data);
        setProblem(null);
      } else {
        setData(null);
        setProblem(asProblem(answer.error, answer.response.status));
      }
    } catch {
      setData(null);
      setProblem(asProblem(null, 0));
    } finally {
      setLoading(false);
    }
  }, deps);
  useEffect(() => {
    run();
  }, [run]);
  return { data, problem, loading, reload: run };
}

/**
 * Runs one action (a form's submit): busy while it runs, so a second click does nothing; the
 * problem it answered stays on the form, and what was typed stays too.
 */
export function useAction<T>() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // The state above is seen only after the next render; this holds from the first click on.
  const running = useRef(false);
  const run = async (call: () => Promise<Answer<T>>): Promise<T | null> => {
    if (running.current) return null;
    running.current = true;
    setBusy(true);
    setProblem(null);
    try {
      const answer = await call();
      if (answer.response.ok) return (answer.data ?? null) as T | null;
      setProblem(asProblem(answer.error, answer.response.status));
      return null;
    } catch {
      setProblem(asProblem(null, 0));
      return null;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, problem, run, setProblem };
}
