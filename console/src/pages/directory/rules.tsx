import { useEffect, useId, useRef, useState } from "preact/hooks";
import { api, asProblem, type Problem, type Schemas } from "../../api";
import { session } from "../../session";
import { TextArea } from "../../ui/fields";
import { useAction, useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { fieldError } from "../../ui/problem";
import { InstantField } from "../../ui/request-fields";
import { Time } from "../../ui/time";
import { JsonField } from "../../ui/oversight-fields";
import { OversightProblem } from "../../ui/oversight-problem";
import { asInstant } from "../requester/filing";
import { CONTACT_POINT_KINDS } from "../request/labels";
import "../../ui/oversight.css";
import "./directory.css";

type Rules = Schemas["RoutingRules"];
type Proposal = Schemas["RulesProposal"];
type Condition = Schemas["RuleCondition"];

function whenText(when: Condition | undefined): string {
  const parts = [
    when?.types?.length ? "type " + when.types.join(" or ") : "",
    when?.urgencies?.length ? "urgency " + when.urgencies.join(" or ") : "",
    when?.instruments?.length ? "instrument " + when.instruments.join(" or ") : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", and ") : "anything";
}

/**
 * The routing and deadline rules in force, and the changes proposed to them: a change takes two
 * network administrators, one who proposes and another who approves.
 */
export function RulesPage() {
  const rules = useLoad(() => api.GET("/routing/rules", {}), []);
  const admin = session.value?.role === "admin";
  return (
    <Page title="Routing rules" actions={<>
      {session.value?.network ? <><a href="#/rules/propose">Propose a change</a>{" · "}</> : null}
      <a href="#/revisions/routing-rules">Revisions</a>
    </>}>
      <p>Which contact point a request goes to, and by when it must be acknowledged and answered (docs/routing.md). Rules are tried
        in order; the first that matches decides.</p>
      <OversightProblem problem={rules.problem} />
      {rules.loading ? <Loading /> : rules.data && <RulesView rules={rules.data} />}
      {admin ? <Proposals current={rules.data?.revision} onApproved={rules.reload} /> : null}
    </Page>
  );
}

function RulesView({ rules }: { rules: Rules }) {
  const doc = rules.document;
  return (
    <>
      <dl class="facts">
        <dt>Version</dt><dd><code>{rules.version}</code></dd>
        <dt>Revision</dt><dd>{rules.revision}{rules.revision === 1 ? " (the packaged rules)" : ""}</dd>
        <dt>Valid from</dt><dd><Time at={rules.validFrom} /></dd>
      </dl>
      <h2>Routing rules</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Routing rules">
        <table>
          <thead><tr><th scope="col">Rule</th><th scope="col">When</th><th scope="col">Goes to</th><th scope="col">Why</th></tr></thead>
          <tbody>
            {(doc.routing ?? []).map((r) => (
              <tr>
                <th scope="row" class="rule"><code>{r.id}</code></th>
                <td>{whenText(r.when)}</td>
                <td>{r.to.map((k) => CONTACT_POINT_KINDS[k] ?? k).join(", else ")}</td>
                <td class="small">{r.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Deadline rules</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Deadline rules">
        <table>
          <thead><tr><th scope="col">Rule</th><th scope="col">When</th><th scope="col">Acknowledge within</th>
            <th scope="col">Respond within</th><th scope="col">Why</th></tr></thead>
          <tbody>
            {(doc.deadlines ?? []).map((r) => (
              <tr>
                <th scope="row" class="rule"><code>{r.id}</code></th>
                <td>{whenText(r.when)}</td>
                <td><code>{r.acknowledgeWithin}</code></td>
                <td><code>{r.respondWithin}</code></td>
                <td class="small">{r.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details class="card">
        <summary>The whole document (instruments, preservation rules)</summary>
        <pre class="json" tabIndex={0} role="region" aria-label={"Rules document " + rules.version}>{JSON.stringify(doc, null, 2)}</pre>
      </details>
    </>
  );
}

/** Every proposal; a network administrator approves one it did not make (the API refuses its own, four eyes). */
function Proposals({ current, onApproved }: { current?: number; onApproved: () => void }) {
  const list = useLoad(() => api.GET("/routing/rules/proposals", {}), []);
  const [refusals, setRefusals] = useState<Record<string, Problem>>({});
  const [approved, setApproved] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState<string | null>(null);
  // The state above is seen only after the next render; this holds from the first click on.
  const running = useRef(false);
  const approve = async (proposal: Proposal) => {
    if (running.current) return;
    running.current = true;
    setBusy(proposal.id);
    setRefusals(({ [proposal.id]: _, ...rest }) => rest);
    try {
      const answer = await api.POST("/routing/rules/proposals/{proposalId}/approval", { params: { path: { proposalId: proposal.id } } });
      if (answer.response.ok && answer.data) {
        setApproved((a) => ({ ...a, [proposal.id]: answer.data!.number }));
        list.reload();
        onApproved();
      } else {
        setRefusals((r) => ({ ...r, [proposal.id]: asProblem(answer.error, answer.response.status) }));
      }
    } catch {
      setRefusals((r) => ({ ...r, [proposal.id]: asProblem(null, 0) }));
    } finally {
      running.current = false;
      setBusy(null);
    }
  };
  const me = session.value?.subject;
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="proposals">
      <h2 id="proposals">Proposed changes</h2>
      <OversightProblem problem={list.problem} />
      {list.loading && !list.data ? <Loading /> : items.length === 0 ? <p>No proposals.</p> : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label="Proposals">
          <table>
            <thead>
              <tr><th scope="col">Version</th><th scope="col">Reason</th><th scope="col">Proposed</th>
                <th scope="col">Valid from</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Decision</span></th></tr>
            </thead>
            <tbody>
              {items.map((proposal) => (
                <tr>
                  <th scope="row"><code>{proposal.version}</code></th>
                  <td class="text">{proposal.reason}</td>
                  <td>
                    <Time at={proposal.proposedAt} /> by {proposal.proposedBy}{proposal.proposedBy === me ? " (you)" : ""}
                    <div class="muted small">on revision {proposal.baseRevision}{current && current !== proposal.baseRevision && proposal.status === "PENDING"
                      ? ` (the rules are at revision ${current} now)` : ""}</div>
                  </td>
                  <td>{proposal.validFrom ? <Time at={proposal.validFrom} /> : "when approved"}</td>
                  <td>
                    <span class={"badge" + (proposal.status === "APPROVED" ? " ok" : "")}>{proposal.status === "PENDING" ? "Pending" : "Approved"}</span>
                    {proposal.approvedBy ? <div class="muted small">by {proposal.approvedBy}{proposal.approvedAt ? <>, <Time at={proposal.approvedAt} /></> : null}</div> : null}
                    {approved[proposal.id] ? <div role="status">Approved: rules revision {approved[proposal.id]}.</div> : null}
                  </td>
                  <td>
                    {proposal.status === "PENDING" && session.value?.network ? (
                      <button type="button" class="primary" disabled={busy !== null} aria-label={"Approve " + proposal.version}
                        onClick={() => approve(proposal)}>Approve</button>
                    ) : null}
                    {refusals[proposal.id] ? <ApprovalRefused problem={refusals[proposal.id]} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ApprovalRefused({ problem }: { problem: Problem }) {
  const heading = problem.status === 403 ? "Not yours to approve" : problem.status === 409 ? "Cannot be approved now" : problem.title;
  return (
    <div class="problem" role="alert">
      <p><strong>{heading}</strong> <span class="muted">(HTTP {problem.status})</span></p>
      <p>{problem.detail}</p>
      {problem.status === 403 ? <p class="small">A change to the rules takes two people: another network administrator approves it.</p> : null}
    </div>
  );
}

/** The API's errors at `/document/...` as pointers into the document itself (the text area holds only the document). */
function intoDocument(problem: Problem | null): Problem | null {
  if (!problem?.errors) return problem;
  return {
    ...problem,
    errors: problem.errors.map((e) => e.pointer?.startsWith("/document/") || e.pointer === "/document"
      ? { ...e, pointer: e.pointer.slice("/document".length) } : e),
  };
}

/** Proposes a whole new rules document, starting from the one in force; nothing changes until another network administrator approves. */
export function RulesPropose() {
  const current = useLoad(() => api.GET("/routing/rules", {}), []);
  const [text, setText] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [validFrom, setValidFrom] = useState("");
  const [localError, setLocalError] = useState<string | undefined>();
  const [proposed, setProposed] = useState<Proposal | null>(null);
  const action = useAction<Proposal>();
  const fileId = useId();
  useEffect(() => {
    if (current.data && text === null) setText(JSON.stringify(current.data.document, null, 2));
  }, [current.data]);

  const submit = async () => {
    setProposed(null);
    let document: Schemas["RoutingPolicyDocument"];
    try {
      document = JSON.parse(text ?? "");
    } catch (e) {
      setLocalError("This is not JSON: " + (e instanceof Error ? e.message : String(e)));
      return;
    }
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
      setLocalError("A rules document is a JSON object.");
      return;
    }
    setLocalError(undefined);
    const body: Schemas["RulesProposalSubmission"] = { document, reason, ...(validFrom ? { validFrom: asInstant(validFrom) } : {}) };
    const made = await action.run(() => api.POST("/routing/rules/proposals", { body }));
    if (made) setProposed(made);
  };

  const load = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setLocalError(undefined);
    action.setProblem(null);
  };

  const p = intoDocument(action.problem);
  return (
    <Page title="Propose a change to the routing rules">
      <p><a href="#/rules">Back to the rules</a></p>
      <OversightProblem problem={current.problem} />
      {current.loading && text === null ? <Loading /> : (
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <p>A change takes two network administrators: you propose it, another approves it, and only then does it apply. Give the
            document a new <code>version</code> name.</p>
          <div class="field">
            <label for={fileId}>Rules file (JSON)</label>
            <input id={fileId} type="file" accept=".json,application/json" aria-describedby={fileId + "-hint"}
              onChange={(e) => load(e.currentTarget.files?.[0])} />
            <div class="hint" id={fileId + "-hint"}>Loads the file into the document below, where you can still edit it.</div>
          </div>
          <JsonField label="Rules document" value={text ?? ""} onValue={(v) => { setText(v); setLocalError(undefined); }}
            problem={p && { ...p, errors: (p.errors ?? []).filter((e) => e.pointer !== "/reason" && e.pointer !== "/validFrom") }}
            localError={localError}
            hint={<>The whole document, starting from the rules in force (version {current.data?.version}). A rule that names a kind of
              contact point the directory does not have is refused.</>} />
          <TextArea label="Reason for the change" required value={reason} onValue={setReason} rows={2} error={fieldError(p, "/reason")} />
          <InstantField label="Applies from (UTC)" value={validFrom} onValue={setValidFrom} error={fieldError(p, "/validFrom")}
            hint="Empty: from the moment it is approved." />
          {/* Every error with a pointer is shown beside the document or its field. */}
          <OversightProblem problem={p} shownPointers={[""]} />
          {proposed ? (
            <p class="notice" role="status">
              Proposed <code>{proposed.version}</code>; it waits for another network administrator's approval. <a href="#/rules">See the proposals</a>
            </p>
          ) : null}
          <div class="actions">
            <button type="submit" class="primary" disabled={action.busy}>Propose</button>
          </div>
        </form>
      )}
    </Page>
  );
}
