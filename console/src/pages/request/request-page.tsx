import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, asProblem, type Problem, type Schemas } from "../../api";
import { useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { ProblemNotice } from "../../ui/problem";
import { Countdown, Time } from "../../ui/time";
import { TlpBanner } from "../../ui/tlp";
import "../../ui/request.css";
import { jurisdictionName } from "./jurisdictions";
import {
  CONTACT_POINT_KINDS, DATA_CATEGORIES, INSTRUMENTS, PAP_DEFINITIONS, REJECTION_GROUNDS, requestTypeName, STATUSES, URGENCIES,
} from "./labels";
import { Responses } from "./responses";
import { Trail } from "./trail";

/** What a role's actions see of the request, and how they make the page read it again. */
export interface RequestView {
  request: Schemas["Request"];
  events: Schemas["AuditEvent"][];
  responses: Schemas["ResponseList"]["items"];
  /** Reads the request, its answers and its trail again (after an action). */
  reload: () => void;
  /** After an action: says what happened (and takes the focus there, since the form that had it is gone), then reads again. */
  done: (message: string) => void;
}

interface Loaded {
  request: Schemas["Request"];
  responses: Schemas["ResponseList"]["items"] | null;
  responsesProblem: Problem | null;
  events: Schemas["AuditEvent"][];
}

/**
 * Reads the request, then its answers (a requester's read of a payload is written to the trail
 * first), then the trail, so that the trail shown includes that read. Only the request's own
 * answer decides "not found": the console never hints that a request exists outside the scope.
 */
async function readRequest(id: string) {
  const request = await api.GET("/requests/{id}", { params: { path: { id } } });
  if (!request.data) return { data: undefined, error: request.error, response: request.response };
  const responses = await api.GET("/requests/{id}/responses", { params: { path: { id } } });
  const events = await api.GET("/requests/{id}/events", { params: { path: { id } } });
  const data: Loaded = {
    request: request.data,
    responses: responses.data?.items ?? null,
    responsesProblem: responses.data ? null : asProblem(responses.error, responses.response.status),
    events: events.data?.items ?? [],
  };
  return { data, error: undefined, response: request.response };
}

/** The request page both parties share; `actions` are what the caller's role may do in the request's state. */
export function RequestPage({ id, actions }: { id: string; actions: (view: RequestView) => ComponentChildren }) {
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const loaded = useLoad(() => readRequest(id), [id, round]);
  useEffect(() => setNotice(null), [id]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  if (loaded.problem?.status === 404) {
    return (
      <Page title="Not found">
        <p>Not found.</p>
      </Page>
    );
  }
  if (!loaded.data) {
    return (
      <Page title="Request">
        {loaded.problem ? <ProblemNotice problem={loaded.problem} /> : <Loading />}
      </Page>
    );
  }
  const { request, responses, responsesProblem, events } = loaded.data;
  const reload = () => setRound((r) => r + 1);
  const view: RequestView = { request, events, responses: responses ?? [], reload, done: (message) => { setNotice(message); reload(); } };
  const filing = request.filing;
  return (
    <Page title={`${requestTypeName(filing.type)} request to ${jurisdictionName(filing.targetJurisdiction)}`}>
      <TlpBanner tlp={filing.tlp} />
      <p class="muted">
        Request <code>{request.id}</code> · filed <Time at={request.filedAt} /> by {request.requester.agency} ({request.requester.jurisdiction})
        {loaded.loading ? " · reading again…" : ""}
      </p>

      <section aria-labelledby="state" class="card">
        <h2 id="state">Where it stands</h2>
        <Standing request={request} />
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">What you can do</h2>
        {notice && <p class="notice" role="status" tabIndex={-1} ref={noticeRef}>{notice}</p>}
        {actions(view)}
      </section>

      {request.clarifications && (
        <section aria-labelledby="questions">
          <h2 id="questions">Questions from the contact point</h2>
          <ol class="plain-list">
            {request.clarifications.map((c) => (
              <li class="card">
                <p><strong>Question</strong> (<Time at={c.askedAt} />): <span class="text">{c.question}</span></p>
                {c.answer !== undefined
                  ? <p><strong>Answer</strong> (<Time at={c.answeredAt} />): <span class="text">{c.answer}</span></p>
                  : <p class="muted">Not answered yet.</p>}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="answers">
        <h2 id="answers">Answers</h2>
        {responsesProblem ? (
          <>
            <ProblemNotice problem={responsesProblem} />
            <button type="button" onClick={view.reload}>Read the answers again</button>
          </>
        ) : (
          <Responses items={responses ?? []} />
        )}
      </section>

      <section aria-labelledby="particulars">
        <h2 id="particulars">The request as filed</h2>
        <Particulars filing={filing} />
      </section>

      <section aria-labelledby="trail">
        <h2 id="trail">Trail</h2>
        <Trail events={events} />
      </section>
    </Page>
  );
}

/** Status, who handles it, and the deadlines as countdowns (the one running now first). */
function Standing({ request }: { request: Schemas["Request"] }) {
  const d = request.deadlines;
  const cp = request.contactPoint;
  const waitingForAck = request.status === "ROUTED";
  const waitingForAnswer = request.status === "ACCEPTED";
  return (
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <span class="badge">{STATUSES[request.status]}</span>
        {request.statusReason && <> <StatusReason reason={request.statusReason} /></>}
      </dd>
      <dt>Contact point</dt>
      <dd>
        {cp ? (
          <>
            {cp.name ?? cp.id} <span class="muted">({cp.id}, {CONTACT_POINT_KINDS[cp.kind]})</span>
            {cp.escalatedFrom && <> · escalated from {cp.escalatedFrom}, which did not acknowledge in time</>}
            {request.routingRule && <> · chosen by rule <code>{request.routingRule}</code>, <Time at={request.routedAt} /></>}
          </>
        ) : (
          <span class="muted">not routed</span>
        )}
      </dd>
      {d && (
        <>
          <dt>Acknowledge by</dt>
          <dd>
            {waitingForAck ? <Countdown until={d.acknowledgeBy} /> : <Time at={d.acknowledgeBy} />}
            {d.acknowledgementOverdue && <> <span class="overdue">Overdue</span></>}
          </dd>
          <dt>Respond by</dt>
          <dd>
            {d.pausedSince ? (
              <>Paused since <Time at={d.pausedSince} /> while a question to the requester is open (was <Time at={d.respondBy} />)</>
            ) : waitingForAnswer || waitingForAck ? <Countdown until={d.respondBy} /> : <Time at={d.respondBy} />}
            {d.responseOverdue && <> <span class="overdue">Overdue</span></>}
          </dd>
        </>
      )}
      {request.preservation && (
        <>
          <dt>Preserved until</dt>
          <dd>
            {request.status === "EXPIRED" ? <Time at={request.preservation.until} /> : <Countdown until={request.preservation.until} />}
            {request.preservation.extended ? " (extended once; no further extension)" : ""}
          </dd>
        </>
      )}
      <dt>Last change</dt>
      <dd><Time at={request.updatedAt} /></dd>
    </dl>
  );
}

/** Why the request is where it is: a routing rule, a rejection ground, the final answer, a party's note. */
function StatusReason({ reason }: { reason: NonNullable<Schemas["Request"]["statusReason"]> }) {
  const code = reason.code;
  const ground = code && code in REJECTION_GROUNDS ? REJECTION_GROUNDS[code as Schemas["RejectionGround"]] : undefined;
  return (
    <>
      {code === "final_response" ? "The final answer was released." : ground ? <strong>{ground}:</strong> : code ? <code>{code}</code> : null}
      {reason.text && <> <span class="text">{reason.text}</span></>}
    </>
  );
}

/** The filing as it was filed: what people typed is text, never HTML. */
function Particulars({ filing }: { filing: Schemas["Filing"] }) {
  const lb = filing.legalBasis;
  return (
    <dl class="facts">
      <dt>Type</dt><dd>{requestTypeName(filing.type)}</dd>
      <dt>Urgency</dt><dd>{URGENCIES[filing.urgency]}</dd>
      <dt>Target</dt><dd>{jurisdictionName(filing.targetJurisdiction)}</dd>
      <dt>Legal basis</dt><dd>{INSTRUMENTS[lb.instrument]}, Art. {lb.article}{lb.treaty ? ` (${lb.treaty})` : ""}</dd>
      <dt>Case reference</dt><dd class="text">{filing.caseReference}</dd>
      <dt>Offence</dt><dd class="text">{filing.offence}</dd>
      <dt>Summary of facts</dt><dd class="text">{filing.summaryOfFacts}</dd>
      <dt>Identifiers</dt>
      <dd>
        <ul class="plain">
          {filing.identifiers.map((i) => (
            <li>
              <span class="muted">{i.type}</span> <code>{i.value}</code>
              {"observedAt" in i && <> observed <Time at={i.observedAt} /></>}
              {"service" in i && <> at {i.service}</>}
              {"algorithm" in i && <> ({i.algorithm})</>}
            </li>
          ))}
        </ul>
      </dd>
      <dt>Data categories</dt><dd>{filing.dataCategories.length ? filing.dataCategories.map((c) => DATA_CATEGORIES[c]).join(", ") : "none"}</dd>
      <dt>Time range</dt><dd>{filing.timeRange ? <><Time at={filing.timeRange.from} /> to <Time at={filing.timeRange.to} /></> : "none"}</dd>
      <dt>Necessity</dt><dd class="text">{filing.necessityStatement}</dd>
      <dt>TLP / PAP</dt><dd>{filing.tlp} / {filing.pap} <span class="muted">({PAP_DEFINITIONS[filing.pap]})</span></dd>
      <dt>Data subject may be informed</dt><dd>{filing.dataSubjectMayBeInformed ? "Yes" : "No"}</dd>
    </dl>
  );
}
