import type { Schemas } from "../../api";
import { Time } from "../../ui/time";
import { TlpBanner } from "../../ui/tlp";
import { jurisdictionName } from "./jurisdictions";
import { DATA_CATEGORIES, GATE_RULES, OWNERS, RESPONSE_STATUSES, VERDICTS } from "./labels";

type Item = Schemas["ResponseList"]["items"][number];
type Released = Schemas["RequesterResponseReleased"];
type Withheld = Schemas["RequesterResponseWithheld"];
type Sent = Schemas["ContactPointResponseView"];

/**
 * A request's answers as the caller may see them: the requester what the gate released (every
 * redaction and pseudonym marked, in words and with class "redacted"), or why an answer is withheld;
 * the contact point the gate's decision on each answer it sent.
 */
export function Responses({ items }: { items: Item[] }) {
  if (items.length === 0) return <p class="muted">No answers yet.</p>;
  return (
    <>
      {items.map((item) =>
        "decision" in item ? <SentAnswer item={item} /> : "withheld" in item ? <WithheldAnswer item={item} /> : <ReleasedAnswer item={item as Released} />,
      )}
    </>
  );
}

function ReleasedAnswer({ item }: { item: Released }) {
  return (
    <article class="card answer" aria-labelledby={"answer-" + item.number}>
      <h3 id={"answer-" + item.number}>Answer {item.number}{item.final ? " (final)" : " (partial)"}</h3>
      <TlpBanner tlp={item.tlp} />
      <dl class="facts">
        <dt>Sent</dt><dd><Time at={item.submittedAt} /></dd>
        <dt>Gate</dt><dd>{VERDICTS[item.verdict]} under {item.policyVersion}{item.ruleIds.length ? "; rules " + item.ruleIds.join(", ") : ""}</dd>
        {item.review && <><dt>Review</dt><dd>{item.review.approved ? "Approved" : "Blocked"} by a data-protection officer of {item.review.jurisdiction}, <Time at={item.review.at} /></dd></>}
        <dt>Actions allowed</dt><dd>{item.pap}</dd>
        <dt>Readable until</dt><dd>{item.expiresAt ? <Time at={item.expiresAt} /> : "no end set"}</dd>
      </dl>
      {item.confirmation && (
        <p><strong>Preserved:</strong> {item.confirmation.preserved} <span class="muted">(until {item.confirmation.until})</span></p>
      )}
      {item.records.map((record) => <ReleasedRecord record={record} />)}
    </article>
  );
}

function ReleasedRecord({ record }: { record: Schemas["ReleasedRecord"] }) {
  const title = `Record ${record.index + 1}: ${DATA_CATEGORIES[record.category]} data of ${OWNERS[record.owner].toLowerCase()}, from ${jurisdictionName(record.originJurisdiction)}`;
  if (record.redacted) {
    return (
      <section class="record">
        <h4>{title}</h4>
        <p class="redacted">
          Withheld by {record.redacted.ruleId}: {GATE_RULES[record.redacted.ruleId]}.
        </p>
      </section>
    );
  }
  const names = Object.keys(record.fields).sort();
  return (
    <section class="record">
      <h4>{title}</h4>
      <table>
        <thead><tr><th scope="col">Field</th><th scope="col">Value</th></tr></thead>
        <tbody>
          {names.map((name) => (
            <tr>
              <th scope="row"><code>{name}</code></th>
              <td><ReleasedFieldValue field={record.fields[name]} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ReleasedFieldValue({ field }: { field: Schemas["ReleasedField"] }) {
  if ("pseudonym" in field) {
    return (
      <span class="redacted pseudonym">
        <span class="mark">Pseudonym</span> <code>{field.pseudonym}</code>{" "}
        <span class="muted">({field.ruleId}: {GATE_RULES[field.ruleId]})</span>
      </span>
    );
  }
  if ("redacted" in field) {
    return (
      <span class="redacted">
        <span class="mark">Redacted</span> <span class="muted">({field.ruleId}: {GATE_RULES[field.ruleId]})</span>
      </span>
    );
  }
  return <span class="value">{field.value}</span>;
}

function WithheldAnswer({ item }: { item: Withheld }) {
  return (
    <article class="card answer" aria-labelledby={"answer-" + item.number}>
      <h3 id={"answer-" + item.number}>Answer {item.number}{item.final ? " (final)" : " (partial)"}</h3>
      <p class="redacted">
        <span class="mark">Withheld</span>: {item.withheld}. <span class="muted">{RESPONSE_STATUSES[item.status]}; sent <Time at={item.submittedAt} />.</span>
      </p>
    </article>
  );
}

/** The gate's decision on one answer the contact point sent (never the released view, never a reviewer's reason). */
export function SentAnswer({ item }: { item: Sent }) {
  return (
    <article class="card answer" aria-labelledby={"answer-" + item.number}>
      <h3 id={"answer-" + item.number}>Answer {item.number}{item.final ? " (final)" : " (partial)"}: {RESPONSE_STATUSES[item.status]}</h3>
      <GateDecision decision={item.decision} />
      <dl class="facts">
        <dt>Sent</dt><dd><Time at={item.submittedAt} /> by {item.contactPoint}</dd>
        {item.review && <><dt>Review</dt><dd>{item.review.approved ? "Approved" : "Blocked"} by a data-protection officer of {item.review.jurisdiction}, <Time at={item.review.at} /></dd></>}
        {item.expiresAt && <><dt>Readable until</dt><dd><Time at={item.expiresAt} /></dd></>}
      </dl>
    </article>
  );
}

/** The verdict, every rule that fired with its reason, the policy version and the TLP the requester sees. */
export function GateDecision({ decision }: { decision: Schemas["GateDecision"] }) {
  return (
    <>
      <p>
        <strong>Gate's verdict: {VERDICTS[decision.verdict]}</strong>{" "}
        <span class="muted">(policy {decision.policyVersion}; the requester sees it as {decision.tlp})</span>
      </p>
      {decision.findings.length > 0 && (
        <table>
          <thead><tr><th scope="col">Rule</th><th scope="col">Effect</th><th scope="col">Record</th><th scope="col">Why</th></tr></thead>
          <tbody>
            {decision.findings.map((f) => (
              <tr>
                <td><code>{f.ruleId}</code></td>
                <td>{VERDICTS[f.effect]}</td>
                <td>{f.record === null || f.record === undefined ? "whole answer" : "record " + (f.record + 1)}</td>
                <td>{f.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
