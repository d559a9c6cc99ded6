import { api } from "../../api";
import type { paths } from "../../generated/api";

/** GET /legal-bases: the targets the directory serves and, for one, which instruments bind both sides today. */
export type LegalBases = paths["/legal-bases"]["get"]["responses"][200]["content"]["application/json"];
export type InstrumentBinding = LegalBases["items"][number];

/**
 * The one place the filing form asks what may be filed to whom; the requesting jurisdiction is
 * the token's. Without a target, the answer lists the targets and no instruments.
 */
export function legalBases(targetJurisdiction?: string) {
  return api.GET("/legal-bases", { params: { query: targetJurisdiction ? { targetJurisdiction } : {} } });
}
