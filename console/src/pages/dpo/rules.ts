import type { Schemas } from "../../api";

type RuleId = Schemas["GateRuleId"];

/**
 * What each release-gate rule says and what it rests on, as docs/release-gate.md states them. The
 * API's findings carry the rule id, its effect and Liaison's sentence for the case (`reason`), not
 * the rule's legal basis: the basis is the same for every finding of a rule, so the console keeps it
 * beside the rule id. A rule id the API adds later shows with its id and reason alone.
 */
export const GATE_RULES: Record<RuleId, { says: string; restsOn: string }> = {
  "G1-INSTRUMENT": {
    says: "The legal instrument the request was filed under binds both jurisdictions on the filing date; otherwise nothing is released.",
    restsOn: "The instrument of the request's legal basis and its parties (Budapest Convention ETS 185, Second Protocol CETS 224, Regulation (EU) 2023/1543, a bilateral treaty).",
  },
  "G2-CATEGORY": {
    says: "Only the data categories the request asked for, and the categories and fields its article lets flow, are released; the rest is withheld.",
    restsOn: "The article of the request's legal basis, e.g. Budapest Art. 29 (a confirmation only), Art. 30 (some traffic data), Art. 31 (stored data); Reg. 2023/1543 Arts. 5 and 6.",
  },
  "G3-E-EVIDENCE-NOTIFICATION": {
    says: "Traffic and content data under the e-Evidence Regulation wait until the enforcing State's notification is recorded as cleared.",
    restsOn: "Regulation (EU) 2023/1543 Art. 8 (notification of the enforcing authority) and Art. 12 (grounds for refusal).",
  },
  "G4-TRANSFER": {
    says: "Data leave their jurisdiction of origin for the requester only when both are in the EU or a transfer rule of the policy covers it; otherwise an officer decides.",
    restsOn: "Directive (EU) 2016/680 Art. 36 (adequacy), Arts. 37 and 38 (appropriate safeguards, derogations).",
  },
  "G5-SPECIAL-CATEGORY": {
    says: "A record the contact point marked as a special category of personal data is held for a data-protection officer's review.",
    restsOn: "GDPR Art. 9; Directive (EU) 2016/680 Art. 10 (only where strictly necessary, with safeguards); CETS 224 Art. 14 (sensitive data).",
  },
  "G6-THIRD-PARTY": {
    says: "Fields of a third party's record whose values the request did not name are replaced with a pseudonym.",
    restsOn: "Data minimisation; the gate's documentation names no article for this rule.",
  },
  "G7-TLP": {
    says: "The answer is never labelled lower than the request (TLP 2.0 order).",
    restsOn: "FIRST Traffic Light Protocol 2.0.",
  },
  "G8-RETENTION": {
    says: "Released data expire after the policy's retention period.",
    restsOn: "CETS 224 Art. 14 (retention periods); Directive (EU) 2016/680 Art. 5 (time limits for storage and review).",
  },
};

export const VERDICT_WORDS: Record<Schemas["Verdict"], string> = {
  RELEASE: "release",
  RELEASE_REDACTED: "release redacted",
  HOLD: "hold for review",
  BLOCK: "block",
};
