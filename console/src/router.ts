import { signal } from "@preact/signals";

/**
 * Pages live after the hash (#/requests/42): the API owns the paths of the same origin, and a
 * static host (S3 behind CloudFront) serves one index.html without rewrite rules.
 */
export const route = signal(currentPath());

function currentPath(): string {
  return location.hash.replace(/^#/, "") || "/";
}

addEventListener("hashchange", () => {
  route.value = currentPath();
});

/** Goes to {@code path}: the route changes now, and the address bar follows (one history entry). */
export function navigate(path: string) {
  if (location.hash !== "#" + path) location.hash = "#" + path;
  route.value = path;
}

/** The parameters of `path` when it matches `pattern` ("/requests/:id"), else null. */
export function match(pattern: string, path: string = route.value): Record<string, string> | null {
  const [pathname] = path.split("?");
  const want = pattern.split("/");
  const got = pathname.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** The query of the current route (#/requests?status=ROUTED). */
export function query(path: string = route.value): URLSearchParams {
  return new URLSearchParams(path.split("?")[1] ?? "");
}
