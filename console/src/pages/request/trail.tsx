import type { Schemas } from "../../api";
import { Time } from "../../ui/time";
import { ACTIONS, STATUSES } from "./labels";

/** The request's trail, oldest first: what happened, when, by whom, under which rules. Metadata only. */
export function Trail({ events }: { events: Schemas["AuditEvent"][] }) {
  if (events.length === 0) return <p class="muted">No events.</p>;
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <div>
            <strong>{ACTIONS[e.action]}</strong> <span class="muted">#{e.sequence}</span> · <Time at={e.at} /> · {actorName(e.actor)}
          </div>
          {e.from !== e.to && (
            <div class="muted">{e.from ? STATUSES[e.from] + " → " : ""}{STATUSES[e.to]}</div>
          )}
          {e.reason && <div>{e.reason}</div>}
          {(e.ruleIds.length > 0 || e.ground || e.policyVersion || e.directoryRevision) && (
            <div class="muted small">
              {e.ruleIds.length > 0 && <>Rules {e.ruleIds.map((r, i) => <>{i ? ", " : ""}<code>{r}</code></>)}. </>}
              {e.ground && <>Ground <code>{e.ground}</code>. </>}
              {e.policyVersion && <>Policy {e.policyVersion}. </>}
              {e.directoryRevision && <>Directory revision {e.directoryRevision}.</>}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function actorName(actor: Schemas["AuditEvent"]["actor"]): string {
  switch (actor.role) {
    case "system":
      return "Liaison";
    case "dpo":
      return `data-protection officer of ${actor.jurisdiction ?? "?"}`;
    case "requester":
      return `${actor.organisation ?? "requester"} (${actor.jurisdiction ?? "?"})`;
    case "contact_point":
      return `contact point ${actor.organisation ?? "?"} (${actor.jurisdiction ?? "?"})`;
    default:
      return [actor.role, actor.organisation, actor.jurisdiction].filter(Boolean).join(" ");
  }
}
