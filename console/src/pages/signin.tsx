import { useEffect, useState } from "preact/hooks";
import { demoUsers, signInAsDemoUser, startHostedSignIn, type DemoUser } from "../auth";
import type { ConsoleConfig } from "../config";
import { roleNames, type Role } from "../session";
import { Loading, Page } from "../ui/page";

/** Sign-in: locally the dev issuer's demo users, grouped by role, one click each; on AWS the Cognito hosted UI. */
export function SignIn({ config }: { config: ConsoleConfig }) {
  if (config.auth === "cognito") {
    return (
      <Page title="Sign in to Liaison">
        <p>You sign in with your organisation's Liaison account.</p>
        <button type="button" class="primary" onClick={() => startHostedSignIn(config.cognito)}>Sign in</button>
      </Page>
    );
  }
  return <DemoSignIn />;
}

function DemoSignIn() {
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    demoUsers().then(setUsers);
  }, []);
  if (!users) return <Loading />;
  const roles = Object.keys(roleNames) as Role[];
  return (
    <Page title="Sign in to Liaison">
      <p>
        This is the local broker: choose a demo user to act as. Each one sees only what the API lets its
        role and jurisdiction see.
      </p>
      {failed && <p class="problem" role="alert">Could not sign in as {failed}.</p>}
      <div class="roles">
        {roles.map((role) => {
          const members = users.filter((u) => u.role === role);
          if (members.length === 0) return null;
          return (
            <section aria-labelledby={"role-" + role} class="card">
              <h2 id={"role-" + role}>{roleNames[role]}</h2>
              <ul class="plain">
                {members.map((u) => (
                  <li>
                    <button type="button" onClick={async () => {
                      // Signed in, the page asked for (a link opened before signing in, or "/") opens.
                      if (!(await signInAsDemoUser(u.user))) setFailed(u.name);
                    }}>
                      {u.name}
                    </button>
                    <span class="muted"> {u.jurisdiction}{u.agency ? " · " + u.agency : ""}{u.contactPoint ? " · " + u.contactPoint : ""}</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </Page>
  );
}
