import { useId, useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { session } from "../../session";
import { TextArea } from "../../ui/fields";
import { useAction } from "../../ui/load";
import { Page } from "../../ui/page";
import { fieldError, withDetailPointer } from "../../ui/problem";
import { CheckboxField } from "../../ui/request-fields";
import { saveFile } from "../../ui/oversight-download";
import { JsonField } from "../../ui/oversight-fields";
import { OversightProblem } from "../../ui/oversight-problem";
import "../../ui/oversight.css";

type Document = Schemas["DirectoryDocument"];
type Change = Schemas["DirectoryChange"];

/**
 * For an administrator who keeps the master copy elsewhere: the whole directory as a JSON file,
 * and back. An import replaces every entry of the administrator's jurisdictions by the file's, as
 * one revision or not at all; entries of other jurisdictions must be left exactly as exported.
 */
export function DirectoryTransfer() {
  const exporting = useAction<Document>();
  const importing = useAction<Change>();
  const [text, setText] = useState("");
  const [reason, setReason] = useState("");
  const [guard, setGuard] = useState(true);
  const [localError, setLocalError] = useState<string | undefined>();
  const [done, setDone] = useState<Change | null>(null);
  const fileId = useId();
  const scope = session.value?.network ? "every jurisdiction (you are a network administrator)"
    : (session.value?.jurisdictions ?? []).join(", ") || "none";

  const download = async () => {
    const document = await exporting.run(() => api.GET("/directory/export", {}));
    if (!document) return;
    const json = JSON.stringify(document, null, 2) + "\n";
    saveFile(new Blob([json], { type: "application/json" }), `liaison-directory-revision-${document.revision}.json`);
    if (!text) setText(json);
  };

  const submit = async () => {
    setDone(null);
    let document: Partial<Document>;
    try {
      document = JSON.parse(text);
    } catch (e) {
      setLocalError("This is not JSON: " + (e instanceof Error ? e.message : String(e)));
      return;
    }
    if (document === null || typeof document !== "object" || !Array.isArray(document.contactPoints)) {
      setLocalError("A directory document is a JSON object with a list contactPoints, as the export writes it.");
      return;
    }
    setLocalError(undefined);
    const body: Schemas["DirectoryImport"] = {
      reason,
      // The entries go as they are: the API checks each one, by pointer into this same list.
      contactPoints: document.contactPoints as Schemas["ContactPointSubmission"][],
      ...(guard && typeof document.revision === "number" ? { expectedRevision: document.revision } : {}),
    };
    const change = await importing.run(() => api.PUT("/directory", { body }));
    if (change) setDone(change);
  };

  const load = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setLocalError(undefined);
    importing.setProblem(null);
  };

  // A 403 names the entry of another jurisdiction by pointer: shown beside the document, with what it holds there.
  const p = withDetailPointer(importing.problem);
  return (
    <Page title="Import or export the directory">
      <p><a href="#/directory">Back to the directory</a></p>
      <section aria-labelledby="export">
        <h2 id="export">Export</h2>
        <p>The whole current directory, e-mail addresses and versions included, in the form an import reads back.</p>
        <OversightProblem problem={exporting.problem} />
        <div class="actions">
          <button type="button" onClick={download} disabled={exporting.busy}>Download the directory (JSON)</button>
          <span role="status" class="muted">{exporting.busy ? "Exporting…" : ""}</span>
        </div>
      </section>
      <section aria-labelledby="import">
        <h2 id="import">Import</h2>
        <p>Replaces every entry of {scope} with the document's: an entry it leaves out is removed, a new one added. Entries of
          other jurisdictions must stay exactly as exported. The document is checked whole and applied as one revision, or not at all.</p>
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <div class="field">
            <label for={fileId}>Directory file (JSON)</label>
            <input id={fileId} type="file" accept=".json,application/json" aria-describedby={fileId + "-hint"}
              onChange={(e) => load(e.currentTarget.files?.[0])} />
            <div class="hint" id={fileId + "-hint"}>Loads the file into the document below, where you can still edit it.</div>
          </div>
          <JsonField label="Directory document" value={text} onValue={(v) => { setText(v); setLocalError(undefined); }}
            problem={p} localError={localError}
            hint={<>As the export writes it: <code>{"{\"revision\": 3, \"contactPoints\": [ … ]}"}</code>. Problems are listed by
              pointer, with what the document holds there.</>} />
          <CheckboxField label="Refuse the import if the directory changed since this document's revision" checked={guard}
            onChecked={setGuard} hint="Someone else's change since your export would otherwise be overwritten." />
          <TextArea label="Reason for the import" required value={reason} onValue={setReason} rows={2} error={fieldError(p, "/reason")} />
          <OversightProblem problem={p} shownPointers={["/reason", "/contactPoints", "/expectedRevision"]} />
          {done ? <p class="notice" role="status">Imported as directory revision {done.number}: {done.change}.</p> : null}
          <div class="actions">
            <button type="submit" class="primary" disabled={importing.busy}>Import</button>
            <span role="status" class="muted">{importing.busy ? "Importing…" : ""}</span>
          </div>
        </form>
      </section>
    </Page>
  );
}
