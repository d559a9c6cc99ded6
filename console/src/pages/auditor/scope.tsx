import { session } from "../../session";

/**
 * The jurisdictions an auditor's token is limited to (its `jurisdictions` claim, e.g. "DE,FR"), or
 * null when it sees every trail. Only to tell the auditor; the API enforces it.
 */
export function auditScope(): string[] | null {
  const token = session.value?.token ?? "";
  try {
    const part = token.split(".")[1] ?? "";
    const claims = JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "="))) as Record<string, unknown>;
    const value = claims["jurisdictions"] ?? claims["custom:jurisdictions"];
    if (typeof value !== "string" || value.trim() === "") return null;
    return value.split(",").map((j) => j.trim()).filter(Boolean);
  } catch {
    return null;
  }
}

export function ScopeNote() {
  const scope = auditScope();
  if (!scope) return null;
  return <p class="notice">Your token limits you to requests from or to {scope.join(", ")}; any other request reads as not found.</p>;
}
