import type { Schemas } from "../../api";

/**
 * The filing form's state and how it becomes a FilingSubmission: pure functions, so the rules
 * the form applies can be read (and tested) apart from the page.
 */

export type IdentifierType = Schemas["Identifier"]["type"];

/** One row of the identifiers table, as typed: every input is text until it is sent. */
export interface IdentifierRow {
  key: number;
  type: IdentifierType;
  value: string;
  /** datetime-local text, read as UTC (ipv4, ipv6). */
  observedAt: string;
  /** The online service (account). */
  service: string;
  /** The hash algorithm (file_hash). */
  algorithm: Schemas["HashAlgorithm"];
}

export interface FilingForm {
  type: Schemas["RequestType"];
  urgency: Schemas["Urgency"];
  targetJurisdiction: string;
  instrument: Schemas["Instrument"] | "";
  article: string;
  treaty: string;
  caseReference: string;
  offence: string;
  summaryOfFacts: string;
  identifiers: IdentifierRow[];
  dataCategories: Schemas["DataCategory"][];
  /** datetime-local texts, read as UTC; both empty means no time range. */
  from: string;
  to: string;
  necessityStatement: string;
  tlp: Schemas["Tlp"];
  pap: Schemas["Pap"];
  dataSubjectMayBeInformed: boolean;
}

export const IDENTIFIER_TYPES: Record<IdentifierType, string> = {
  ipv4: "IPv4 address",
  ipv6: "IPv6 address",
  domain: "Domain name",
  email: "E-mail address",
  url: "URL",
  account: "Account at an online service",
  phone: "Phone number",
  file_hash: "File hash",
};

export const IDENTIFIER_EXAMPLES: Record<IdentifierType, string> = {
  ipv4: "198.51.100.23",
  ipv6: "2001:db8::17",
  domain: "leak-portal.example",
  email: "someone@example.org",
  url: "https://example.org/path",
  account: "the user name at the service",
  phone: "+4915123456789 (E.164)",
  file_hash: "hexadecimal digits",
};

const HASH_LENGTHS: Record<Schemas["HashAlgorithm"], number> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

/** IP addresses are observed at an instant: the provider needs it to find the session. */
export function needsObservedAt(type: IdentifierType): boolean {
  return type === "ipv4" || type === "ipv6";
}

let rows = 0;

export function newIdentifierRow(type: IdentifierType = "ipv4"): IdentifierRow {
  return { key: ++rows, type, value: "", observedAt: "", service: "", algorithm: "sha256" };
}

export function emptyFiling(): FilingForm {
  return {
    type: "subscriber_data",
    urgency: "routine",
    targetJurisdiction: "",
    instrument: "",
    article: "",
    treaty: "",
    caseReference: "",
    offence: "",
    summaryOfFacts: "",
    identifiers: [newIdentifierRow()],
    dataCategories: [],
    from: "",
    to: "",
    necessityStatement: "",
    tlp: "TLP:AMBER",
    pap: "PAP:AMBER",
    dataSubjectMayBeInformed: false,
  };
}

/**
 * Obvious format errors in one identifier, said at once in the browser. Deliberately looser than
 * the API (which knows IDNs, IPv6 forms, ...): the API's field error is the one that counts, and
 * the browser never refuses what the API would take, so this only warns, it does not block.
 */
export function identifierWarning(row: IdentifierRow): string | undefined {
  const value = row.value.trim();
  if (value === "") return undefined;
  switch (row.type) {
    case "ipv4":
      return /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/.test(value)
        ? undefined : "An IPv4 address is four numbers from 0 to 255 with dots, e.g. 198.51.100.23.";
    case "ipv6":
      return /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/.test(value) ? undefined : "An IPv6 address is hexadecimal groups with colons, e.g. 2001:db8::17.";
    case "domain":
      return /[^.]\.[^.]/.test(value) && !/\s/.test(value) ? undefined : "A domain name has at least two labels, e.g. example.org.";
    case "email":
      return /^[^@\s]+@[^@.\s]+(\.[^@.\s]+)+\.?$/.test(value) ? undefined : "An e-mail address looks like someone@example.org.";
    case "url":
      return /^(https?|ftp):\/\/[^/?#\s]/i.test(value) ? undefined : "A URL starts with http://, https:// or ftp:// and a host.";
    case "account":
      return undefined;
    case "phone":
      return /^\+[1-9][0-9]{6,14}$/.test(value) ? undefined : "A phone number is written in E.164: + and 7 to 15 digits, no spaces.";
    case "file_hash": {
      const length = HASH_LENGTHS[row.algorithm];
      if (!/^[0-9a-fA-F]+$/.test(value)) return "A file hash is hexadecimal digits (0-9, a-f).";
      return value.length === length ? undefined : `A ${row.algorithm} hash has ${length} hexadecimal digits; this one has ${value.length}.`;
    }
  }
}

/** The time range's obvious mistakes: one end without the other, or the ends the wrong way round. */
export function timeRangeWarning(from: string, to: string): { from?: string; to?: string } {
  if (from && !to) return { to: "Give the end of the period too, or neither end." };
  if (to && !from) return { from: "Give the start of the period too, or neither end." };
  if (from && to && asInstant(from) > asInstant(to)) return { to: "The end of the period is before its start." };
  return {};
}

/**
 * A datetime-local value ("2026-11-20T03:14") as the API's UTC instant ("2026-11-20T03:14:00Z").
 * The form says these inputs are UTC: the two sides of a request sit in different time zones, and
 * the provider's logs are in UTC.
 */
export function asInstant(local: string): string {
  if (local === "") return "";
  return (local.length === 16 ? local + ":00" : local) + "Z";
}

function identifier(row: IdentifierRow): Schemas["Identifier"] {
  const value = row.value.trim();
  switch (row.type) {
    case "ipv4":
    case "ipv6":
      return { type: row.type, value, observedAt: asInstant(row.observedAt) };
    case "account":
      return { type: "account", service: row.service.trim(), value };
    case "file_hash":
      return { type: "file_hash", algorithm: row.algorithm, value };
    default:
      return { type: row.type, value };
  }
}

/**
 * What the form files. Whatever was typed goes to the API as it is (trimmed identifiers aside):
 * the API says what is wrong, field by field, and the form shows it beside each field.
 */
export function toSubmission(form: FilingForm): Schemas["FilingSubmission"] {
  const timeRange = form.from || form.to ? { from: asInstant(form.from), to: asInstant(form.to) } : null;
  return {
    type: form.type,
    urgency: form.urgency,
    targetJurisdiction: form.targetJurisdiction,
    legalBasis: {
      // An instrument left unchosen goes as "" so that the API's error lands at /legalBasis/instrument.
      instrument: form.instrument as Schemas["Instrument"],
      article: form.article,
      treaty: form.instrument === "BILATERAL_TREATY" ? form.treaty : null,
    },
    caseReference: form.caseReference,
    offence: form.offence,
    summaryOfFacts: form.summaryOfFacts,
    // openapi-typescript renders IdentifierSubmission (allOf over the discriminated Identifier) as an
    // unusable type; an Identifier is exactly what it accepts.
    identifiers: form.identifiers.map(identifier) as unknown as Schemas["IdentifierSubmission"][],
    dataCategories: form.type === "incident_assistance" && form.dataCategories.length === 0 ? null : form.dataCategories,
    timeRange,
    necessityStatement: form.necessityStatement,
    tlp: form.tlp,
    pap: form.pap,
    dataSubjectMayBeInformed: form.dataSubjectMayBeInformed,
  };
}
