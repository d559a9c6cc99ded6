import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { navigate } from "../../router";
import { TextField } from "../../ui/fields";
import { useAction, useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { Time } from "../../ui/time";
import { OversightProblem } from "../../ui/oversight-problem";
import { PageSwitcher, usePages } from "../../ui/oversight-paging";
import { ScopeNote } from "./scope";
import "../../ui/oversight.css";

type Event = Schemas["AuditedEvent"];
type Verification = Schemas["TrailVerification"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EVENTS_PER_PAGE = 25;

/** Where an auditor starts: the id of the request whose trail to read. */
export function TrailLookup() {
  const [id, setId] = useState("");
  const [error, setError] = useState<string | undefined>();
  return (
    <Page title="Audit trails">
      <ScopeNote />
      <p>Read any request's trail with each event's entry hash and chain hash, and verify that none was altered.</p>
      <form class="row-form" noValidate onSubmit={(e) => {
        e.preventDefault();
        const wanted = id.trim().toLowerCase();
        if (!UUID.test(wanted)) { setError("A request id is a UUID, like 7d1c5e90-3a2b-4f6e-9c84-2b5e1f0a6d37."); return; }
        setError(undefined);
        navigate("/trails/" + wanted);
      }}>
        <TextField label="Request id" required value={id} onValue={setId} error={error} autoComplete="off" />
        <button type="submit" class="primary">Open trail</button>
      </form>
      <p>Or list <a href="#/events">events by day and jurisdiction</a>, or <a href="#/export">export trails and the public key</a>.</p>
    </Page>
  );
}

export const DAMAGE: Record<NonNullable<Verification["damage"]>, string> = {
  ALTERED: "altered: its content no longer matches its hashes",
  MISSING: "missing: an event is not where the numbering says",
  REORDERED: "reordered: events are out of sequence",
  INSERTED: "inserted: an event that the chain does not hold",
  HEAD_MISMATCH: "head mismatch: the last chain hash is not the head the request holds",
  DIGEST_MISMATCH: "digest mismatch: not what the signed hourly digest recorded",
};

/** A request's trail with its hashes, and the verification of the whole chain. */
export function TrailPage({ id }: { id: string }) {
  const { data, problem, loading } = useLoad(() => api.GET("/audit/requests/{id}/events", { params: { path: { id } } }), [id]);
  const verify = useAction<Verification>();
  const [result, setResult] = useState<Verification | null>(null);
  const pages = usePages<Event>(data?.items ?? [], EVENTS_PER_PAGE);
  const broken = result && !result.valid ? result.sequence : undefined;
  const run = async () => {
    setResult(null);
    const verification = await verify.run(() => api.GET("/audit/requests/{id}/verification", { params: { path: { id } } }));
    if (verification) {
      setResult(verification);
      const at = data?.items.findIndex((e) => e.sequence === verification.sequence) ?? -1;
      if (!verification.valid && at >= 0) pages.showIndex(at);
    }
  };
  return (
    <Page title="Trail of a request">
      <p><a href="#/trails">Another request</a></p>
      <OversightProblem problem={problem} />
      {loading ? <Loading /> : data && (
        <>
          <dl class="facts">
            <dt>Request</dt><dd><code>{data.requestId}</code></dd>
            <dt>From → to</dt><dd>{data.requesterJurisdiction} → {data.targetJurisdiction}</dd>
            <dt>Events</dt><dd>{data.items.length}</dd>
            <dt>Trail head</dt><dd><code class="hash">{data.head}</code></dd>
          </dl>
          <section aria-labelledby="verification">
            <h2 id="verification">Verification</h2>
            <p class="muted">Liaison recomputes every entry hash and chain hash, compares the last with the head, and checks the signed hourly digests.</p>
            <div class="actions">
              <button type="button" class="primary" onClick={run} disabled={verify.busy}>Verify the trail</button>
            </div>
            <OversightProblem problem={verify.problem} />
            <div aria-live="polite">
              {verify.busy ? <p class="muted">Verifying…</p> : null}
              {result ? <VerificationResult result={result} /> : null}
            </div>
          </section>
          <section aria-labelledby="events">
            <h2 id="events">Events</h2>
            <EventTable events={pages.shown} broken={broken} label="Events of the trail" />
            <PageSwitcher pages={pages} label="Pages of events" total={data.items.length} />
          </section>
        </>
      )}
    </Page>
  );
}

function VerificationResult({ result }: { result: Verification }) {
  if (result.valid) {
    return (
      <div class="valid" role="status">
        <p><strong>Valid.</strong> All {result.length} events check out; the chain ends at the head{" "}
          <code class="hash">{result.head}</code>.</p>
      </div>
    );
  }
  return (
    <div class="problem" role="alert">
      <p><strong>Broken{result.sequence !== undefined ? " at event " + result.sequence : ""}.</strong>{" "}
        {result.damage ? "The event is " + DAMAGE[result.damage] + "." : null}</p>
      {result.detail ? <p>{result.detail}</p> : null}
    </div>
  );
}

/** Events with everything their entry hash covers, and the two hashes. */
export function EventTable({ events, broken, label, withRequest }: { events: (Event & { requesterJurisdiction?: string; targetJurisdiction?: string })[];
  broken?: number; label: string; withRequest?: boolean }) {
  if (events.length === 0) return <p>No events.</p>;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table>
        <thead>
          <tr>
            {withRequest ? <th scope="col">Request</th> : null}
            <th scope="col">No.</th>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Status</th>
            <th scope="col">Who</th>
            <th scope="col">Rules, ground, reason</th>
            <th scope="col">Hashes</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const isBroken = broken === e.sequence;
            return (
              <tr class={isBroken ? "broken" : undefined} id={"event-" + e.requestId + "-" + e.sequence}>
                {withRequest ? (
                  <td><a href={"#/trails/" + e.requestId}><code>{e.requestId}</code></a><div class="muted">{e.requesterJurisdiction} → {e.targetJurisdiction}</div></td>
                ) : null}
                <th scope="row">{e.sequence}{isBroken ? <div><strong>broken</strong></div> : null}</th>
                <td><Time at={e.at} /></td>
                <td class="rule"><code>{e.action}</code></td>
                <td>{e.from ? e.from + " → " : ""}{e.to}</td>
                <td>
                  {e.actor.role}
                  {e.actor.jurisdiction ? " · " + e.actor.jurisdiction : ""}
                  {e.actor.organisation ? " · " + e.actor.organisation : ""}
                  {e.actor.subject ? <div class="muted">subject {e.actor.subject}</div> : null}
                </td>
                <td>
                  {e.ruleIds.length ? <div>{e.ruleIds.map((r) => <code>{r} </code>)}</div> : null}
                  {e.ground ? <div>ground: {e.ground}</div> : null}
                  {e.reason ? <div class="muted">{e.reason}</div> : null}
                  {e.policyVersion ? <div class="muted">policy {e.policyVersion}</div> : null}
                  {e.directoryRevision ? <div class="muted">directory revision {e.directoryRevision}</div> : null}
                </td>
                <td class="hashes">
                  <div>entryHash <code class="hash">{e.entryHash}</code></div>
                  <div>chainHash <code class="hash">{e.chainHash}</code></div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
