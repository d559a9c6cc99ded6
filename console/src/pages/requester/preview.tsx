import type { Schemas } from "../../api";
import { LocalTime, Time, TimeLeft } from "../../ui/time";
import { hoursText, languagesText } from "../directory/format";
import { jurisdictionName } from "../request/jurisdictions";
import { CONTACT_POINT_KINDS, GATE_RULES, INSTRUMENTS } from "../request/labels";
import "../directory/directory.css";

type Preview = Schemas["RoutingPreview"];

/**
 * What filing the draft would do, as POST /routing/preview answers it with the router's own code:
 * the instrument and the facts it rests on, the contact point and why, who was skipped and why,
 * the deadlines in the reader's own time, and what the release gate will check on the answers.
 */
export function RoutingPreview({ preview, stale }: { preview: Preview; stale: boolean }) {
  const cp = preview.contactPoint;
  const routed = preview.outcome === "ROUTED" && cp;
  return (
    <div class={"card preview" + (stale ? " stale" : "")}>
      {stale ? (
        <p class="notice" role="note">The form has changed since this preview: preview again to see where the request goes now.</p>
      ) : null}
      <p class="outcome">
        {routed ? (
          <><strong>It would go to {cp.id}</strong>, {cp.name} ({CONTACT_POINT_KINDS[cp.kind]}, {jurisdictionName(cp.jurisdiction)}).</>
        ) : (
          <strong>It could not be routed: no contact point of {jurisdictionName(preview.target)} would take it.</strong>
        )}
      </p>
      <p>{preview.reason}</p>

      {preview.unavailable.length > 0 && (
        <>
          <h3>Skipped because unavailable</h3>
          <ul class="skipped-list">
            {preview.unavailable.map((u) => (
              <li><code>{u.contactPoint}</code> is unavailable{u.until ? <> until <LocalTime at={u.until} /></> : null} ({u.reason})</li>
            ))}
          </ul>
        </>
      )}

      {routed && (
        <>
          <h3>The contact point</h3>
          <dl class="facts">
            <dt>Languages</dt><dd>{languagesText(cp.languages)}</dd>
            <dt>Hours</dt><dd>{hoursText(cp.hours)}</dd>
            <dt>Its backup</dt><dd>{cp.backup ? <code>{cp.backup}</code> : "none"}</dd>
          </dl>
        </>
      )}

      <h3>Rules</h3>
      <dl class="facts">
        <dt>Routing rule</dt>
        <dd>{preview.routingRule ? <><code>{preview.routingRule.id}</code>: {preview.routingRule.description}</> : "none matched"}</dd>
        {preview.deadlineRule ? <><dt>Deadline rule</dt><dd><code>{preview.deadlineRule.id}</code>: {preview.deadlineRule.description}</dd></> : null}
        <dt>Rules in force</dt><dd>{preview.rulesVersion} (revision {preview.rulesRevision}); directory revision {preview.directoryRevision}</dd>
      </dl>

      {routed && preview.deadlines && (
        <>
          <h3>Deadlines, if filed now</h3>
          <dl class="facts">
            <dt>Acknowledged by</dt><dd><LocalTime at={preview.deadlines.acknowledgeBy} />, <TimeLeft until={preview.deadlines.acknowledgeBy} /></dd>
            <dt>Answered by</dt><dd><LocalTime at={preview.deadlines.respondBy} />, <TimeLeft until={preview.deadlines.respondBy} /></dd>
          </dl>
          <p class="hint">Counted from the moment Liaison routes the request, a few seconds after you file it.</p>
        </>
      )}

      <h3>The legal basis</h3>
      <Binding binding={preview.binding} />

      {preview.releaseRules.length > 0 && (
        <>
          <h3>What the release gate checks on the answers</h3>
          <ul class="skipped-list">
            {preview.releaseRules.map((r) => (
              <li><code>{r.rule}</code>: {r.text || GATE_RULES[r.rule as Schemas["GateRuleId"]] || ""}</li>
            ))}
          </ul>
          <p class="hint">Release policy {preview.releasePolicyVersion}.</p>
        </>
      )}
      <p class="muted small">Preview for <Time at={preview.at} />, {preview.requesting} → {preview.target}. Nothing was stored and no one was told.</p>
    </div>
  );
}

function Binding({ binding }: { binding: Schemas["InstrumentBinding"] }) {
  const name = INSTRUMENTS[binding.instrument];
  if (!binding.binds) return <p class="error">{name} does not bind both sides: {binding.reason}</p>;
  return (
    <>
      <p>{name} binds both sides:</p>
      <ul class="skipped-list">
        {(binding.sides ?? []).map((s) => (
          <li>
            {jurisdictionName(s.jurisdiction)}: {s.since ? "bound since " + s.since : "bound"}{s.until ? " until " + s.until : ""}
            {s.source ? <span class="muted"> ({s.source})</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
