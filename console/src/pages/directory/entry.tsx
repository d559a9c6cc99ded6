import { useEffect, useRef, useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { navigate, query } from "../../router";
import { session } from "../../session";
import { CheckboxGroup, SelectField, TextArea, TextField } from "../../ui/fields";
import { useAction, useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { fieldError, ProblemNotice, withDetailPointer } from "../../ui/problem";
import { CheckboxField, InstantField } from "../../ui/request-fields";
import { OversightProblem } from "../../ui/oversight-problem";
import { CONTACT_POINT_KINDS, INSTRUMENTS, options, REQUEST_TYPES } from "../request/labels";
import { emptyEntry, formOf, periodRow, toSubmission, typed, type EntryForm, type PeriodRow } from "./entry-form";
import { DAYS, dayName, type Day } from "./format";
import "../../ui/oversight.css";
import "../../ui/request.css";
import "./directory.css";

type Change = Schemas["DirectoryChange"];

/** The whole directory with the e-mail addresses, as an administrator reads it to change an entry. */
export function readExport() {
  return api.GET("/directory/export", {});
}

/** Changes one entry: the form starts from the entry as the directory holds it now, with its version. */
export function EntryEdit({ id }: { id: string }) {
  const [round, setRound] = useState(0);
  const [saved, setSaved] = useState<Change | null>(null);
  const { data, problem, loading } = useLoad(readExport, [round]);
  const entry = data?.contactPoints.find((e) => e.id === id);
  return (
    <Page title={"Edit contact point " + id}>
      <p><a href="#/directory">Back to the directory</a></p>
      <OversightProblem problem={problem} />
      <SavedNotice change={saved} />
      {!saved && query().get("saved") ? <p class="notice" role="status">Added as directory revision {query().get("saved")}.</p> : null}
      {loading && !data ? <Loading /> : data && (entry ? (
        <EntryFormView key={entry.id + "@" + entry.version + "#" + round} initial={formOf(entry)} version={entry.version}
          directory={data.contactPoints}
          onSaved={(change) => { setSaved(change); setRound((r) => r + 1); }}
          onReload={() => { setSaved(null); setRound((r) => r + 1); }} />
      ) : <div class="problem" role="alert"><p><strong>Not found</strong></p></div>)}
    </Page>
  );
}

/** Adds a contact point: expectedVersion absent, so the API refuses it (409) if the id exists. */
export function EntryNew() {
  const { data, problem, loading } = useLoad(readExport, []);
  const mine = session.value?.jurisdictions[0] ?? "";
  return (
    <Page title="Add a contact point">
      <p><a href="#/directory">Back to the directory</a></p>
      <OversightProblem problem={problem} />
      {loading ? <Loading /> : data && (
        <EntryFormView initial={emptyEntry(mine)} version={null} directory={data.contactPoints}
          onSaved={(change) => navigate("/directory/" + encodeURIComponent(idOf(change)) + "/edit?saved=" + change.number)}
          onReload={() => undefined} />
      )}
    </Page>
  );
}

// The DirectoryChange names no entry id; its `change` starts with it ("DE-XYZ added").
function idOf(change: Change): string {
  return change.change.split(" ")[0];
}

function SavedNotice({ change }: { change: Change | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => { if (change) ref.current?.focus(); }, [change]);
  if (!change) return null;
  return (
    <p class="notice" role="status" tabIndex={-1} ref={ref}>
      Saved as directory revision {change.number}: {change.change}.
    </p>
  );
}

/** The pointers the form shows beside a field; the problem notice lists any others. */
function shownPointers(form: EntryForm): string[] {
  const fields = ["id", "jurisdiction", "kind", "name", "source", "instruments", "requestTypes", "languages", "hours", "backup",
    "validFrom", "validTo", "email"];
  const shown = ["/reason", "/expectedVersion", ...fields.map((f) => "/entry/" + f)];
  form.unavailable.forEach((_, i) => shown.push("/entry/unavailable/" + i));
  return shown;
}

function EntryFormView(props: { initial: EntryForm; version: number | null; directory: Schemas["ContactPointEntry"][];
  onSaved: (change: Change) => void; onReload: () => void }) {
  const { initial, version, directory, onSaved, onReload } = props;
  const [form, setForm] = useState<EntryForm>(initial);
  const [reason, setReason] = useState("");
  const action = useAction<Change>();
  const problemRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (action.problem) problemRef.current?.focus(); }, [action.problem]);
  const set = <K extends keyof EntryForm>(name: K, value: EntryForm[K]) => setForm((f) => ({ ...f, [name]: value }));
  // A 403 that names the field (an entry of a jurisdiction the token does not administer) shows beside it.
  const p = withDetailPointer(action.problem);
  const at = (field: string) => fieldError(p, "/entry/" + field);
  const creating = version === null;
  const backups = directory.filter((e) => e.jurisdiction === form.jurisdiction.trim() && e.id !== form.id.trim());
  const updatePeriod = (index: number, change: Partial<PeriodRow>) =>
    set("unavailable", form.unavailable.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const submit = async (e: Event) => {
    e.preventDefault();
    const entry = toSubmission(form);
    const change = await action.run(() => api.PUT("/directory/contact-points/{contactPointId}", {
      params: { path: { contactPointId: entry.id } },
      body: { entry, reason, expectedVersion: version },
    }));
    if (change) onSaved(change);
  };

  return (
    <form noValidate onSubmit={submit}>
      <p>
        {creating ? "A new entry applies at once, as a new revision of the directory."
          : <>You are changing version {version} of this entry. The change applies at once, as a new revision of the directory;
            if someone else changes it first, you are told, and nothing of yours is saved.</>}
        {" "}Fields marked * are required.
      </p>
      <div tabIndex={-1} ref={problemRef}>
        {p?.status === 409 ? (
          <div class="problem" role="alert">
            <p><strong>{creating ? "This id is taken" : "Someone else changed this entry since you opened it"}</strong> <span class="muted">(HTTP 409)</span></p>
            <p>{p.detail}</p>
            {!creating && (
              <>
                <p>Nothing of yours was saved. Load the entry as it is now, then make your change again.</p>
                <button type="button" onClick={onReload}>Load the current entry</button>
              </>
            )}
          </div>
        ) : <ProblemNotice problem={p} shownPointers={shownPointers(form)} />}
      </div>

      <fieldset class="field group">
        <legend>The contact point</legend>
        <div class="row">
          {creating
            ? <TextField label="Id" required value={form.id} onValue={(v) => set("id", v.toUpperCase())} error={at("id")}
                hint="Capital letters, digits and '-', e.g. DE-POC247." autoComplete="off" />
            : <div class="field"><span class="label">Id</span> <code>{form.id}</code></div>}
          <TextField label="Jurisdiction" required value={form.jurisdiction} onValue={(v) => set("jurisdiction", v.toUpperCase())}
            hint="ISO 3166-1 alpha-2, one you administer." error={at("jurisdiction")} autoComplete="off" />
          <SelectField label="Kind" required value={form.kind} onValue={(v) => set("kind", v as EntryForm["kind"])}
            options={options(CONTACT_POINT_KINDS)} error={at("kind")} />
        </div>
        <TextField label="Name" required value={form.name} onValue={(v) => set("name", v)} error={at("name")} />
        <TextField label="Source" value={form.source} onValue={(v) => set("source", v)} error={at("source")}
          hint="Where the facts of this entry come from (a declaration, a published list)." />
        <TextField label="E-mail for notices" type="email" value={form.email} onValue={(v) => set("email", v)} error={at("email")}
          hint="Where notices go unless a channel is registered for this contact point." autoComplete="off" />
      </fieldset>

      <fieldset class="field group">
        <legend>What it handles</legend>
        <CheckboxGroup legend="Instruments (none ticked: every instrument)" values={form.instruments}
          onValues={(v) => set("instruments", v as EntryForm["instruments"])} options={options(INSTRUMENTS)} error={at("instruments")} />
        <CheckboxGroup legend="Types of request (none ticked: every type)" values={form.requestTypes}
          onValues={(v) => set("requestTypes", v as EntryForm["requestTypes"])} options={options(REQUEST_TYPES)} error={at("requestTypes")} />
        <TextField label="Languages" required value={form.languages} onValue={(v) => set("languages", v)} error={at("languages")}
          hint="ISO 639-1 codes of the languages a request may be written in, separated by commas, e.g. de, en." autoComplete="off" />
      </fieldset>

      <fieldset class="field group">
        <legend>When it takes requests</legend>
        <CheckboxField label="Always open (a 24/7 point of contact)" checked={form.alwaysOpen} onChecked={(v) => set("alwaysOpen", v)}
          error={form.alwaysOpen ? at("hours") : undefined} />
        {!form.alwaysOpen && (
          <>
            <TextField label="Time zone" required value={form.timeZone} onValue={(v) => set("timeZone", v)} error={at("hours/timeZone")}
              hint="An IANA time zone, e.g. Europe/Berlin." autoComplete="off" />
            <fieldset class={"field days" + (at("hours/days") ? " invalid" : "")}>
              <legend>Working days</legend>
              {DAYS.map((d) => (
                <label class="inline">
                  <input type="checkbox" checked={form.days.includes(d)}
                    onChange={(e) => set("days", e.currentTarget.checked ? [...form.days, d] : form.days.filter((x: Day) => x !== d))} />
                  {dayName(d)}
                </label>
              ))}
              {at("hours/days") ? <div class="error">{at("hours/days")}</div> : null}
            </fieldset>
            <div class="pair">
              <TextField label="Opens" type="time" required value={form.opens} onValue={(v) => set("opens", v)} error={at("hours/opens")}
                hint="Local time in its time zone." />
              <TextField label="Closes" type="time" required value={form.closes} onValue={(v) => set("closes", v)} error={at("hours/closes")}
                hint="Local time; requests after this wait for the next working day." />
            </div>
            {fieldError(p, "/entry/hours") && !at("hours/timeZone") && !at("hours/days") && !at("hours/opens") && !at("hours/closes")
              ? <div class="error">{fieldError(p, "/entry/hours")}</div> : null}
          </>
        )}
        <SelectField label="Backup" value={form.backup} onValue={(v) => set("backup", v)} error={at("backup")}
          hint="Takes over when this one is unavailable, closed, or does not acknowledge in time: another contact point of the same jurisdiction."
          options={[{ value: "", label: "No backup" }, ...backups.map((b) => ({ value: b.id, label: b.id + " — " + b.name })),
            ...(form.backup && !backups.some((b) => b.id === form.backup) ? [{ value: form.backup, label: form.backup }] : [])]} />
        <div class="pair">
          <InstantField label="In the directory from (UTC)" value={form.validFrom.text} onValue={(v) => set("validFrom", { ...form.validFrom, text: v })}
            hint="Empty: since always." error={at("validFrom")} />
          <InstantField label="In the directory until (UTC)" value={form.validTo.text} onValue={(v) => set("validTo", { ...form.validTo, text: v })}
            hint="Empty: open-ended. Exclusive." error={at("validTo")} />
        </div>
      </fieldset>

      <fieldset class="field group">
        <legend>Periods of unavailability</legend>
        <p class="hint">A holiday or an outage: routing and escalation use the backup meanwhile. Times in UTC; the end is exclusive.</p>
        {form.unavailable.length === 0 && <p class="muted">None.</p>}
        {form.unavailable.map((row, i) => {
          const base = "/entry/unavailable/" + i;
          const n = i + 1;
          return (
            <fieldset class="period">
              <legend>Period {n}</legend>
              {fieldError(p, base) && !fieldError(p, base + "/from") && !fieldError(p, base + "/to") && !fieldError(p, base + "/reason")
                ? <div class="error">{fieldError(p, base)}</div> : null}
              <div class="pair">
                <InstantField label={`Period ${n} from (UTC)`} required value={row.from.text}
                  onValue={(v) => updatePeriod(i, { from: { ...row.from, text: v } })} error={fieldError(p, base + "/from")} />
                <InstantField label={`Period ${n} to (UTC)`} required value={row.to.text}
                  onValue={(v) => updatePeriod(i, { to: { ...row.to, text: v } })} error={fieldError(p, base + "/to")} />
              </div>
              <TextField label={`Period ${n} reason`} required value={row.reason} onValue={(v) => updatePeriod(i, { reason: v })}
                error={fieldError(p, base + "/reason")} hint="e.g. public holiday; requesters see it." />
              <button type="button" class="danger" onClick={() => set("unavailable", form.unavailable.filter((_, j) => j !== i))}>
                Remove period {n}
              </button>
            </fieldset>
          );
        })}
        <button type="button" onClick={() => set("unavailable", [...form.unavailable, { ...periodRow(), from: typed(""), to: typed("") }])}>
          Add a period
        </button>
      </fieldset>

      <TextArea label="Reason for the change" required value={reason} onValue={setReason} rows={2} error={fieldError(p, "/reason")} />
      <div class="actions">
        <button type="submit" class="primary" disabled={action.busy}>{creating ? "Add contact point" : "Save changes"}</button>
        <span role="status" class="muted">{action.busy ? "Saving…" : ""}</span>
      </div>
    </form>
  );
}
