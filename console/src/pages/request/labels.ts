import type { Schemas } from "../../api";

/**
 * The words the console uses for the API's codes. Every table is keyed by the generated enum,
 * so a code the contract adds and the console does not name fails the build.
 */

export const REQUEST_TYPES: Record<Schemas["RequestType"], string> = {
  preservation: "Preservation (freeze data until a formal request follows)",
  subscriber_data: "Subscriber data",
  identification_data: "Identification data",
  traffic_data: "Traffic data",
  content_data: "Content data",
  domain_registration_data: "Domain registration data",
  incident_assistance: "Incident assistance",
};

/** The short form, for lists and headings. */
export function requestTypeName(type: Schemas["RequestType"]): string {
  return REQUEST_TYPES[type].replace(/ \(.*\)$/, "");
}

export const URGENCIES: Record<Schemas["Urgency"], string> = {
  routine: "Routine",
  urgent: "Urgent",
  emergency: "Emergency (danger to life or limb)",
};

export const DATA_CATEGORIES: Record<Schemas["DataCategory"], string> = {
  subscriber: "Subscriber",
  identification: "Identification",
  traffic: "Traffic",
  content: "Content",
};

export const INSTRUMENTS: Record<Schemas["Instrument"], string> = {
  ETS_185: "Budapest Convention (ETS 185)",
  CETS_224: "Second Additional Protocol to the Budapest Convention (CETS 224)",
  EU_2023_1543: "e-Evidence Regulation (EU) 2023/1543",
  BILATERAL_TREATY: "A bilateral mutual legal assistance treaty",
};

/** Articles people usually cite under each instrument, offered as a hint, never as a rule. */
export const ARTICLE_HINTS: Record<Schemas["Instrument"], string> = {
  ETS_185: "e.g. 29 (expedited preservation), 31 (stored data), 32 (trans-border access)",
  CETS_224: "e.g. 6 (domain registration), 7 (subscriber information)",
  EU_2023_1543: "e.g. 5 (production order), 6 (preservation order)",
  BILATERAL_TREATY: "the treaty's article",
};

export const STATUSES: Record<Schemas["Status"], string> = {
  FILED: "Filed",
  ROUTED: "Routed",
  UNROUTABLE: "Unroutable",
  ACCEPTED: "Accepted",
  AWAITING_CLARIFICATION: "Awaiting clarification",
  ANSWERED: "Answered",
  REJECTED: "Rejected",
  WITHDRAWN: "Withdrawn",
  EXPIRED: "Expired",
};

/** The states in which a request is still open (and can be withdrawn). */
export const OPEN_STATUSES: Schemas["Status"][] = ["FILED", "ROUTED", "ACCEPTED", "AWAITING_CLARIFICATION"];

export const CONTACT_POINT_KINDS: Record<Schemas["ContactPointKind"], string> = {
  POC_24_7: "24/7 point of contact",
  NATIONAL_CSIRT: "National CSIRT",
  CENTRAL_AUTHORITY: "Central authority",
  E_EVIDENCE_AUTHORITY: "e-Evidence authority",
};

export const REJECTION_GROUNDS: Record<Schemas["RejectionGround"], string> = {
  incomplete_or_erroneous: "Incomplete or erroneous",
  data_not_stored: "Data not stored",
  de_facto_impossibility: "De facto impossibility",
  immunities_or_press_freedom: "Immunities or freedom of the press",
  conflicting_third_country_law: "Conflicting obligations under a third country's law",
  manifest_breach_of_fundamental_rights: "Manifest breach of a fundamental right",
  ne_bis_in_idem: "Ne bis in idem",
  no_dual_criminality: "No dual criminality",
};

export const ACTIONS: Record<Schemas["AuditAction"], string> = {
  FILED: "Filed",
  ROUTED: "Routed",
  UNROUTABLE: "Could not be routed",
  ACCEPTED: "Accepted",
  REJECTED: "Rejected",
  WITHDRAWN: "Withdrawn",
  RESPONDED: "Answer sent",
  RESPONSES_READ: "Answers read",
  RELEASE_APPROVED: "Held answer approved",
  RELEASE_BLOCKED: "Held answer blocked",
  NOTIFICATION_CLEARED: "Notification cleared",
  PAYLOAD_PURGED: "Answer purged",
  ESCALATED: "Escalated",
  ACKNOWLEDGEMENT_OVERDUE: "Acknowledgement overdue",
  RESPONSE_OVERDUE: "Response overdue",
  CLARIFICATION_REQUESTED: "Question asked",
  CLARIFIED: "Question answered",
  PRESERVATION_EXTENDED: "Preservation extended",
  PRESERVATION_EXPIRED: "Preservation expired",
  DELIVERY: "Notice delivered",
  NON_DELIVERY: "Notice not delivered",
};

export const VERDICTS: Record<Schemas["Verdict"], string> = {
  RELEASE: "Released",
  RELEASE_REDACTED: "Released with redactions",
  HOLD: "Held for review by a data-protection officer",
  BLOCK: "Blocked",
};

export const RESPONSE_STATUSES: Record<Schemas["ResponseStatus"], string> = {
  RELEASED: "Released to the requester",
  HELD: "Held for review by a data-protection officer",
  BLOCKED: "Blocked: it never reaches the requester",
};

export const OWNERS: Record<Schemas["ResponseOwner"], string> = {
  data_subject: "The data subject",
  third_party: "A third party",
};

/** FIRST's Permissible Actions Protocol, as MISP's taxonomy words it. */
export const PAP_DEFINITIONS: Record<Schemas["Pap"], string> = {
  "PAP:RED": "Non-detectable actions only: passive use on logs, nothing seen from outside.",
  "PAP:AMBER": "Passive cross-checks: online checks with third-party services, monitoring honeypots.",
  "PAP:GREEN": "Active actions allowed: ping the target, block traffic to or from it, configure honeypots to interact with it.",
  "PAP:CLEAR": "No restriction on using this information.",
};

export const TLPS: Schemas["Tlp"][] = ["TLP:RED", "TLP:AMBER+STRICT", "TLP:AMBER", "TLP:GREEN", "TLP:CLEAR"];
export const PAPS: Schemas["Pap"][] = ["PAP:RED", "PAP:AMBER", "PAP:GREEN", "PAP:CLEAR"];

/** Options for a SelectField from one of the tables above. */
export function options<K extends string>(table: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(table) as K[]).map((value) => ({ value, label: table[value] }));
}

/** The first block of a request's id, enough for a person to tell requests apart in a list. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** What each rule of the release gate is for (docs/release-gate.md). */
export const GATE_RULES: Record<Schemas["GateRuleId"], string> = {
  "G1-INSTRUMENT": "the legal instrument binds both jurisdictions",
  "G2-CATEGORY": "only requested and permitted categories and fields flow",
  "G3-E-EVIDENCE-NOTIFICATION": "e-Evidence traffic and content data wait for the enforcing State's notification",
  "G4-TRANSFER": "the transfer from the data's origin to the requester is covered",
  "G5-SPECIAL-CATEGORY": "special categories of personal data are reviewed by a data-protection officer",
  "G6-THIRD-PARTY": "third parties the request did not name are pseudonymised",
  "G7-TLP": "the TLP is never lower than the request's",
  "G8-RETENTION": "released data expire",
};
