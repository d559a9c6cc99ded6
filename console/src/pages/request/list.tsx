import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { navigate, query, route } from "../../router";
import { SelectField } from "../../ui/fields";
import { useLoad } from "../../ui/load";
import { Loading } from "../../ui/page";
import { Pager } from "../../ui/pager";
import { ProblemNotice } from "../../ui/problem";
import { options, STATUSES } from "./labels";

export type Summary = Schemas["RequestSummary"];

/**
 * One page of the caller's requests (GET /requests: a requester's agency's, a contact point's
 * inbox), newest first as the API gives them, filtered by the status in the route's query
 * (#/requests?status=ROUTED) and paged with the API's cursor. Summaries only.
 */
export function RequestList(props: { limit: number; render: (items: Summary[]) => ComponentChildren }) {
  const status = (query().get("status") ?? "") as Schemas["Status"] | "";
  // A new filter is a new list, from its first page.
  return <PagedList key={status} status={status} {...props} />;
}

function PagedList({ status, limit, render }: { status: Schemas["Status"] | ""; limit: number; render: (items: Summary[]) => ComponentChildren }) {
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useLoad(
    () => api.GET("/requests", { params: { query: { limit, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } } }),
    [status, cursor],
  );
  const here = route.value.split("?")[0];
  return (
    <>
      <div class="filters">
        <SelectField label="Status" value={status}
          onValue={(v) => navigate(here + (v ? "?status=" + encodeURIComponent(v) : ""))}
          options={[{ value: "", label: "All statuses" }, ...options(STATUSES)]} />
      </div>
      {page.problem && <ProblemNotice problem={page.problem} />}
      {page.loading && !page.data ? <Loading /> : page.data && (
        <>
          {page.data.items.length === 0 ? (
            <p>{cursor ? "No more requests on this page." : status ? `No requests that are ${STATUSES[status].toLowerCase()}.` : "No requests."}</p>
          ) : render(page.data.items)}
          {page.data.items.length === 0 && page.data.nextCursor && <p class="muted">Later pages may still hold some.</p>}
          <Pager next={page.data.nextCursor} atFirst={!cursor} onFirst={() => setCursor(null)} onNext={setCursor} />
        </>
      )}
    </>
  );
}
