import { useState } from "preact/hooks";
import { api, idempotencyKey, type Schemas } from "../../api";
import { session } from "../../session";
import { SelectField, TextArea, TextField } from "../../ui/fields";
import { fieldError, ProblemNotice } from "../../ui/problem";
import { Busy, CheckboxField } from "../../ui/request-fields";
import { TLP_DEFINITIONS } from "../../ui/tlp";
import { exactError, useFocusOnProblem, useSubmit } from "../request/forms";
import { DATA_CATEGORIES, options, OWNERS, REJECTION_GROUNDS, RESPONSE_STATUSES, TLPS } from "../request/labels";
import type { RequestView } from "../request/request-page";
import { GateDecision } from "../request/responses";
import { duplicateFieldNames, emptyAnswer, newField, newRecord, toAnswer, type AnswerForm, type RecordRow } from "./answer";

/** What the contact point may do in the request's state: acknowledge; then ask, answer, record a clearance. */
export function ContactPointActions({ view }: { view: RequestView }) {
  const { request, events } = view;
  switch (request.status) {
    case "ROUTED":
      return (
        <>
          <Accept view={view} />
          <Reject view={view} />
        </>
      );
    case "ACCEPTED": {
      const eEvidence = request.filing.legalBasis.instrument === "EU_2023_1543";
      const cleared = events.some((e) => e.action === "NOTIFICATION_CLEARED");
      return (
        <>
          {eEvidence && (cleared
            ? <p class="notice">The enforcing State's notification is recorded as cleared.</p>
            : <ClearNotification view={view} />)}
          <Answer view={view} />
          <AskQuestion view={view} />
        </>
      );
    }
    case "AWAITING_CLARIFICATION":
      return <p>Waiting for the requester's answer to your question; the response clock stands still until then, and the request cannot be answered meanwhile.</p>;
    default:
      return <p class="muted">Nothing: the request is {request.status.toLowerCase()}.</p>;
  }
}

function Accept({ view }: { view: RequestView }) {
  const [note, setNote] = useState("");
  const action = useSubmit<Schemas["Request"]>();
  const focus = useFocusOnProblem(action.problem);
  const accept = async (e: Event) => {
    e.preventDefault();
    const done = await action.submit(() => api.POST("/requests/{id}/acknowledgement", {
      params: { path: { id: view.request.id } },
      body: { decision: "accept", ...(note.trim() ? { note } : {}) },
    }));
    if (done) view.done("The request was accepted; the requester is told.");
  };
  return (
    <form class="card" noValidate onSubmit={accept} aria-labelledby="accept">
      <h3 id="accept">Accept</h3>
      <div tabIndex={-1} ref={focus}><ProblemNotice problem={action.problem} shownPointers={["/note"]} /></div>
      <TextArea label="Note to the requester (optional)" value={note} onValue={setNote} rows={2} error={fieldError(action.problem, "/note")}
        hint={view.request.filing.type === "preservation" ? "Accepting starts the preservation period." : undefined} />
      <button type="submit" class="primary">Accept request</button> <Busy busy={action.busy} text="Accepting…" />
    </form>
  );
}

function Reject({ view }: { view: RequestView }) {
  const [ground, setGround] = useState<Schemas["RejectionGround"] | "">("");
  const [justification, setJustification] = useState("");
  const action = useSubmit<Schemas["Request"]>();
  const focus = useFocusOnProblem(action.problem);
  const reject = async (e: Event) => {
    e.preventDefault();
    const done = await action.submit(() => api.POST("/requests/{id}/acknowledgement", {
      params: { path: { id: view.request.id } },
      // A ground left unchosen goes as "" so that the API's error lands at /ground.
      body: { decision: "reject", ground: ground as Schemas["RejectionGround"], justification },
    }));
    if (done) view.done("The request was rejected; the requester is told.");
  };
  return (
    <details class="card">
      <summary>Reject with a ground</summary>
      <form noValidate onSubmit={reject}>
        <div tabIndex={-1} ref={focus}><ProblemNotice problem={action.problem} shownPointers={["/ground", "/justification"]} /></div>
        <SelectField label="Ground for rejection" required value={ground} onValue={(v) => setGround(v as Schemas["RejectionGround"])}
          options={[{ value: "", label: "Choose a ground" }, ...options(REJECTION_GROUNDS)]} error={fieldError(action.problem, "/ground")}
          hint="Annex III and Art. 12 of Regulation (EU) 2023/1543." />
        <TextArea label="Justification" required value={justification} onValue={setJustification} error={fieldError(action.problem, "/justification")} />
        <button type="submit" class="danger">Reject request</button> <Busy busy={action.busy} text="Rejecting…" />
      </form>
    </details>
  );
}

function AskQuestion({ view }: { view: RequestView }) {
  const [question, setQuestion] = useState("");
  const action = useSubmit<Schemas["Request"]>();
  const focus = useFocusOnProblem(action.problem);
  const ask = async (e: Event) => {
    e.preventDefault();
    const done = await action.submit(() =>
      api.POST("/requests/{id}/clarification-request", { params: { path: { id: view.request.id } }, body: { question } }));
    if (done) view.done("Your question was sent; the response clock stands still until the requester answers.");
  };
  return (
    <details class="card">
      <summary>Ask the requester a question</summary>
      <form noValidate onSubmit={ask}>
        <p>The response clock stands still until the requester answers; meanwhile the request cannot be answered.</p>
        <div tabIndex={-1} ref={focus}><ProblemNotice problem={action.problem} shownPointers={["/question"]} /></div>
        <TextArea label="Question to the requester" required value={question} onValue={setQuestion} error={fieldError(action.problem, "/question")} />
        <button type="submit">Ask for clarification</button> <Busy busy={action.busy} text="Asking…" />
      </form>
    </details>
  );
}

function ClearNotification({ view }: { view: RequestView }) {
  const action = useSubmit<Schemas["Request"]>();
  const focus = useFocusOnProblem(action.problem);
  const clear = async (e: Event) => {
    e.preventDefault();
    const done = await action.submit(() =>
      api.POST("/requests/{id}/notification-clearance", { params: { path: { id: view.request.id } } }));
    if (done) view.done("The enforcing State's notification is recorded as cleared.");
  };
  return (
    <form class="card" noValidate onSubmit={clear} aria-labelledby="clearance">
      <h3 id="clearance">Enforcing State's notification</h3>
      <p>
        A European Production Order: record here that the notification under Art. 8 of Regulation (EU) 2023/1543 raised no
        ground for refusal. Traffic and content data you send afterwards can then pass the gate's rule G3; answers sent
        before stay held for a data-protection officer.
      </p>
      <div tabIndex={-1} ref={focus}><ProblemNotice problem={action.problem} /></div>
      <button type="submit">Record notification as cleared</button> <Busy busy={action.busy} text="Recording…" />
    </form>
  );
}

/**
 * The answer: records (each with its category, whose data, a special category or not, where the
 * data come from, its TLP and its fields), or for a preservation a confirmation. The gate decides
 * at once; its decision is shown after sending.
 */
function Answer({ view }: { view: RequestView }) {
  const jurisdiction = session.value?.jurisdiction ?? "";
  const preservation = view.request.filing.type === "preservation";
  const [form, setForm] = useState<AnswerForm>(() => emptyAnswer(view.request, jurisdiction));
  // One key per answer being written; a new one once it has been sent.
  const [key, setKey] = useState(idempotencyKey);
  const [sent, setSent] = useState<Schemas["ContactPointResponseView"] | null>(null);
  const action = useSubmit<Schemas["ContactPointResponseView"]>();
  const focus = useFocusOnProblem(action.problem);
  const p = action.problem;
  const set = <K extends keyof AnswerForm>(name: K, value: AnswerForm[K]) => setForm((f) => ({ ...f, [name]: value }));
  const setRecord = (i: number, change: Partial<RecordRow>) =>
    set("records", form.records.map((r, j) => (j === i ? { ...r, ...change } : r)));

  const send = async (e: Event) => {
    e.preventDefault();
    const done = await action.submit(() => api.POST("/requests/{id}/responses", {
      params: { path: { id: view.request.id }, header: { "Idempotency-Key": key } },
      body: toAnswer(form, preservation),
    }));
    if (done) {
      setSent(done);
      setForm(emptyAnswer(view.request, jurisdiction));
      setKey(idempotencyKey());
      // A final answer the gate released ends the request and this form with it: the page says what the gate decided.
      view.done(`Answer ${done.number} sent: ${RESPONSE_STATUSES[done.status]}. The gate's decision is under Answers.`);
    }
  };

  return (
    <section class="card" aria-labelledby="answer-heading">
      <h3 id="answer-heading">Answer with records</h3>
      {sent && (
        <div class="notice" role="status">
          <p><strong>Answer {sent.number} sent: {RESPONSE_STATUSES[sent.status]}.</strong></p>
          <GateDecision decision={sent.decision} />
        </div>
      )}
      <form noValidate onSubmit={send}>
        <div tabIndex={-1} ref={focus}><ProblemNotice problem={p} shownPointers={shownPointers(form)} /></div>
        <CheckboxField label="This is the final answer" checked={form.final} onChecked={(v) => set("final", v)}
          hint="A final answer the gate releases (or an officer approves) ends the request. Untick to send a partial answer first."
          error={fieldError(p, "/final")} />
        <SelectField label="TLP of the answer" value={form.tlp} onValue={(v) => set("tlp", v as Schemas["Tlp"])}
          options={TLPS.map((t) => ({ value: t, label: t + ": " + TLP_DEFINITIONS[t] }))} error={fieldError(p, "/tlp")}
          hint={`The requester sees it at this level or the request's (${view.request.filing.tlp}), whichever is stricter.`} />

        {preservation && (
          <fieldset class="field group">
            <legend>Confirmation of the preservation</legend>
            <TextArea label="What is preserved, and where" required value={form.preserved} onValue={(v) => set("preserved", v)}
              rows={2} error={fieldError(p, "/confirmation/preserved") ?? exactError(p, "/confirmation")} />
            <TextField label="Preserved until" type="date" required value={form.until} onValue={(v) => set("until", v)}
              hint="The last day it is kept." error={fieldError(p, "/confirmation/until")} />
          </fieldset>
        )}

        {exactError(p, "/records") && <div class="error">{exactError(p, "/records")}</div>}
        {form.records.map((record, i) => (
          <RecordFields index={i} record={record} problem={p} onChange={(c) => setRecord(i, c)}
            onRemove={() => set("records", form.records.filter((_, j) => j !== i))} />
        ))}
        <div class="actions">
          <button type="button" onClick={() => set("records", [...form.records, newRecord(jurisdiction)])}>Add a record</button>
        </div>
        <button type="submit" class="primary">Send answer</button> <Busy busy={action.busy} text="Sending the answer through the release gate…" />
      </form>
    </section>
  );
}

function RecordFields(props: { index: number; record: RecordRow; problem: Schemas["Problem"] | null;
  onChange: (change: Partial<RecordRow>) => void; onRemove: () => void }) {
  const { index, record, problem, onChange, onRemove } = props;
  const at = "/records/" + index;
  const n = index + 1;
  const twice = duplicateFieldNames(record);
  const setField = (j: number, change: { name?: string; value?: string }) =>
    onChange({ fields: record.fields.map((f, k) => (k === j ? { ...f, ...change } : f)) });
  return (
    <fieldset class="identifier record-form">
      <legend>Record {n}</legend>
      {exactError(problem, at) && <div class="error">{exactError(problem, at)}</div>}
      <div class="row">
        <SelectField label="Data category" value={record.category} onValue={(v) => onChange({ category: v as RecordRow["category"] })}
          options={options(DATA_CATEGORIES)} error={fieldError(problem, at + "/category")} />
        <SelectField label="Whose data" value={record.owner} onValue={(v) => onChange({ owner: v as RecordRow["owner"] })}
          options={options(OWNERS)} error={fieldError(problem, at + "/owner")}
          hint={record.owner === "third_party" ? "A third party the request did not name is pseudonymised." : undefined} />
        <TextField label="Origin jurisdiction" value={record.originJurisdiction} onValue={(v) => onChange({ originJurisdiction: v.toUpperCase() })}
          hint="Where the data come from: ISO 3166-1 alpha-2, e.g. DE." error={fieldError(problem, at + "/originJurisdiction")} />
        <SelectField label="Record TLP" value={record.tlp} onValue={(v) => onChange({ tlp: v as RecordRow["tlp"] })}
          options={[{ value: "", label: "Same as the answer" }, ...TLPS.map((t) => ({ value: t, label: t }))]} error={fieldError(problem, at + "/tlp")} />
      </div>
      <CheckboxField label="Special category of personal data" checked={record.specialCategory} onChecked={(v) => onChange({ specialCategory: v })}
        hint="Health, religion, trade-union membership… (GDPR Art. 9, LED Art. 10): a data-protection officer reviews it before release."
        error={fieldError(problem, at + "/specialCategory")} />
      <fieldset class="field">
        <legend>Fields of record {n}</legend>
        {exactError(problem, at + "/fields") && <div class="error">{exactError(problem, at + "/fields")}</div>}
        {record.fields.map((f, j) => {
          const error = fieldError(problem, at + "/fields/" + pointerToken(f.name))
            ?? (twice.has(f.name) ? "Another field of this record has the same name." : undefined);
          return (
            <div class="row field-row">
              <TextField label={`Field ${j + 1} name`} value={f.name} onValue={(v) => setField(j, { name: v })}
                hint={j === 0 ? "Letters, digits, _ . or -, e.g. email" : undefined} error={error} />
              <TextField label={`Field ${j + 1} value`} value={f.value} onValue={(v) => setField(j, { value: v })} />
              {record.fields.length > 1 && (
                <button type="button" class="danger" onClick={() => onChange({ fields: record.fields.filter((_, k) => k !== j) })}>
                  Remove field {j + 1} of record {n}
                </button>
              )}
            </div>
          );
        })}
        <button type="button" onClick={() => onChange({ fields: [...record.fields, newField()] })}>Add a field to record {n}</button>
      </fieldset>
      <button type="button" class="danger" onClick={onRemove}>Remove record {n}</button>
    </fieldset>
  );
}

/** A member name as a JSON Pointer token (RFC 6901). */
function pointerToken(name: string): string {
  return name.trim().replace(/~/g, "~0").replace(/\//g, "~1");
}

function shownPointers(form: AnswerForm): string[] {
  const shown = ["/final", "/tlp", "/confirmation", "/records"];
  form.records.forEach((_, i) => shown.push("/records/" + i));
  return shown;
}
