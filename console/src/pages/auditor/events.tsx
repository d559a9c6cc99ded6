import { useEffect, useState } from "preact/hooks";
import { api } from "../../api";
import { navigate, query } from "../../router";
import { useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { Pager } from "../../ui/pager";
import { OversightProblem } from "../../ui/oversight-problem";
import { instants, RANGE_POINTERS, RangeFields, today, type DayRange } from "./range";
import { ScopeNote } from "./scope";
import { EventTable } from "./trail";

const PAGE_SIZE = 25;

function search(range: DayRange, cursor?: string) {
  const q = new URLSearchParams({ from: range.fromDay, to: range.toDay });
  if (range.jurisdiction.trim()) q.set("jurisdiction", range.jurisdiction.trim().toUpperCase());
  if (cursor) q.set("cursor", cursor);
  return "/events?" + q.toString();
}

/** Audit events across requests, by day and jurisdiction, a page at a time; the query lives in the URL. */
export function EventsPage() {
  const q = query();
  const asked: DayRange = { fromDay: q.get("from") ?? today(), toDay: q.get("to") ?? today(), jurisdiction: q.get("jurisdiction") ?? "" };
  const cursor = q.get("cursor") ?? "";
  const [range, setRange] = useState<DayRange>(asked);
  const key = search(asked, cursor);
  // The form follows the URL when it changes by a link or the back button.
  useEffect(() => setRange(asked), [search(asked)]);
  const { data, problem, loading } = useLoad(() => {
    const { from, to, jurisdiction } = instants(asked);
    return api.GET("/audit/events", { params: { query: { from, to, jurisdiction, limit: PAGE_SIZE, cursor: cursor || undefined } } });
  }, [key]);
  return (
    <Page title="Audit events by day">
      <ScopeNote />
      <form class="row-form" noValidate onSubmit={(e) => { e.preventDefault(); navigate(search(range)); }}>
        <RangeFields range={range} onRange={setRange} problem={problem} />
        <button type="submit" class="primary">Show events</button>
      </form>
      <OversightProblem problem={problem} shownPointers={RANGE_POINTERS} />
      {loading ? <Loading /> : data && (
        <>
          <p class="muted" role="status">
            {data.items.length} event{data.items.length === 1 ? "" : "s"} on this page, oldest first
            {data.nextCursor ? "; more on the next page" : ""}.
          </p>
          <EventTable events={data.items} label="Events" withRequest />
          <Pager next={data.nextCursor} atFirst={!cursor}
            onNext={(next) => navigate(search(asked, next))} onFirst={() => navigate(search(asked))} />
        </>
      )}
    </Page>
  );
}
