import type { Schemas } from "../../api";
import { asInstant } from "../requester/filing";
import type { Day } from "./format";

/**
 * The contact-point form's state and how it becomes the API's ContactPointSubmission: pure
 * functions, apart from the page. Instants are typed as UTC date-times; one left as it was read
 * goes back exactly as read (its milliseconds included), so an unchanged field changes nothing.
 */

export type Submission = Schemas["ContactPointSubmission"];
export type Entry = Schemas["ContactPointEntry"];

/** A datetime-local text, and the instant it was read from (null for one typed afresh). */
export interface InstantText {
  text: string;
  original: string | null;
}

export interface PeriodRow {
  key: number;
  from: InstantText;
  to: InstantText;
  reason: string;
}

export interface EntryForm {
  id: string;
  jurisdiction: string;
  kind: Schemas["ContactPointKind"];
  name: string;
  source: string;
  instruments: Schemas["Instrument"][];
  requestTypes: Schemas["RequestType"][];
  /** Comma- or space-separated ISO 639-1 codes, as typed. */
  languages: string;
  alwaysOpen: boolean;
  timeZone: string;
  days: Day[];
  opens: string;
  closes: string;
  backup: string;
  validFrom: InstantText;
  validTo: InstantText;
  unavailable: PeriodRow[];
  email: string;
}

/** "2026-12-08T10:00:00.000Z" as a datetime-local input shows it, to the second, in UTC. */
export function inputText(instant: string | null | undefined): InstantText {
  if (!instant) return { text: "", original: null };
  return { text: new Date(instant).toISOString().slice(0, 19), original: instant };
}

export function typed(text: string): InstantText {
  return { text, original: null };
}

/** The instant to send: the one read when the text is unchanged, else the text read as UTC; null when empty. */
export function instantOf(value: InstantText): string | null {
  if (value.text === "") return null;
  if (value.original && inputText(value.original).text === value.text) return value.original;
  return asInstant(value.text);
}

let rows = 0;

export function periodRow(period?: Schemas["Unavailability"]): PeriodRow {
  return { key: ++rows, from: inputText(period?.from), to: inputText(period?.to), reason: period?.reason ?? "" };
}

export function emptyEntry(jurisdiction: string): EntryForm {
  return {
    id: jurisdiction ? jurisdiction + "-" : "", jurisdiction, kind: "CENTRAL_AUTHORITY", name: "", source: "", instruments: [],
    requestTypes: [], languages: "en", alwaysOpen: false, timeZone: "Europe/Brussels", days: ["MON", "TUE", "WED", "THU", "FRI"],
    opens: "08:00", closes: "18:00", backup: "", validFrom: typed(""), validTo: typed(""), unavailable: [], email: "",
  };
}

export function formOf(entry: Entry): EntryForm {
  return {
    id: entry.id,
    jurisdiction: entry.jurisdiction,
    kind: entry.kind,
    name: entry.name,
    source: entry.source ?? "",
    instruments: [...entry.instruments],
    requestTypes: [...entry.requestTypes],
    languages: entry.languages.join(", "),
    alwaysOpen: !entry.hours,
    timeZone: entry.hours?.timeZone ?? "Europe/Brussels",
    days: entry.hours ? [...entry.hours.days] : ["MON", "TUE", "WED", "THU", "FRI"],
    opens: entry.hours?.opens ?? "08:00",
    closes: entry.hours?.closes ?? "18:00",
    backup: entry.backup ?? "",
    validFrom: inputText(entry.validFrom),
    validTo: inputText(entry.validTo),
    unavailable: entry.unavailable.map(periodRow),
    email: entry.email ?? "",
  };
}

/**
 * What the form sends. Text goes as typed (trimmed), empty optional text as null: the API says
 * what is wrong, field by field, and the form shows it beside each field.
 */
export function toSubmission(form: EntryForm): Submission {
  return {
    id: form.id.trim(),
    jurisdiction: form.jurisdiction.trim(),
    kind: form.kind,
    name: form.name.trim(),
    source: form.source.trim() || null,
    instruments: form.instruments,
    requestTypes: form.requestTypes,
    languages: form.languages.split(/[\s,]+/).filter(Boolean),
    hours: form.alwaysOpen ? null : { timeZone: form.timeZone.trim(), days: form.days, opens: form.opens, closes: form.closes },
    backup: form.backup || null,
    validFrom: instantOf(form.validFrom),
    validTo: instantOf(form.validTo),
    // A period typed without an end goes as "" so that the API's error lands at its field.
    unavailable: form.unavailable.map((row) => ({ from: instantOf(row.from) ?? "", to: instantOf(row.to) ?? "", reason: row.reason })),
    email: form.email.trim() || null,
  };
}
