import { Page } from "../../ui/page";
import { Time } from "../../ui/time";
import "../../ui/request.css";
import { jurisdictionName } from "../request/jurisdictions";
import { INSTRUMENTS, requestTypeName, shortId, STATUSES } from "../request/labels";
import { RequestList, type Summary } from "../request/list";

/** "My requests": the agency's requests, newest first, each linking to its page. */
export function MyRequests() {
  return (
    <Page title="My requests" actions={<a class="button primary" href="#/requests/new">File a new request</a>}>
      <RequestList limit={20} render={(items) => <Table items={items} />} />
    </Page>
  );
}

function Table({ items }: { items: Summary[] }) {
  return (
    <table>
      <caption class="visually-hidden">Requests of your agency, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Request</th><th scope="col">Type</th><th scope="col">Target</th><th scope="col">Legal basis</th>
          <th scope="col">Status</th><th scope="col">Contact point</th><th scope="col">Filed</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr>
            <td><a href={"#/requests/" + r.id}><code>{shortId(r.id)}</code></a></td>
            <td>{requestTypeName(r.filing.type)}</td>
            <td>{jurisdictionName(r.filing.targetJurisdiction)}</td>
            <td>{INSTRUMENTS[r.filing.legalBasis.instrument]}, Art. {r.filing.legalBasis.article}</td>
            <td><span class="badge">{STATUSES[r.status]}</span></td>
            <td>{r.contactPoint ? r.contactPoint.name ?? r.contactPoint.id : <span class="muted">not yet</span>}</td>
            <td><Time at={r.filedAt} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
