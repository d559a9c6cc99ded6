import { TextField } from "../../ui/fields";
import { fieldError } from "../../ui/problem";
import type { Problem } from "../../api";

/** A range of whole UTC days and an optional jurisdiction, as the audit queries take them. */
export interface DayRange {
  fromDay: string;
  toDay: string;
  jurisdiction: string;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The API's instants for a range of days: from the first day's midnight to the midnight after the last. */
export function instants(range: DayRange): { from: string; to: string; jurisdiction?: string } {
  const to = new Date(range.toDay + "T00:00:00Z");
  const next = isNaN(to.getTime()) ? range.toDay : new Date(to.getTime() + 86_400_000).toISOString().replace(".000Z", "Z");
  return {
    from: range.fromDay ? range.fromDay + "T00:00:00Z" : "",
    to: next,
    jurisdiction: range.jurisdiction.trim() ? range.jurisdiction.trim().toUpperCase() : undefined,
  };
}

export function RangeFields({ range, onRange, problem }: { range: DayRange; onRange: (r: DayRange) => void; problem: Problem | null }) {
  return (
    <>
      <TextField label="First day (UTC)" type="date" required value={range.fromDay}
        onValue={(v) => onRange({ ...range, fromDay: v })} error={fieldError(problem, "/from")} />
      <TextField label="Last day (UTC)" type="date" required value={range.toDay}
        onValue={(v) => onRange({ ...range, toDay: v })} error={fieldError(problem, "/to")}
        hint="At most 31 days after the first." />
      <TextField label="Jurisdiction" value={range.jurisdiction} placeholder="e.g. DE"
        onValue={(v) => onRange({ ...range, jurisdiction: v })} error={fieldError(problem, "/jurisdiction")}
        hint="Two letters (ISO 3166-1); keeps requests from or to it. Empty: every jurisdiction you may see." />
    </>
  );
}

export const RANGE_POINTERS = ["/from", "/to", "/jurisdiction"];
