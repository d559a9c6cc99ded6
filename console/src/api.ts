import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/api";
import { session, signOut } from "./session";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];

const auth: Middleware = {
  onRequest({ request }) {
    const current = session.value;
    if (current) request.headers.set("Authorization", "Bearer " + current.token);
    return request;
  },
  onResponse({ response }) {
    // An expired or refused token: back to sign-in.
    if (response.status === 401) signOut();
    return response;
  },
};

function client(baseUrl: string) {
  const made = createClient<paths>({ baseUrl });
  made.use(auth);
  return made;
}

/**
 * The API client, typed from openapi.yaml: a call the contract does not allow fails the build.
 * Same origin locally; the API's URL on AWS (set once the configuration is read).
 */
export let api = client("");

export function callApiAt(baseUrl: string) {
  api = client(baseUrl.replace(/\/$/, ""));
}

/** Whatever an API call answered that was not a success, as the console shows it. */
export function asProblem(error: unknown, status: number): Problem {
  if (error && typeof error === "object" && "title" in error && "status" in error) return error as Problem;
  if (status === 404) return { type: "/problems/not-found", title: "Not found", status, detail: "Not found." };
  return { type: "/problems/internal-error", title: "Something went wrong", status, detail: "The server gave no explanation (HTTP " + status + ")." };
}

/** A fresh key for one form: a double click or a retry of the same form files once. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
