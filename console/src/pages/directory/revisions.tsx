import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { useAction, useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { Time } from "../../ui/time";
import { OversightProblem } from "../../ui/oversight-problem";
import { PageSwitcher, usePages } from "../../ui/oversight-paging";
import { DAMAGE } from "../auditor/trail";
import { CONTACT_POINT_KINDS } from "../request/labels";
import { hoursText } from "./format";
import "../../ui/oversight.css";

type Trail = "directory" | "routing-rules";
type Revision = Schemas["RevisionSummary"];
type Verification = Schemas["RevisionTrailVerification"];

const PER_PAGE = 25;
const TITLES: Record<Trail, string> = { directory: "Directory revisions", "routing-rules": "Routing rules revisions" };

function readTrail(trail: Trail) {
  return trail === "directory" ? api.GET("/directory/revisions", {}) : api.GET("/routing/rules/revisions", {});
}

function verifyTrail(trail: Trail) {
  return trail === "directory" ? api.GET("/directory/verification", {}) : api.GET("/routing/rules/verification", {});
}

/**
 * A trail of revisions (the directory's or the routing rules') with each revision's hashes, and
 * its verification, as for a request's trail: valid, or broken at revision N and how.
 */
export function RevisionsPage({ trail }: { trail: Trail }) {
  const { data, problem, loading } = useLoad(() => readTrail(trail), [trail]);
  const verify = useAction<Verification>();
  const [result, setResult] = useState<Verification | null>(null);
  const items = data?.items ?? [];
  const pages = usePages<Revision>(items, PER_PAGE);
  const broken = result && !result.valid ? result.sequence : undefined;
  const other: Trail = trail === "directory" ? "routing-rules" : "directory";
  const run = async () => {
    setResult(null);
    const verification = await verify.run(() => verifyTrail(trail));
    if (verification) {
      setResult(verification);
      const at = items.findIndex((r) => r.number === verification.sequence);
      if (!verification.valid && at >= 0) pages.showIndex(at);
    }
  };
  return (
    <Page title={TITLES[trail]}>
      <p>Every change is a revision, hash-chained like a request's trail: who made it, why, from when it applies, and its hashes.
        {" "}<a href={"#/revisions/" + other}>{TITLES[other]}</a></p>
      <OversightProblem problem={problem} />
      {loading ? <Loading /> : data && (
        <>
          <dl class="facts">
            <dt>Trail</dt><dd><code>{data.trail}</code></dd>
            <dt>Revisions</dt><dd>{items.length}</dd>
            <dt>Head</dt><dd>{items.length ? <code class="hash">{items[items.length - 1].chainHash}</code> : "—"}</dd>
          </dl>
          <section aria-labelledby="verification">
            <h2 id="verification">Verification</h2>
            <p class="muted">Liaison recomputes every revision's entry hash and chain hash with the verifier request trails use.</p>
            <div class="actions">
              <button type="button" class="primary" onClick={run} disabled={verify.busy}>Verify the trail</button>
            </div>
            <OversightProblem problem={verify.problem} />
            <div aria-live="polite">
              {verify.busy ? <p class="muted">Verifying…</p> : null}
              {result ? <VerificationResult result={result} /> : null}
            </div>
          </section>
          <section aria-labelledby="revisions">
            <h2 id="revisions">Revisions</h2>
            <RevisionTable trail={trail} revisions={pages.shown} broken={broken} />
            <PageSwitcher pages={pages} label="Pages of revisions" total={items.length} />
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
        <p><strong>Valid.</strong> All {result.length} revisions check out; the chain ends at the head{" "}
          <code class="hash">{result.head}</code>.</p>
      </div>
    );
  }
  return (
    <div class="problem" role="alert">
      <p><strong>Broken{result.sequence !== undefined ? " at revision " + result.sequence : ""}.</strong>{" "}
        {result.damage ? "The revision is " + DAMAGE[result.damage] + "." : null}</p>
      {result.detail ? <p>{result.detail}</p> : null}
    </div>
  );
}

function who(author: Schemas["RevisionAuthor"] | undefined): string {
  if (!author) return "—";
  return [author.subject, author.role, author.jurisdiction].filter(Boolean).join(" · ");
}

function RevisionTable({ trail, revisions, broken }: { trail: Trail; revisions: Revision[]; broken?: number }) {
  if (revisions.length === 0) return <p>No revisions.</p>;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={TITLES[trail]}>
      <table>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">When</th>
            <th scope="col">Applies from</th>
            <th scope="col">Who</th>
            <th scope="col">Change and reason</th>
            <th scope="col">Hashes</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => {
            const isBroken = broken === r.number;
            return (
              <tr class={isBroken ? "broken" : undefined}>
                <th scope="row">
                  {trail === "directory"
                    ? <a href={"#/revisions/directory/" + r.number} aria-label={"Revision " + r.number + ", with its state"}>{r.number}</a>
                    : r.number}
                  {isBroken ? <div><strong>broken</strong></div> : null}
                </th>
                <td><Time at={r.at} /></td>
                <td><Time at={r.validFrom} /></td>
                <td>
                  {who(r.author)}
                  {r.approvedBy ? <div class="muted">approved by {who(r.approvedBy)}</div> : null}
                </td>
                <td>
                  <div>{r.change}{r.version ? <> (<code>{r.version}</code>)</> : null}</div>
                  <div class="muted text">{r.reason}</div>
                </td>
                <td class="hashes">
                  <div>entryHash <code class="hash">{r.entryHash}</code></div>
                  <div>chainHash <code class="hash">{r.chainHash}</code></div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** One revision of the directory with the whole state it hashes. */
export function DirectoryRevisionPage({ number }: { number: string }) {
  const { data, problem, loading } = useLoad(() => api.GET("/directory/revisions/{number}", { params: { path: { number } } }), [number]);
  return (
    <Page title={"Directory revision " + number}>
      <p><a href="#/revisions/directory">Back to the revisions</a></p>
      <OversightProblem problem={problem} />
      {loading ? <Loading /> : data && (
        <>
          <dl class="facts">
            <dt>When</dt><dd><Time at={data.at} /></dd>
            <dt>Applies from</dt><dd><Time at={data.validFrom} /></dd>
            <dt>Who</dt><dd>{who(data.author)}</dd>
            <dt>Change</dt><dd>{data.change}</dd>
            <dt>Reason</dt><dd class="text">{data.reason}</dd>
            <dt>Entry hash</dt><dd><code class="hash">{data.entryHash}</code></dd>
            <dt>Chain hash</dt><dd><code class="hash">{data.chainHash}</code></dd>
          </dl>
          <h2>The directory after it</h2>
          <div class="table-scroll" tabIndex={0} role="region" aria-label="Contact points in this revision">
            <table>
              <thead><tr><th scope="col">Contact point</th><th scope="col">Kind</th><th scope="col">Hours</th>
                <th scope="col">Backup</th><th scope="col">Unavailable</th><th scope="col">E-mail</th><th scope="col">Version</th></tr></thead>
              <tbody>
                {data.state.contactPoints.map((e) => (
                  <tr>
                    <th scope="row"><code>{e.id}</code><div class="small">{e.name}</div></th>
                    <td>{CONTACT_POINT_KINDS[e.kind]}</td>
                    <td>{hoursText(e.hours)}</td>
                    <td>{e.backup ? <code>{e.backup}</code> : "—"}</td>
                    <td>{e.unavailable.length === 0 ? "—" : e.unavailable.map((u) => (
                      <div class="small"><Time at={u.from} /> to <Time at={u.to} /> ({u.reason})</div>
                    ))}</td>
                    <td>{e.email ? <code>{e.email}</code> : "—"}</td>
                    <td>{e.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}
