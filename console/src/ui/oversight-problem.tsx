import type { Problem } from "../api";
import { ProblemNotice } from "./problem";

/**
 * An API error on an oversight page. A 404 says "Not found" and nothing more, whatever the API's
 * detail: the console never hints that something exists outside the user's scope. Everything else
 * is shown as its problem+json says, with the field errors no field on the page shows.
 */
export function OversightProblem({ problem, shownPointers }: { problem: Problem | null; shownPointers?: string[] }) {
  if (!problem) return null;
  if (problem.status === 404) {
    return (
      <div class="problem" role="alert">
        <p><strong>Not found</strong></p>
      </div>
    );
  }
  return <ProblemNotice problem={problem} shownPointers={shownPointers} />;
}
