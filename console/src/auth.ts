import type { ConsoleConfig } from "./config";
import { session, sessionFrom } from "./session";

/** A demo user of the local dev issuer (GET /dev/users). */
export interface DemoUser {
  user: string;
  name: string;
  role: string;
  jurisdiction: string;
  agency: string | null;
  contactPoint: string | null;
}

/** Locally: the dev issuer lists its users and hands out a token for each, no password. */
export async function demoUsers(): Promise<DemoUser[]> {
  const response = await fetch("dev/users");
  return response.ok ? ((await response.json()) as DemoUser[]) : [];
}

export async function signInAsDemoUser(user: string): Promise<boolean> {
  const response = await fetch("dev/token/" + encodeURIComponent(user));
  if (!response.ok) return false;
  session.value = sessionFrom((await response.text()).trim());
  return true;
}

// Cognito's hosted UI, authorization code with PKCE (RFC 7636). The verifier and state wait in
// sessionStorage for the one redirect back; the tokens never leave memory.
const VERIFIER = "liaison.pkce.verifier";
const STATE = "liaison.pkce.state";

type Cognito = Extract<ConsoleConfig, { auth: "cognito" }>["cognito"];

export async function startHostedSignIn(cognito: Cognito) {
  const verifier = random(48);
  const state = random(16);
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const url = new URL("https://" + cognito.domain + "/oauth2/authorize");
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: cognito.clientId,
    redirect_uri: cognito.redirectUri,
    scope: "openid email profile",
    state,
    code_challenge: base64url(digest),
    code_challenge_method: "S256",
  }).toString();
  location.assign(url.toString());
}

/** Back from the hosted UI with ?code=…&state=…: trades the code for tokens and forgets the verifier. */
export async function finishHostedSignIn(cognito: Cognito): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  const code = params.get("code");
  const verifier = sessionStorage.getItem(VERIFIER);
  const state = sessionStorage.getItem(STATE);
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  if (!code || !verifier || params.get("state") !== state) return false;
  history.replaceState(null, "", location.pathname + location.hash);
  const response = await fetch("https://" + cognito.domain + "/oauth2/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: cognito.clientId,
      code,
      redirect_uri: cognito.redirectUri,
      code_verifier: verifier,
    }),
  });
  if (!response.ok) return false;
  // The ID token carries the Liaison attributes (custom:role, ...) and the client as audience,
  // which is what the HTTP API's JWT authorizer checks.
  const tokens = (await response.json()) as { id_token?: string };
  if (!tokens.id_token) return false;
  session.value = sessionFrom(tokens.id_token);
  return true;
}

/** Cognito's /logout ends the hosted UI's own session and comes back to the console's registered URL. */
export function endHostedSession(cognito: Cognito) {
  const url = new URL("https://" + cognito.domain + "/logout");
  url.search = new URLSearchParams({ client_id: cognito.clientId, logout_uri: cognito.redirectUri }).toString();
  location.assign(url.toString());
}

function random(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes: Uint8Array): string {
  let text = "";
  bytes.forEach((b) => (text += String.fromCharCode(b)));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
