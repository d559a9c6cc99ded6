import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { TextArea } from "../../ui/fields";
import { useAction, useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { fieldError, ProblemNotice } from "../../ui/problem";
import { InstantField } from "../../ui/request-fields";
import { Time } from "../../ui/time";
import { OversightProblem } from "../../ui/oversight-problem";
import { asInstant } from "../requester/filing";
import { CONTACT_POINT_KINDS } from "../request/labels";
import { hoursText } from "./format";
import "../../ui/request.css";
import "./directory.css";

type Change = Schemas["DirectoryChange"];

/** The current UTC time plus {@code hours}, as a datetime-local input shows it (to the second). */
function utcInput(hours: number): string {
  return new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 19);
}

/**
 * Marks a contact point unavailable for a period (a holiday, an outage): from now for a day unless
 * changed. While it lasts, requests go to its backup, and their routing says why.
 */
export function MarkUnavailable({ id }: { id: string }) {
  const { data, problem, loading } = useLoad(() => api.GET("/directory", {}), []);
  const entry = data?.items.find((e) => e.id === id);
  const [from, setFrom] = useState(() => utcInput(0));
  const [to, setTo] = useState(() => utcInput(24));
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<{ change: Change; from: string; to: string } | null>(null);
  const action = useAction<Change>();
  const p = action.problem;

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    const body = { from: asInstant(from), to: asInstant(to), reason };
    const change = await action.run(() => api.POST("/directory/contact-points/{contactPointId}/unavailability", { params: { path: { contactPointId: id } }, body }));
    if (change) setDone({ change, from: body.from, to: body.to });
  };

  return (
    <Page title={"Mark " + id + " unavailable"}>
      <p><a href="#/directory">Back to the directory</a></p>
      <OversightProblem problem={problem} />
      {loading ? <Loading /> : data && (entry ? (
        <>
          <dl class="facts">
            <dt>Contact point</dt><dd>{entry.name} ({CONTACT_POINT_KINDS[entry.kind]}, {entry.jurisdiction})</dd>
            <dt>Hours</dt><dd>{hoursText(entry.hours)}</dd>
            <dt>Backup</dt><dd>{entry.backup ? <code>{entry.backup}</code> : "none: requests it cannot take become unroutable"}</dd>
          </dl>
          <p>While it is unavailable, Liaison routes and escalates to its backup, and each request's trail says so. Times are UTC;
            the end is exclusive and must be in the future.</p>
          <form noValidate onSubmit={submit}>
            <ProblemNotice problem={p} shownPointers={["/from", "/to", "/reason"]} />
            <div class="pair">
              <InstantField label="Unavailable from (UTC)" required value={from} onValue={setFrom} error={fieldError(p, "/from")} />
              <InstantField label="Unavailable until (UTC)" required value={to} onValue={setTo} error={fieldError(p, "/to")} />
            </div>
            <TextArea label="Reason" required value={reason} onValue={setReason} rows={2} error={fieldError(p, "/reason")} />
            {done ? (
              <p class="notice" role="status">
                {id} is unavailable from <Time at={done.from} /> until <Time at={done.to} />: directory revision {done.change.number}.{" "}
                <a href="#/directory">Back to the directory</a>
              </p>
            ) : null}
            <div class="actions">
              <button type="submit" class="primary" disabled={action.busy}>Mark unavailable</button>
              <span role="status" class="muted">{action.busy ? "Saving…" : ""}</span>
            </div>
          </form>
        </>
      ) : <div class="problem" role="alert"><p><strong>Not found</strong></p></div>)}
    </Page>
  );
}
