import { api } from "../../api";
import { navigate, query } from "../../router";
import { useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { Pager } from "../../ui/pager";
import { Time } from "../../ui/time";
import { OversightProblem } from "../../ui/oversight-problem";

const PAGE_SIZE = 20;

/** The held answers to requests aimed at the officer's jurisdiction, oldest first, one page at a time. */
export function ReviewQueue() {
  const cursor = query().get("cursor") ?? "";
  const { data, problem, loading } = useLoad(
    () => api.GET("/reviews", { params: { query: { limit: PAGE_SIZE, cursor: cursor || undefined } } }),
    [cursor],
  );
  return (
    <Page title="Review queue">
      <p>
        Answers the release gate held for a data-protection officer of your jurisdiction, oldest first. Opening one
        shows the answer as the contact point sent it; that reading is written to the request's trail.
      </p>
      <OversightProblem problem={problem} />
      {loading ? <Loading /> : data && (
        <>
          {data.items.length === 0 ? (
            <p>{cursor ? "No more held answers on this page." : "No answer is waiting for review."}</p>
          ) : (
            <div class="table-scroll" tabIndex={0} role="region" aria-label="Held answers">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Answer</th>
                    <th scope="col">Contact point</th>
                    <th scope="col">Submitted</th>
                    <th scope="col">Held by</th>
                    <th scope="col">Final</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => {
                    const holding = item.decision.findings.filter((f) => f.effect === "HOLD").map((f) => f.ruleId);
                    return (
                      <tr>
                        <td>
                          <a href={"#/reviews/" + item.requestId + "/" + item.number}>
                            Response {item.number} to request {item.requestId}
                          </a>
                        </td>
                        <td>{item.contactPoint}</td>
                        <td><Time at={item.submittedAt} /></td>
                        <td class="rule">{[...new Set(holding)].map((r) => <code>{r} </code>)}{holding.length ? null : item.decision.verdict}</td>
                        <td>{item.final ? "final answer" : "partial answer"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pager next={data.nextCursor} atFirst={!cursor}
            onNext={(next) => navigate("/reviews?cursor=" + encodeURIComponent(next))} onFirst={() => navigate("/reviews")} />
        </>
      )}
    </Page>
  );
}
