import { Page } from "../../ui/page";
import { Countdown, Time } from "../../ui/time";
import "../../ui/request.css";
import { requestTypeName, shortId, STATUSES, URGENCIES } from "../request/labels";
import { RequestList, type Summary } from "../request/list";

/** What the contact point owes next on a request, and by when; none once it has acknowledged and answered. */
export function dueNext(r: Summary): { what: string; by: string; overdue: boolean } | null {
  const d = r.deadlines;
  if (!d) return null;
  if (r.status === "ROUTED") return { what: "Acknowledge", by: d.acknowledgeBy, overdue: !!d.acknowledgementOverdue || passed(d.acknowledgeBy) };
  if (r.status === "ACCEPTED") return { what: "Answer", by: d.respondBy, overdue: !!d.responseOverdue || passed(d.respondBy) };
  return null;
}

function passed(at: string): boolean {
  return new Date(at).getTime() < Date.now();
}

/**
 * Nearest deadline first; requests that owe nothing (answered, closed, waiting for the requester)
 * after them in the API's order (newest first). The API lists newest first and pages, so the sort
 * is within the page shown; the page is large (100) so that it usually holds the whole inbox.
 */
export function byNearestDeadline(items: Summary[]): Summary[] {
  const keyed = items.map((r, i) => ({ r, i, due: dueNext(r) }));
  keyed.sort((a, b) => {
    if (a.due && b.due) return Date.parse(a.due.by) - Date.parse(b.due.by) || a.i - b.i;
    if (a.due) return -1;
    if (b.due) return 1;
    return a.i - b.i;
  });
  return keyed.map((k) => k.r);
}

/** The contact point's inbox: the requests routed or escalated to it, nearest deadline first, overdue ones marked in words. */
export function Inbox() {
  return (
    <Page title="Inbox">
      <RequestList limit={100} render={(items) => <Table items={byNearestDeadline(items)} />} />
    </Page>
  );
}

function Table({ items }: { items: Summary[] }) {
  return (
    <table>
      <caption class="visually-hidden">Requests routed to your contact point, nearest deadline first</caption>
      <thead>
        <tr>
          <th scope="col">Request</th><th scope="col">Due</th><th scope="col">Type</th><th scope="col">From</th>
          <th scope="col">Urgency</th><th scope="col">Status</th><th scope="col">Reached you</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => {
          const due = dueNext(r);
          return (
            <tr class={due?.overdue ? "is-overdue" : undefined}>
              <td><a href={"#/requests/" + r.id}><code>{shortId(r.id)}</code></a></td>
              <td>
                {due ? (
                  <>
                    {due.overdue && <><span class="badge overdue">Overdue</span> </>}
                    {due.what} <Countdown until={due.by} />
                  </>
                ) : r.status === "AWAITING_CLARIFICATION" ? (
                  <span class="muted">Paused: waiting for the requester's answer</span>
                ) : (
                  <span class="muted">nothing due</span>
                )}
              </td>
              <td>{requestTypeName(r.filing.type)}</td>
              <td>{r.requester.agency} ({r.requester.jurisdiction})</td>
              <td>{URGENCIES[r.filing.urgency]}</td>
              <td><span class="badge">{STATUSES[r.status]}</span></td>
              <td><Time at={r.routedAt} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
