import type { Schemas } from "../../api";

/** The answer form's state and how it becomes an AnswerSubmission: pure, apart from the page. */

export interface FieldRow {
  key: number;
  name: string;
  value: string;
}

export interface RecordRow {
  key: number;
  category: Schemas["DataCategory"];
  owner: Schemas["ResponseOwner"];
  specialCategory: boolean;
  originJurisdiction: string;
  /** "" means the answer's TLP. */
  tlp: Schemas["Tlp"] | "";
  fields: FieldRow[];
}

export interface AnswerForm {
  final: boolean;
  tlp: Schemas["Tlp"];
  /** A preservation is answered with a confirmation: what is preserved, until which day. */
  preserved: string;
  until: string;
  records: RecordRow[];
}

let keys = 0;

export function newField(): FieldRow {
  return { key: ++keys, name: "", value: "" };
}

export function newRecord(originJurisdiction: string, category: Schemas["DataCategory"] = "subscriber"): RecordRow {
  return { key: ++keys, category, owner: "data_subject", specialCategory: false, originJurisdiction, tlp: "", fields: [newField()] };
}

/** A fresh answer to this request: the request's TLP, and for anything but a preservation one record to fill in. */
export function emptyAnswer(request: Schemas["Request"], jurisdiction: string): AnswerForm {
  const preservation = request.filing.type === "preservation";
  return {
    final: true,
    tlp: request.filing.tlp,
    preserved: "",
    until: "",
    records: preservation ? [] : [newRecord(jurisdiction, request.filing.dataCategories[0] ?? "subscriber")],
  };
}

/** Two fields of one record with the same name would collapse into one member: said before sending. */
export function duplicateFieldNames(record: RecordRow): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const f of record.fields) {
    if (seen.has(f.name)) twice.add(f.name);
    seen.add(f.name);
  }
  return twice;
}

export function toAnswer(form: AnswerForm, preservation: boolean): Schemas["AnswerSubmission"] {
  return {
    final: form.final,
    tlp: form.tlp,
    confirmation: preservation || form.preserved || form.until ? { preserved: form.preserved, until: form.until } : null,
    records: form.records.map((r) => ({
      category: r.category,
      owner: r.owner,
      specialCategory: r.specialCategory,
      originJurisdiction: r.originJurisdiction.trim(),
      tlp: r.tlp === "" ? null : r.tlp,
      fields: Object.fromEntries(r.fields.map((f) => [f.name.trim(), f.value])),
    })),
  };
}
