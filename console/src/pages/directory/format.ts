import type { Schemas } from "../../api";

/**
 * How the directory's facts read: working hours, languages, what an entry handles, and why one
 * is not available. Pure functions of the API's values, so the pages only lay them out.
 */

export type Hours = Schemas["WorkingHours"];
export type Day = Hours["days"][number];

export const DAYS: Day[] = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];
const DAY_NAMES: Record<Day, string> = { MON: "Mon", TUE: "Tue", WED: "Wed", THU: "Thu", FRI: "Fri", SAT: "Sat", SUN: "Sun" };

export function dayName(day: Day): string {
  return DAY_NAMES[day];
}

/** "Mon–Fri", "Mon–Wed, Fri": runs of consecutive days as ranges. */
export function daysText(days: Day[]): string {
  const sorted = DAYS.filter((d) => days.includes(d));
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && DAYS.indexOf(sorted[j + 1]) === DAYS.indexOf(sorted[j]) + 1) j++;
    runs.push(j - i >= 2 ? DAY_NAMES[sorted[i]] + "–" + DAY_NAMES[sorted[j]]
      : sorted.slice(i, j + 1).map((d) => DAY_NAMES[d]).join(", "));
    i = j + 1;
  }
  return runs.join(", ") || "no days";
}

/** "Always open (24/7)", or "Mon–Fri 08:00–18:00 (Europe/Berlin)". */
export function hoursText(hours: Hours | null | undefined): string {
  if (!hours) return "Always open (24/7)";
  return `${daysText(hours.days)} ${hours.opens}–${hours.closes} (${hours.timeZone})`;
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

/** "German (de), English (en)": each code with its English name, from the browser's own table. */
export function languagesText(codes: string[]): string {
  return codes.map((code) => {
    let name: string | undefined;
    try { name = languageNames.of(code); } catch { name = undefined; }
    return name && name !== code ? `${name} (${code})` : code;
  }).join(", ") || "none";
}

/** The period of unavailability that holds at {@code at}, if any (`to` exclusive). */
export function unavailableAt(periods: Schemas["Unavailability"][], at: string): Schemas["Unavailability"] | undefined {
  const t = Date.parse(at);
  return periods.find((p) => Date.parse(p.from) <= t && t < Date.parse(p.to));
}

/** Periods that have not ended at {@code at}, soonest first. */
export function comingPeriods(periods: Schemas["Unavailability"][], at: string): Schemas["Unavailability"][] {
  const t = Date.parse(at);
  return periods.filter((p) => Date.parse(p.to) > t).sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
}

export type Availability =
  | { kind: "available" }
  | { kind: "unavailable"; period: Schemas["Unavailability"] }
  | { kind: "not-valid" }
  | { kind: "closed" };

/** Why an entry the API says is not available now is not: a period, its validity, or its working hours. */
export function availability(item: Schemas["DirectoryItem"], at: string): Availability {
  if (item.availableNow) return { kind: "available" };
  const period = unavailableAt(item.unavailable, at);
  if (period) return { kind: "unavailable", period };
  const t = Date.parse(at);
  if ((item.validFrom && Date.parse(item.validFrom) > t) || (item.validTo && Date.parse(item.validTo) <= t)) return { kind: "not-valid" };
  return { kind: "closed" };
}

/** A list of codes, or what an empty list means. */
export function handlesText(codes: string[], every: string, name: (code: string) => string = (c) => c): string {
  return codes.length === 0 ? every : codes.map(name).join(", ");
}
