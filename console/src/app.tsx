import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import type { ConsoleConfig } from "./config";
import { route, match, navigate } from "./router";
import { roleNames, session, signOut, type Role } from "./session";
import { SignIn } from "./pages/signin";
import { endHostedSession } from "./auth";
import type { RoleRoutes } from "./pages/routes";
import { routes as requester } from "./pages/requester/routes";
import { routes as contactPoint } from "./pages/contact-point/routes";
import { routes as dpo } from "./pages/dpo/routes";
import { routes as auditor } from "./pages/auditor/routes";
import { routes as admin } from "./pages/admin/routes";
import { Page } from "./ui/page";

const byRole: Record<Role, RoleRoutes> = { requester, contact_point: contactPoint, dpo, auditor, admin };

export function App({ config }: { config: ConsoleConfig }) {
  const current = session.value;
  const path = route.value;
  if (!current) {
    return (
      <Shell>
        <SignIn config={config} />
      </Shell>
    );
  }
  const mine = byRole[current.role] ?? requester;
  if (path === "/" || path === "") return <GoTo path={mine.home} />;
  let view: ComponentChildren = null;
  for (const page of mine.pages) {
    const params = match(page.pattern, path);
    if (params) {
      view = page.view(params);
      break;
    }
  }
  return (
    <Shell nav={mine.nav} onSignOut={() => signOutEverywhere(config)}>
      {view ?? (
        <Page title="Not found">
          <p>There is no such page. <a href={"#" + mine.home}>Back to the start.</a></p>
        </Page>
      )}
    </Shell>
  );
}

/** Forgets the token; on AWS also ends the hosted UI's session, or its next sign-in would not ask. */
function signOutEverywhere(config: ConsoleConfig) {
  signOut();
  if (config.auth === "cognito") endHostedSession(config.cognito);
}

/** Sends "/" on to the role's home after the render, not during it. */
function GoTo({ path }: { path: string }) {
  useEffect(() => navigate(path), [path]);
  return null;
}

function Shell({ children, nav, onSignOut }: { children: ComponentChildren; nav?: RoleRoutes["nav"]; onSignOut?: () => void }) {
  const current = session.value;
  const path = route.value.split("?")[0];
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById("main")?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Liaison</span>
        {nav && (
          <nav aria-label="Main">
            <ul>
              {nav.map((item) => (
                <li>
                  <a href={"#" + item.path} aria-current={path === item.path ? "page" : undefined}>{item.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {current && (
          <div class="who">
            <span>{current.name}</span>
            <span class="muted"> · {roleNames[current.role]} · {current.jurisdiction}{current.contactPoint ? " · " + current.contactPoint : current.agency ? " · " + current.agency : ""}</span>
            <button type="button" onClick={onSignOut ?? signOut}>Sign out</button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
