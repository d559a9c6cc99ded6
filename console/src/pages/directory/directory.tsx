import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { navigate, query } from "../../router";
import { administers, session } from "../../session";
import { SelectField, TextField } from "../../ui/fields";
import { useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { fieldError } from "../../ui/problem";
import { Time } from "../../ui/time";
import { OversightProblem } from "../../ui/oversight-problem";
import { PageSwitcher, usePages } from "../../ui/oversight-paging";
import { jurisdictionName } from "../request/jurisdictions";
import { CONTACT_POINT_KINDS, INSTRUMENTS, options, requestTypeName } from "../request/labels";
import { availability, comingPeriods, handlesText, hoursText, languagesText } from "./format";
import "../../ui/oversight.css";
import "./directory.css";

type Item = Schemas["DirectoryItem"];
type Kind = Schemas["ContactPointKind"];

const PER_PAGE = 25;

/**
 * The directory as every role reads it: who handles what in which jurisdiction, in which
 * languages and hours, and whether each is available now. An administrator also gets the links
 * to change the entries of the jurisdictions it administers.
 */
export function DirectoryPage() {
  const q = query();
  const jurisdiction = q.get("jurisdiction") ?? "";
  const kind = (q.get("kind") ?? "") as Kind | "";
  const { data, problem, loading } = useLoad(() => api.GET("/directory", {
    params: { query: { ...(jurisdiction ? { jurisdiction } : {}), ...(kind ? { kind } : {}) } },
  }), [jurisdiction, kind]);
  const items = data?.items ?? [];
  const pages = usePages<Item>(items, PER_PAGE);
  const admin = session.value?.role === "admin";
  return (
    <Page title="Directory of contact points" actions={admin ? (
      <>
        <a href="#/directory/new">Add a contact point</a>{" · "}
        <a href="#/directory/transfer">Import or export</a>{" · "}
        <a href="#/revisions/directory">Revisions</a>
      </>
    ) : undefined}>
      <p>Where Liaison routes requests: each jurisdiction's contact points, what they handle, and whether each takes requests now.
        A contact point that is unavailable or closed hands over to its backup.</p>
      <Filters jurisdiction={jurisdiction} kind={kind} problem={problem} />
      <OversightProblem problem={problem} shownPointers={["/jurisdiction", "/kind"]} />
      {loading ? <Loading /> : data && (
        <>
          <p class="muted" role="status">
            {items.length} contact point{items.length === 1 ? "" : "s"} · directory revision {data.revision}, valid from <Time at={data.validFrom} />
            {" "}· availability as of <Time at={data.at} />
          </p>
          {items.length === 0 ? <p>No contact point matches.</p> : (
            <div class="table-scroll" tabIndex={0} role="region" aria-label="Contact points">
              <table class="directory">
                <thead>
                  <tr>
                    <th scope="col">Contact point</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Available now</th>
                    <th scope="col">Languages and hours</th>
                    <th scope="col">Handles</th>
                    <th scope="col">Backup</th>
                    {admin ? <th scope="col"><span class="visually-hidden">Change</span></th> : null}
                  </tr>
                </thead>
                <tbody>
                  {pages.shown.map((item) => <Row item={item} at={data.at} admin={admin} />)}
                </tbody>
              </table>
            </div>
          )}
          <PageSwitcher pages={pages} label="Pages of contact points" total={items.length} />
        </>
      )}
    </Page>
  );
}

function Filters({ jurisdiction, kind, problem }: { jurisdiction: string; kind: Kind | ""; problem: Schemas["Problem"] | null }) {
  const [code, setCode] = useState(jurisdiction);
  const [chosen, setChosen] = useState<string>(kind);
  const [error, setError] = useState<string | undefined>();
  return (
    <form class="row-form" role="search" aria-label="Filter the directory" noValidate onSubmit={(e) => {
      e.preventDefault();
      const wanted = code.trim().toUpperCase();
      if (wanted && !/^[A-Z]{2}$/.test(wanted)) { setError("A jurisdiction is two letters (ISO 3166-1 alpha-2), e.g. DE."); return; }
      setError(undefined);
      const params = new URLSearchParams();
      if (wanted) params.set("jurisdiction", wanted);
      if (chosen) params.set("kind", chosen);
      const text = params.toString();
      navigate("/directory" + (text ? "?" + text : ""));
    }}>
      <TextField label="Jurisdiction" value={code} onValue={setCode} autoComplete="off" hint="e.g. DE; empty for every one"
        error={error ?? fieldError(problem, "/jurisdiction")} />
      <SelectField label="Kind" value={chosen} onValue={setChosen} error={fieldError(problem, "/kind")}
        options={[{ value: "", label: "Every kind" }, ...options(CONTACT_POINT_KINDS)]} />
      <button type="submit">Show</button>
    </form>
  );
}

function Row({ item, at, admin }: { item: Item; at: string; admin: boolean }) {
  const state = availability(item, at);
  const coming = comingPeriods(item.unavailable, at).filter((p) => state.kind !== "unavailable" || p !== state.period);
  const mine = admin && administers(item.jurisdiction);
  return (
    <tr class={item.availableNow ? undefined : "unavailable"}>
      <th scope="row">
        <code>{item.id}</code>
        <div>{item.name}</div>
        <div class="muted small">{jurisdictionName(item.jurisdiction)}{item.source ? " · " + item.source : ""}</div>
      </th>
      <td>{CONTACT_POINT_KINDS[item.kind]}</td>
      <td>
        {state.kind === "available" ? <span class="badge ok">Available</span> : <span class="badge bad">Not available</span>}
        {state.kind === "unavailable" && <div>until <Time at={state.period.to} /> ({state.period.reason})</div>}
        {state.kind === "not-valid" && <div>not in the directory at this time{item.validFrom ? <> (from <Time at={item.validFrom} />)</> : null}
          {item.validTo ? <> (until <Time at={item.validTo} />)</> : null}</div>}
        {state.kind === "closed" && <div>outside its working hours</div>}
        {coming.length > 0 && (
          <ul class="periods small">
            {coming.map((p) => <li>unavailable <Time at={p.from} /> to <Time at={p.to} /> ({p.reason})</li>)}
          </ul>
        )}
      </td>
      <td>
        <div>{languagesText(item.languages)}</div>
        <div class="muted">{hoursText(item.hours)}</div>
      </td>
      <td>
        <div>{handlesText(item.instruments, "every instrument", (c) => INSTRUMENTS[c as Schemas["Instrument"]] ?? c)}</div>
        <div class="muted">{handlesText(item.requestTypes, "every type of request", (c) => requestTypeName(c as Schemas["RequestType"]))}</div>
      </td>
      <td>{item.backup ? <code>{item.backup}</code> : <span class="muted">none</span>}</td>
      {admin ? (
        <td>
          {mine ? (
            <ul class="plain">
              <li><a href={"#/directory/" + encodeURIComponent(item.id) + "/edit"} aria-label={"Edit " + item.id}>Edit</a></li>
              <li><a href={"#/directory/" + encodeURIComponent(item.id) + "/unavailable"} aria-label={"Mark " + item.id + " unavailable"}>Mark unavailable</a></li>
            </ul>
          ) : <span class="muted small">another jurisdiction's</span>}
        </td>
      ) : null}
    </tr>
  );
}
