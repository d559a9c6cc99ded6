import { signal } from "@preact/signals";

/** The roles the API knows (core Role codes). */
export type Role = "requester" | "contact_point" | "dpo" | "auditor" | "admin";

/** Who is signed in, read from the token's claims (Cognito prefixes its custom attributes with "custom:"). */
export interface Session {
  token: string;
  subject: string;
  name: string;
  role: Role;
  jurisdiction: string;
  agency?: string;
  contactPoint?: string;
  /** An administrator's claim "jurisdictions": the directory entries it may change. */
  jurisdictions: string[];
  /** An administrator's claim "network" = "true": a network administrator (every entry; proposes and approves rule changes). */
  network: boolean;
}

/**
 * The session lives in memory only: not in localStorage or a cookie, so a script that gets onto
 * the page later, or another tab, finds no token. A reload signs in again.
 */
export const session = signal<Session | null>(null);

export function sessionFrom(token: string): Session {
  const part = token.split(".")[1] ?? "";
  const json = atob(part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "="));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  const claim = (name: string) => {
    const value = claims[name] ?? claims["custom:" + name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  return {
    token,
    subject: claim("sub") ?? "",
    name: claim("name") ?? claim("email") ?? claim("sub") ?? "",
    role: (claim("role") ?? "requester") as Role,
    jurisdiction: claim("jurisdiction") ?? "",
    agency: claim("agency"),
    contactPoint: claim("contact_point"),
    jurisdictions: (claim("jurisdictions") ?? "").split(/[\s,]+/).filter(Boolean),
    network: String(claims["network"] ?? claims["custom:network"] ?? "") === "true",
  };
}

export function signOut() {
  session.value = null;
  location.hash = "#/";
}

export const roleNames: Record<Role, string> = {
  requester: "Requester",
  contact_point: "Contact point",
  dpo: "Data-protection officer",
  auditor: "Auditor",
  admin: "Administrator",
};

/**
 * Whether the signed-in administrator may change the directory entries of {@code jurisdiction}
 * (the API decides; this only decides which links to offer).
 */
export function administers(jurisdiction: string): boolean {
  const current = session.value;
  if (!current || current.role !== "admin") return false;
  return current.network || current.jurisdictions.includes(jurisdiction);
}
