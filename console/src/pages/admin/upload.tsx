import { useEffect, useId, useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { useAction, useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { OversightProblem } from "../../ui/oversight-problem";
import { JsonField } from "../../ui/oversight-fields";
import { sawVersion } from "./versions";
import "../../ui/oversight.css";

type Stored = Schemas["StoredPolicy"];

/**
 * Stores a whole new policy document as the current version. The text goes to the API exactly as
 * typed (not re-serialised), so that what the API refuses, a duplicate member say, is what was typed.
 */
export function PolicyUpload() {
  const current = useLoad(() => api.GET("/policy", {}), []);
  const [text, setText] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | undefined>();
  const [stored, setStored] = useState<Stored | null>(null);
  const action = useAction<Stored>();
  const fileId = useId();
  useEffect(() => {
    // Start from the current document: a new version is most often a small change to it.
    if (current.data && text === null) setText(JSON.stringify(current.data.document, null, 2));
  }, [current.data]);

  const submit = async () => {
    setStored(null);
    const typed = text ?? "";
    let document: Schemas["ReleasePolicyDocument"];
    try {
      document = JSON.parse(typed);
    } catch (e) {
      setLocalError("This is not JSON: " + (e instanceof Error ? e.message : String(e)));
      return;
    }
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
      setLocalError("A policy document is a JSON object.");
      return;
    }
    setLocalError(undefined);
    const saved = await action.run(() => api.PUT("/policy", { body: document, bodySerializer: () => typed }));
    if (saved) {
      sawVersion(saved.version);
      setStored(saved);
    }
  };

  const load = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setLocalError(undefined);
    action.setProblem(null);
  };

  return (
    <Page title="Upload a new policy version">
      <p><a href="#/policy">Back to the current version</a></p>
      <OversightProblem problem={current.problem} />
      {current.loading && text === null ? <Loading /> : (
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <div class="field">
            <label for={fileId}>Policy file (JSON)</label>
            <input id={fileId} type="file" accept=".json,application/json" aria-describedby={fileId + "-hint"}
              onChange={(e) => load(e.currentTarget.files?.[0])} />
            <div class="hint" id={fileId + "-hint"}>Loads the file into the document below, where you can still edit it.</div>
          </div>
          <JsonField label="Policy document" value={text ?? ""} onValue={(v) => { setText(v); setLocalError(undefined); }}
            problem={action.problem} localError={localError}
            hint={<>The whole document, starting from the current version. Give it a new <code>version</code> name: versions are never changed
              or replaced. Jurisdictions are ISO 3166-1 alpha-2 codes, dates like <code>2026-08-18</code>, the retention an ISO 8601
              duration like <code>P90D</code>.</>} />
          <OversightProblem problem={action.problem} shownPointers={[""]} />
          {stored ? (
            <p class="notice" role="status">
              Stored <code>{stored.version}</code> as revision {stored.revision}; it is the current version now.{" "}
              <a href={"#/policy/versions/" + encodeURIComponent(stored.version)}>View it</a>
            </p>
          ) : null}
          <div class="actions">
            <button type="submit" class="primary" disabled={action.busy}>Store as the current version</button>
          </div>
        </form>
      )}
    </Page>
  );
}
