import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { TextArea } from "../../ui/fields";
import { useAction, useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { fieldError } from "../../ui/problem";
import { Time } from "../../ui/time";
import { TlpBanner } from "../../ui/tlp";
import { OversightProblem } from "../../ui/oversight-problem";
import { GATE_RULES, VERDICT_WORDS } from "./rules";
import "../../ui/oversight.css";

type Detail = Schemas["ReviewDetail"];
type Finding = Schemas["Finding"];
type SentRecord = Detail["answer"]["records"][number];
type ReleasedRecord = Schemas["ReleasedRecord"];
type ReleasedField = Schemas["ReleasedField"];

/**
 * One response as the reviewing officer reads it: the gate's decision with each finding explained,
 * the records as sent beside what the requester would receive, and the decision to take.
 */
export function ReviewPage({ id, number }: { id: string; number: string }) {
  const { data, problem, loading, reload } = useLoad(
    () => api.GET("/requests/{id}/responses/{number}", { params: { path: { id, number } } }),
    [id, number],
  );
  // The review's answer updates what is shown without reading the payload again (each read is a trail entry).
  const [reviewed, setReviewed] = useState<Schemas["OfficerResponseView"] | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const detail = data && reviewed ? { ...data, ...reviewed } : data;
  return (
    <Page title={"Review of response " + number}>
      <p><a href="#/reviews">Back to the review queue</a></p>
      <OversightProblem problem={problem} />
      {loading && !data ? <Loading /> : detail && (
        <>
          <Facts detail={detail} />
          <TlpBanner tlp={detail.decision.tlp} />
          <Findings findings={detail.decision.findings} />
          <Records detail={detail} />
          {outcome ? <p class="notice" role="status">{outcome}</p> : null}
          {detail.review ? <Review review={detail.review} expiresAt={detail.expiresAt} /> : null}
          {detail.status === "HELD" && !detail.review ? (
            <Decide id={id} number={number} onStale={() => { setReviewed(null); reload(); }}
              onDone={(view, decision) => {
                setReviewed(view);
                setOutcome(decision === "approve" ? "Approved: the answer is released to the requester." : "Refused: the answer is blocked for good.");
              }} />
          ) : null}
        </>
      )}
    </Page>
  );
}

function Facts({ detail }: { detail: Detail }) {
  return (
    <dl class="facts">
      <dt>Request</dt><dd><code>{detail.requestId}</code></dd>
      <dt>Response</dt><dd>{detail.number}, {detail.final ? "the final answer" : "a partial answer"}</dd>
      <dt>Status</dt><dd><span class="badge">{detail.status}</span></dd>
      <dt>Sent by</dt><dd>{detail.contactPoint}, <Time at={detail.submittedAt} /></dd>
      <dt>Gate's verdict</dt><dd><span class="verdict">{detail.decision.verdict}</span> ({VERDICT_WORDS[detail.decision.verdict]})</dd>
      <dt>Release policy</dt><dd><code>{detail.decision.policyVersion}</code></dd>
      <dt>Released until</dt><dd>{detail.expiresAt ? <Time at={detail.expiresAt} /> : "not released"}</dd>
    </dl>
  );
}

function recordLabel(index: number | null | undefined) {
  return index === null || index === undefined ? "the whole answer" : "record " + (index + 1);
}

function Findings({ findings }: { findings: Finding[] }) {
  return (
    <section aria-labelledby="findings">
      <h2 id="findings">The gate's findings</h2>
      <p class="muted">Every rule that fired, in the order it fired. The verdict is the most restrictive effect.</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Findings">
        <table>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Effect</th>
              <th scope="col">Concerns</th>
              <th scope="col">Liaison's reason</th>
              <th scope="col">What the rule says</th>
              <th scope="col">Rests on</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f) => {
              const rule = GATE_RULES[f.ruleId];
              return (
                <tr>
                  <th scope="row" class="rule"><code>{f.ruleId}</code></th>
                  <td>{f.effect}</td>
                  <td>{recordLabel(f.record)}</td>
                  <td>{f.reason}</td>
                  <td>{rule?.says ?? <span class="muted">not described</span>}</td>
                  <td>{rule?.restsOn ?? <span class="muted">not described</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Records({ detail }: { detail: Detail }) {
  const records = detail.answer.records;
  return (
    <section aria-labelledby="records">
      <h2 id="records">The records</h2>
      {records.length === 0 ? (
        <p>The answer has no records to show (its release period has ended, or it is a confirmation only).</p>
      ) : (
        <>
          <p class="muted">As the contact point sent them, beside what the requester receives if the answer is released.</p>
          {records.map((r) => (
            <Record record={r} released={detail.wouldRelease.find((w) => w.index === r.index)}
              findings={detail.decision.findings.filter((f) => f.record === r.index)} />
          ))}
        </>
      )}
      {detail.answer.confirmation ? (
        <div class="card">
          <h3>Confirmation</h3>
          <p>{detail.answer.confirmation.preserved}</p>
          <p>Preserved until {detail.answer.confirmation.until}</p>
        </div>
      ) : null}
    </section>
  );
}

function Record({ record, released, findings }: { record: SentRecord; released?: ReleasedRecord; findings: Finding[] }) {
  const title = "Record " + (record.index + 1);
  const headingId = "record-" + record.index;
  return (
    <section class="card record" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title}: {record.category}, {record.owner === "third_party" ? "a third party" : "the data subject"}
      </h3>
      <p>
        {record.specialCategory ? <><span class="badge">special category</span>{" "}</> : null}
        <span class="badge">{record.tlp}</span> <span class="muted">from {record.originJurisdiction}</span>
      </p>
      {findings.length > 0 && (
        <ul class="findings-of-record" aria-label={"Findings on " + title.toLowerCase()}>
          {findings.map((f) => <li><code>{f.ruleId}</code> ({f.effect}): {f.reason}</li>)}
        </ul>
      )}
      {!released ? (
        <p><strong>Not released:</strong> the gate computed no released view of this record.</p>
      ) : released.redacted ? (
        <p><strong class="redacted">Withheld whole</strong> from the requester by <code>{released.redacted.ruleId}</code>.</p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">As sent</th>
            <th scope="col">The requester receives</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(record.fields).map(([name, value]) => (
            <tr>
              <th scope="row"><code>{name}</code></th>
              <td>{value}</td>
              <td>{released ? <ReleasedValue field={released.redacted ? undefined : released.fields[name]} whole={!!released.redacted} /> : "nothing"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ReleasedValue({ field, whole }: { field?: ReleasedField; whole: boolean }) {
  if (whole) return <span class="redacted">withheld (the whole record)</span>;
  if (!field) return <span class="redacted">nothing (not in the released view)</span>;
  if ("value" in field) return <span>the same, in clear</span>;
  if ("pseudonym" in field) {
    return <span><span class="pseudonym">{field.pseudonym}</span> <span class="muted">pseudonymised by</span> <code>{field.ruleId}</code></span>;
  }
  return <span><span class="redacted">redacted</span> <span class="muted">by</span> <code>{field.ruleId}</code></span>;
}

function Review({ review, expiresAt }: { review: Schemas["OfficerReview"]; expiresAt?: string | null }) {
  return (
    <section aria-labelledby="review">
      <h2 id="review">The review</h2>
      <dl class="facts">
        <dt>Outcome</dt><dd>{review.approved ? "Approved: released to the requester" : "Refused: blocked for good"}</dd>
        <dt>By</dt><dd>a data-protection officer of {review.jurisdiction}, <Time at={review.at} /></dd>
        <dt>Reason</dt><dd>{review.reason}</dd>
        {review.approved ? <><dt>Readable until</dt><dd><Time at={expiresAt} /></dd></> : null}
      </dl>
    </section>
  );
}

function Decide({ id, number, onDone, onStale }: { id: string; number: string;
  onDone: (v: Schemas["OfficerResponseView"], decision: "approve" | "block") => void; onStale: () => void }) {
  const [reason, setReason] = useState("");
  const action = useAction<Schemas["OfficerResponseView"]>();
  const decide = async (decision: "approve" | "block") => {
    const view = await action.run(() =>
      api.POST("/requests/{id}/responses/{number}/review", { params: { path: { id, number } }, body: { decision, reason } }),
    );
    if (view) onDone(view, decision);
  };
  return (
    <section aria-labelledby="decide">
      <h2 id="decide">Your decision</h2>
      <form onSubmit={(e) => { e.preventDefault(); decide("approve"); }} noValidate>
        <TextArea label="Reason for your decision" required value={reason} onValue={setReason} rows={3}
          hint="Required either way. Stored encrypted and shown to data-protection officers only, never to the contact point or the requester."
          error={fieldError(action.problem, "/reason")} />
        <OversightProblem problem={action.problem} shownPointers={["/reason"]} />
        {action.problem?.status === 409 ? (
          <p><button type="button" onClick={onStale}>Read the answer again</button></p>
        ) : null}
        <div class="actions">
          <button type="submit" class="primary" disabled={action.busy}>Approve and release</button>
          <button type="button" class="danger" disabled={action.busy} onClick={() => decide("block")}>Refuse and block</button>
        </div>
      </form>
    </section>
  );
}
