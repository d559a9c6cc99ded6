import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { query } from "../../router";
import { SelectField, TextField } from "../../ui/fields";
import { useAction, useLoad } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { fieldError } from "../../ui/problem";
import { Time } from "../../ui/time";
import { OversightProblem } from "../../ui/oversight-problem";
import { PageSwitcher, usePages } from "../../ui/oversight-paging";
import "../../ui/oversight.css";

type Channel = Schemas["ChannelView"];
type Recipient = Schemas["ChannelRecipient"];

const PER_PAGE = 25;

function recipientName(r: Recipient): string {
  return "contactPoint" in r ? r.contactPoint : r.agency + " (" + r.jurisdiction + ")";
}

function replaceLink(r: Recipient): string {
  const q: Record<string, string> = "contactPoint" in r ? { contactPoint: r.contactPoint } : { jurisdiction: r.jurisdiction, agency: r.agency };
  return "#/channels/new?" + new URLSearchParams(q);
}

/** Where every contact point's notices go, then every agency with a registered channel. */
export function ChannelList() {
  const { data, problem, loading } = useLoad(() => api.GET("/channels", {}), []);
  const items = data?.items ?? [];
  const pages = usePages<Channel>(items, PER_PAGE);
  return (
    <Page title="Notice channels" actions={<a href="#/channels/new">Register a channel</a>}>
      <p>Every contact point of the directory, with its registered channel or its directory e-mail address, then every agency
        with a registered channel. Agencies without one are notified at a demo address that goes nowhere.</p>
      <OversightProblem problem={problem} />
      {loading ? <Loading /> : data && (
        <>
          <div class="table-scroll" tabIndex={0} role="region" aria-label="Channels">
            <table>
              <thead>
                <tr>
                  <th scope="col">Recipient</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Source</th>
                  <th scope="col">Registered</th>
                  <th scope="col"><span class="visually-hidden">Change</span></th>
                </tr>
              </thead>
              <tbody>
                {pages.shown.map((c) => (
                  <tr>
                    <th scope="row">{recipientName(c.recipient)}</th>
                    <td>
                      {c.type === "webhook" ? (
                        <>webhook <code>{c.url}</code>{c.secretSet ? <span class="muted"> (signing secret set)</span> : null}</>
                      ) : (
                        <>e-mail <code>{c.address}</code></>
                      )}
                    </td>
                    <td>{c.source === "directory" ? "directory default" : "registered"}</td>
                    <td>{c.updatedAt ? <><Time at={c.updatedAt} /> <span class="muted">by {c.updatedBy}</span></> : "—"}</td>
                    <td><a href={replaceLink(c.recipient)} aria-label={"Replace the channel of " + recipientName(c.recipient)}>Replace</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PageSwitcher pages={pages} label="Pages of channels" total={items.length} />
        </>
      )}
    </Page>
  );
}

/** Generates a Standard Webhooks signing secret: whsec_ and the base64 of 32 random bytes. */
function newSecret(): string {
  let text = "";
  crypto.getRandomValues(new Uint8Array(32)).forEach((b) => (text += String.fromCharCode(b)));
  return "whsec_" + btoa(text);
}

/** Registers a webhook or an e-mail address for a contact point or an agency, replacing the channel in force. */
export function ChannelForm() {
  const q = query();
  const directory = useLoad(() => api.GET("/channels", {}), []);
  const [kind, setKind] = useState<"contactPoint" | "agency">(q.get("agency") ? "agency" : "contactPoint");
  const [contactPoint, setContactPoint] = useState(q.get("contactPoint") ?? "");
  const [jurisdiction, setJurisdiction] = useState(q.get("jurisdiction") ?? "");
  const [agency, setAgency] = useState(q.get("agency") ?? "");
  const [type, setType] = useState<"webhook" | "email">("webhook");
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [address, setAddress] = useState("");
  const [saved, setSaved] = useState<Channel | null>(null);
  const action = useAction<Channel>();
  const contactPoints = (directory.data?.items ?? []).flatMap((c) => ("contactPoint" in c.recipient ? [c.recipient.contactPoint] : []));
  const chosenPoint = contactPoint || contactPoints[0] || "";

  const submit = async () => {
    setSaved(null);
    const body: Schemas["ChannelRegistration"] = type === "webhook" ? { type, url, secret } : { type, address };
    const view = await action.run(() => kind === "contactPoint"
      ? api.PUT("/channels/contact-points/{contactPointId}", { params: { path: { contactPointId: chosenPoint } }, body })
      : api.PUT("/channels/agencies/{jurisdiction}/{agency}", { params: { path: { jurisdiction: jurisdiction.trim(), agency: agency.trim() } }, body }));
    if (view) {
      setSaved(view);
      setSecret("");
    }
  };

  return (
    <Page title="Register a notice channel">
      <p><a href="#/channels">Back to the channels</a></p>
      <OversightProblem problem={directory.problem} />
      {directory.loading ? <Loading /> : (
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <SelectField label="Recipient" value={kind} onValue={(v) => setKind(v as typeof kind)}
            options={[{ value: "contactPoint", label: "A contact point of the directory" }, { value: "agency", label: "A requesting agency" }]} />
          {kind === "contactPoint" ? (
            <SelectField label="Contact point" value={chosenPoint} onValue={setContactPoint}
              options={contactPoints.map((c) => ({ value: c, label: c }))} />
          ) : (
            <>
              <TextField label="Agency's jurisdiction" required value={jurisdiction} onValue={setJurisdiction} placeholder="e.g. NL"
                hint="Two capital letters (ISO 3166-1 alpha-2)." />
              <TextField label="Agency code" required value={agency} onValue={setAgency} placeholder="e.g. NL-POLITIE-THTC"
                hint="As the agency claim of its officers' tokens carries it: letters, digits, '.', '_' or '-'." />
            </>
          )}
          <SelectField label="Channel type" value={type} onValue={(v) => setType(v as typeof type)}
            options={[{ value: "webhook", label: "Webhook (signed HTTPS POST)" }, { value: "email", label: "E-mail" }]} />
          {type === "webhook" ? (
            <>
              <TextField label="Webhook URL" type="url" required value={url} onValue={setUrl} autoComplete="off"
                placeholder="https://hooks.example.org/liaison" error={fieldError(action.problem, "/url")}
                hint="https to a public host; internal, private and metadata addresses are refused." />
              <TextField label="Signing secret" required value={secret} onValue={setSecret} autoComplete="off"
                error={fieldError(action.problem, "/secret")}
                hint="whsec_ and the base64 of 24 to 64 random bytes (Standard Webhooks). Give it to the receiver: it is stored sealed and never shown again." />
              <div class="actions">
                <button type="button" onClick={() => setSecret(newSecret())}>Generate a secret</button>
              </div>
            </>
          ) : (
            <TextField label="E-mail address" type="email" required value={address} onValue={setAddress} autoComplete="off"
              error={fieldError(action.problem, "/address")} hint="One plain address, without a display name." />
          )}
          <OversightProblem problem={action.problem} shownPointers={["/url", "/secret", "/address"]} />
          {saved ? (
            <p class="notice" role="status">
              Registered for {recipientName(saved.recipient)}:{" "}
              {saved.type === "webhook" ? <>webhook <code>{saved.url}</code>, signing secret set</> : <>e-mail <code>{saved.address}</code></>}.
            </p>
          ) : null}
          <div class="actions">
            <button type="submit" class="primary" disabled={action.busy}>Register channel</button>
          </div>
        </form>
      )}
    </Page>
  );
}
