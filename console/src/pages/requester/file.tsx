import { useState } from "preact/hooks";
import { api, idempotencyKey, type Schemas } from "../../api";
import { navigate } from "../../router";
import { session } from "../../session";
import { CheckboxGroup, SelectField, TextArea, TextField } from "../../ui/fields";
import { useAction, useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { fieldError, ProblemNotice } from "../../ui/problem";
import { CheckboxField, InstantField, RadioGroup } from "../../ui/request-fields";
import { TLP_DEFINITIONS } from "../../ui/tlp";
import "../../ui/request.css";
import {
  ARTICLE_HINTS, DATA_CATEGORIES, INSTRUMENTS, options, PAP_DEFINITIONS, PAPS, REQUEST_TYPES, TLPS, URGENCIES,
} from "../request/labels";
import { exactError, useFocusOnProblem, useSubmit } from "../request/forms";
import { jurisdictionName } from "../request/jurisdictions";
import {
  emptyFiling, IDENTIFIER_EXAMPLES, IDENTIFIER_TYPES, identifierWarning, needsObservedAt, newIdentifierRow,
  timeRangeWarning, toSubmission, type FilingForm, type IdentifierRow,
} from "./filing";
import { legalBases, type InstrumentBinding } from "./legal-bases";
import { RoutingPreview } from "./preview";

/** "File a request": one guided form; what the API refuses is shown beside the field, and nothing typed is lost. */
export function FileRequest() {
  const [form, setForm] = useState<FilingForm>(emptyFiling);
  // One key for this form, made when it opens: a double click or a retry of the same form files once.
  const [key] = useState(idempotencyKey);
  const action = useSubmit<Schemas["Request"]>();
  // The preview answers 422 exactly when filing would: its errors show beside the fields as filing's do.
  const preview = useAction<Schemas["RoutingPreview"]>();
  const [previewed, setPreviewed] = useState<{ preview: Schemas["RoutingPreview"]; body: string } | null>(null);
  const p = action.problem ?? preview.problem;
  const problemRef = useFocusOnProblem(p);
  const [touched, setTouched] = useState<Record<number, boolean>>({});
  const set = <K extends keyof FilingForm>(name: K, value: FilingForm[K]) => setForm((f) => ({ ...f, [name]: value }));

  // Without a target the answer lists the targets only; with one, which instruments bind both sides.
  const bases = useLoad(() => legalBases(form.targetJurisdiction || undefined), [form.targetJurisdiction]);
  const current = bases.data && (bases.data.target ?? "") === form.targetJurisdiction ? bases.data : null;

  const runPreview = async () => {
    action.setProblem(null);
    const body = toSubmission(form);
    const answer = await preview.run(() => api.POST("/routing/preview", { body }));
    setPreviewed(answer ? { preview: answer, body: JSON.stringify(body) } : null);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    preview.setProblem(null);
    // A second click while the first runs does nothing; a retry after a lost answer sends the same key, and files once.
    const filed = await action.submit(() =>
      api.POST("/requests", { params: { header: { "Idempotency-Key": key } }, body: toSubmission(form) }));
    if (filed) navigate("/requests/" + filed.id);
  };

  const updateRow = (index: number, change: Partial<IdentifierRow>) =>
    set("identifiers", form.identifiers.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const range = timeRangeWarning(form.from, form.to);
  const binding = (current?.items ?? []).filter((b) => b.binds);
  const notBinding = (current?.items ?? []).filter((b) => !b.binds);
  const shown = shownPointers(form);

  return (
    <Page title="File a request">
      <p>
        You file for {session.value?.agency ?? "your agency"} in {session.value?.jurisdiction}. Liaison routes the request to
        the right contact point of the target jurisdiction. Fields marked * are required.
      </p>
      <div tabIndex={-1} ref={problemRef}>
        <ProblemNotice problem={p} shownPointers={shown} />
      </div>
      <form onSubmit={submit} noValidate>
        <SelectField label="Type of request" required value={form.type} onValue={(v) => set("type", v as FilingForm["type"])}
          options={options(REQUEST_TYPES)} error={fieldError(p, "/type")} />

        <SelectField label="Target jurisdiction" required value={form.targetJurisdiction}
          onValue={(v) => setForm((f) => ({ ...f, targetJurisdiction: v, instrument: "" }))}
          hint="The jurisdictions Liaison's directory serves; your own is not among them."
          options={[{ value: "", label: bases.data ? "Choose a jurisdiction" : "Loading…" },
            ...(bases.data?.targets ?? []).map((code) => ({ value: code, label: jurisdictionName(code) }))]}
          error={fieldError(p, "/targetJurisdiction")} />

        <fieldset class="field group">
          <legend>Legal basis</legend>
          {bases.problem ? <ProblemNotice problem={bases.problem} /> : (
            <LegalBasisChoice target={form.targetJurisdiction} loading={!current} binding={binding} notBinding={notBinding}
              date={current?.date} policyVersion={current?.policyVersion} value={form.instrument}
              onValue={(v) => set("instrument", v)} error={fieldError(p, "/legalBasis/instrument")} />
          )}
          <TextField label="Article" required value={form.article} onValue={(v) => set("article", v)}
            hint={form.instrument ? ARTICLE_HINTS[form.instrument] : "The article of the instrument the request rests on, e.g. 29."}
            error={fieldError(p, "/legalBasis/article")} />
          {form.instrument === "BILATERAL_TREATY" && (
            <TextField label="Treaty" required value={form.treaty} onValue={(v) => set("treaty", v)}
              hint="The treaty's name, as the release gate knows it." error={fieldError(p, "/legalBasis/treaty")} />
          )}
        </fieldset>

        <TextField label="Case reference" required value={form.caseReference} onValue={(v) => set("caseReference", v)}
          hint="Your own reference for the case, at most 100 characters." error={fieldError(p, "/caseReference")} />
        <TextField label="Offence" required value={form.offence} onValue={(v) => set("offence", v)}
          hint="At most 200 characters." error={fieldError(p, "/offence")} />
        <TextArea label="Summary of facts" required value={form.summaryOfFacts} onValue={(v) => set("summaryOfFacts", v)}
          error={fieldError(p, "/summaryOfFacts")} />

        <fieldset class="field group" aria-describedby={exactError(p, "/identifiers") ? "identifiers-error" : undefined}>
          <legend>Identifiers</legend>
          <p class="hint">What the request is about: at least one, at most 100.</p>
          {form.identifiers.map((row, i) => (
            <IdentifierFields index={i} row={row} problem={p} warn={touched[row.key]} onBlur={() => setTouched((t) => ({ ...t, [row.key]: true }))}
              onChange={(change) => updateRow(i, change)} canRemove={form.identifiers.length > 1}
              onRemove={() => set("identifiers", form.identifiers.filter((_, j) => j !== i))} />
          ))}
          {exactError(p, "/identifiers") && <div class="error" id="identifiers-error">{exactError(p, "/identifiers")}</div>}
          <button type="button" onClick={() => set("identifiers", [...form.identifiers, newIdentifierRow()])}>Add an identifier</button>
        </fieldset>

        <CheckboxGroup legend={form.type === "incident_assistance" ? "Data categories (optional)" : "Data categories *"}
          values={form.dataCategories} onValues={(v) => set("dataCategories", v as FilingForm["dataCategories"])}
          options={options(DATA_CATEGORIES)} error={fieldError(p, "/dataCategories")} />

        <fieldset class="field group">
          <legend>Time range (optional)</legend>
          <p class="hint">The period the data concern, in UTC; leave both empty for none.</p>
          <div class="pair">
            <InstantField label="From (UTC)" value={form.from} onValue={(v) => set("from", v)}
              error={fieldError(p, "/timeRange/from") ?? range.from} />
            <InstantField label="To (UTC)" value={form.to} onValue={(v) => set("to", v)}
              error={fieldError(p, "/timeRange/to") ?? exactError(p, "/timeRange") ?? range.to} />
          </div>
        </fieldset>

        <TextArea label="Necessity statement" required value={form.necessityStatement} onValue={(v) => set("necessityStatement", v)}
          error={fieldError(p, "/necessityStatement")} />
        <SelectField label="Urgency" required value={form.urgency} onValue={(v) => set("urgency", v as FilingForm["urgency"])}
          options={options(URGENCIES)} error={fieldError(p, "/urgency")} />

        <div class="pair">
          <RadioGroup legend="TLP: who may see it" name="tlp" required value={form.tlp} onValue={(v) => set("tlp", v)}
            hint="Traffic Light Protocol 2.0 (FIRST). Answers come back at this level or stricter."
            choices={TLPS.map((t) => ({ value: t, label: t, description: TLP_DEFINITIONS[t] }))} error={fieldError(p, "/tlp")} />
          <RadioGroup legend="PAP: what may be done with it" name="pap" required value={form.pap} onValue={(v) => set("pap", v)}
            hint="Permissible Actions Protocol."
            choices={PAPS.map((t) => ({ value: t, label: t, description: PAP_DEFINITIONS[t] }))} error={fieldError(p, "/pap")} />
        </div>

        <CheckboxField label="The data subject may be informed" checked={form.dataSubjectMayBeInformed}
          onChecked={(v) => set("dataSubjectMayBeInformed", v)}
          hint="Leave unticked if telling the person concerned would harm the investigation."
          error={fieldError(p, "/dataSubjectMayBeInformed")} />

        <section class="field" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Where it would go</h2>
          <p class="hint">Before you file: the contact point that would take this request, by which rule and by when, and what
            the release gate will check on the answers. Nothing is stored until you file.</p>
          <div class="actions">
            <button type="button" onClick={runPreview} aria-describedby="preview-busy">Preview routing</button>
            <span id="preview-busy" role="status" class="muted">{preview.busy ? "Asking Liaison where it would go…" : ""}</span>
          </div>
          <div aria-live="polite">
            {previewed && !preview.busy ? (
              <RoutingPreview preview={previewed.preview} stale={previewed.body !== JSON.stringify(toSubmission(form))} />
            ) : null}
          </div>
        </section>

        <div class="actions">
          <button type="submit" class="primary" aria-describedby="filing-busy">File request</button>
          <span id="filing-busy" role="status" class="muted">{action.busy ? "Filing the request…" : ""}</span>
        </div>
      </form>
    </Page>
  );
}

/**
 * The instruments that bind both sides today, to choose from, and the others with the sentence
 * filing would refuse them with: the requester sees why an instrument is not offered.
 */
function LegalBasisChoice(props: { target: string; loading: boolean; binding: InstrumentBinding[]; notBinding: InstrumentBinding[];
  date?: string; policyVersion?: string; value: Schemas["Instrument"] | ""; onValue: (v: Schemas["Instrument"]) => void; error?: string }) {
  const { target, loading, binding, notBinding, date, policyVersion, value, onValue, error } = props;
  if (!target) {
    return (
      <div class={error ? "field invalid" : "field"}>
        <p class="hint">Choose the target jurisdiction first: the instruments on offer are those that bind both sides today.</p>
        {error && <div class="error">{error}</div>}
      </div>
    );
  }
  if (loading) return <Loading />;
  return (
    <>
      {binding.length === 0 ? (
        <p class="error">No instrument binds both {session.value?.jurisdiction} and {target} today: a request to {target} cannot be filed.</p>
      ) : (
        <RadioGroup legend="Instrument" name="instrument" required value={value} onValue={onValue} error={error}
          hint={`Instruments that bind both ${session.value?.jurisdiction} and ${target} on ${date ?? "today"} (policy ${policyVersion ?? "in force"}).`}
          choices={binding.map((b) => ({
            value: b.instrument,
            label: INSTRUMENTS[b.instrument],
            description: (b.sides ?? []).map((s) => `${s.jurisdiction}: ${s.since ? "bound since " + s.since : "bound"}${s.until ? " until " + s.until : ""}${s.source ? " (" + s.source + ")" : ""}`).join("; "),
          }))} />
      )}
      {notBinding.length > 0 && (
        <div class="not-offered">
          <p class="hint">Not offered, because filing would refuse them:</p>
          <ul class="hint">
            {notBinding.map((b) => (
              <li>
                <strong>{INSTRUMENTS[b.instrument]}</strong>: {b.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** One identifier: its type, value and what that type needs (when observed, at which service, which hash). */
function IdentifierFields(props: { index: number; row: IdentifierRow; problem: Schemas["Problem"] | null; warn?: boolean;
  onBlur: () => void; onChange: (change: Partial<IdentifierRow>) => void; canRemove: boolean; onRemove: () => void }) {
  const { index, row, problem, warn, onBlur, onChange, canRemove, onRemove } = props;
  const at = "/identifiers/" + index;
  const warning = warn ? identifierWarning(row) : undefined;
  const rowError = exactError(problem, at);
  const n = index + 1;
  return (
    <fieldset class="identifier" onFocusOut={onBlur}>
      <legend>Identifier {n}</legend>
      {rowError && <div class="error">{rowError}</div>}
      <div class="row">
        <SelectField label="Type" value={row.type} onValue={(v) => onChange({ type: v as IdentifierRow["type"] })}
          options={options(IDENTIFIER_TYPES)} error={fieldError(problem, at + "/type")} />
        {row.type === "account" && (
          <TextField label="Service" required value={row.service} onValue={(v) => onChange({ service: v })}
            hint="e.g. Telegram" error={fieldError(problem, at + "/service")} />
        )}
        {row.type === "file_hash" && (
          <SelectField label="Algorithm" value={row.algorithm} onValue={(v) => onChange({ algorithm: v as IdentifierRow["algorithm"] })}
            options={[{ value: "md5", label: "MD5" }, { value: "sha1", label: "SHA-1" }, { value: "sha256", label: "SHA-256" }, { value: "sha512", label: "SHA-512" }]}
            error={fieldError(problem, at + "/algorithm")} />
        )}
        <TextField label="Value" required value={row.value} onValue={(v) => onChange({ value: v })}
          hint={"e.g. " + IDENTIFIER_EXAMPLES[row.type]}
          // The API's error is the one that counts; the browser's own check only shows until the API has spoken.
          error={fieldError(problem, at + "/value") ?? warning} />
        {needsObservedAt(row.type) && (
          <InstantField label="Observed at (UTC)" required value={row.observedAt} onValue={(v) => onChange({ observedAt: v })}
            hint="When the address was seen, to the second." error={fieldError(problem, at + "/observedAt")} />
        )}
      </div>
      {canRemove && <button type="button" class="danger" onClick={onRemove}>Remove identifier {n}</button>}
    </fieldset>
  );
}

/** The pointers this form shows beside a field; the problem notice lists any others. */
function shownPointers(form: FilingForm): string[] {
  // A list or a group shows its own errors too (exactError), so the notice need not repeat them.
  const shown = ["/identifiers", "/timeRange", "/type", "/targetJurisdiction", "/legalBasis/instrument", "/legalBasis/article", "/caseReference", "/offence",
    "/summaryOfFacts", "/dataCategories", "/timeRange/from", "/timeRange/to", "/necessityStatement", "/urgency", "/tlp", "/pap",
    "/dataSubjectMayBeInformed"];
  if (form.instrument === "BILATERAL_TREATY") shown.push("/legalBasis/treaty");
  form.identifiers.forEach((row, i) => {
    const at = "/identifiers/" + i;
    shown.push(at + "/type", at + "/value");
    if (needsObservedAt(row.type)) shown.push(at + "/observedAt");
    if (row.type === "account") shown.push(at + "/service");
    if (row.type === "file_hash") shown.push(at + "/algorithm");
  });
  return shown;
}
