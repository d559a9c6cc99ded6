import { useEffect, useState } from "preact/hooks";
import { api, type Schemas } from "../../api";
import { navigate, query } from "../../router";
import { TextField } from "../../ui/fields";
import { useLoad, type Answer } from "../../ui/load";
import { Loading, Page } from "../../ui/page";
import { Time } from "../../ui/time";
import { OversightProblem } from "../../ui/oversight-problem";
import { diffLines, prettyLines, withContext } from "./diff";
import { knownVersions, sawVersion } from "./versions";
import "../../ui/oversight.css";

type Stored = Schemas["StoredPolicy"];

function readPolicy(version?: string) {
  return api.GET("/policy", { params: { query: version ? { version } : {} } });
}

function VersionList() {
  return (
    <datalist id="known-versions">
      {knownVersions.value.map((v) => <option value={v} />)}
    </datalist>
  );
}

/** The current release policy, and the ways to another version: open one, compare two, store a new one. */
export function PolicyHome() {
  const { data, problem, loading } = useLoad(() => readPolicy(), []);
  useEffect(() => { if (data) sawVersion(data.version); }, [data]);
  return (
    <Page title="Release policy" actions={<a href="#/policy/new">Upload a new version</a>}>
      <OversightProblem problem={problem} />
      {loading ? <Loading /> : data && (
        <>
          <VersionForms current={data.version} />
          <h2>The current version</h2>
          <PolicyView policy={data} />
        </>
      )}
    </Page>
  );
}

/** One stored version, as any decision that names it was taken under. */
export function PolicyVersion({ version }: { version: string }) {
  const { data, problem, loading } = useLoad(() => readPolicy(version), [version]);
  const current = useLoad(() => readPolicy(), []);
  useEffect(() => { if (data) sawVersion(data.version); }, [data]);
  const currentVersion = current.data?.version;
  return (
    <Page title={"Release policy " + version}>
      <p><a href="#/policy">Back to the current version</a></p>
      <OversightProblem problem={problem} />
      {loading ? <Loading /> : data && (
        <>
          {currentVersion && currentVersion !== data.version ? (
            <p><a href={"#/policy/compare?" + new URLSearchParams({ from: data.version, to: currentVersion })}>
              Compare with the current version ({currentVersion})</a></p>
          ) : currentVersion ? <p>This is the current version.</p> : null}
          <PolicyView policy={data} />
        </>
      )}
    </Page>
  );
}

function VersionForms({ current }: { current: string }) {
  const [open, setOpen] = useState("");
  const [from, setFrom] = useState(knownVersions.value.find((v) => v !== current) ?? "");
  const [to, setTo] = useState(current);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const hint = "The API reads a version by its name (every gate decision names its version); the names you have opened or stored in this session are offered.";
  return (
    <div class="two">
      <form class="card" noValidate onSubmit={(e) => {
        e.preventDefault();
        if (!open.trim()) { setErrors({ open: "Name the version to open." }); return; }
        navigate("/policy/versions/" + encodeURIComponent(open.trim()));
      }}>
        <h2>Open a version</h2>
        <VersionList />
        <VersionInput label="Version to open" value={open} onValue={setOpen} error={errors.open} hint={hint} />
        <button type="submit">Open version</button>
      </form>
      <form class="card" noValidate onSubmit={(e) => {
        e.preventDefault();
        const wrong: Record<string, string> = {};
        if (!from.trim()) wrong.from = "Name the older version.";
        if (!to.trim()) wrong.to = "Name the newer version.";
        setErrors(wrong);
        if (Object.keys(wrong).length === 0) navigate("/policy/compare?" + new URLSearchParams({ from: from.trim(), to: to.trim() }));
      }}>
        <h2>Compare two versions</h2>
        <VersionInput label="Older version" value={from} onValue={setFrom} error={errors.from} />
        <VersionInput label="Newer version" value={to} onValue={setTo} error={errors.to} />
        <button type="submit">Compare versions</button>
      </form>
    </div>
  );
}

// A TextField with the list of known versions to choose from (an input's `list` attribute).
function VersionInput(props: { label: string; value: string; onValue: (v: string) => void; error?: string; hint?: string }) {
  return (
    <div ref={(el) => el?.querySelector("input")?.setAttribute("list", "known-versions")}>
      <TextField {...props} required autoComplete="off" />
    </div>
  );
}

function PolicyView({ policy }: { policy: Stored }) {
  const doc = policy.document;
  return (
    <>
      <dl class="facts">
        <dt>Version</dt><dd><code>{policy.version}</code></dd>
        <dt>Revision</dt><dd>{policy.revision}{policy.revision === 0 ? " (the packaged demo policy)" : ""}</dd>
        <dt>Stored by</dt><dd>{policy.author}</dd>
        <dt>Stored at</dt><dd>{policy.revision === 0 ? "packaged with Liaison" : <Time at={policy.storedAt} />}</dd>
        <dt>Retention</dt><dd><code>{doc.retention}</code></dd>
        <dt>e-Evidence notification holds (G3)</dt><dd>{doc.eEvidenceNotificationHolds === false ? "off" : "on"}</dd>
        <dt>Instruments</dt><dd>{(doc.instruments ?? []).map((i) => i.code).join(", ") || "none"}</dd>
        <dt>Treaties</dt><dd>{(doc.treaties ?? []).map((t) => t.name).join(", ") || "none"}</dd>
        <dt>Transfer rules</dt><dd>{(doc.transfers ?? []).map((t) => t.id).join(", ") || "none"}</dd>
      </dl>
      <h3>The document</h3>
      <pre class="json" tabIndex={0} role="region" aria-label={"Policy document " + policy.version}>{JSON.stringify(doc, null, 2)}</pre>
    </>
  );
}

/** Both versions, read at once; the first refusal wins. */
async function readBoth(from: string, to: string): Promise<Answer<{ older: Stored; newer: Stored }>> {
  const [older, newer] = await Promise.all([readPolicy(from), readPolicy(to)]);
  if (!older.data) return { error: older.error, response: older.response };
  if (!newer.data) return { error: newer.error, response: newer.response };
  return { data: { older: older.data, newer: newer.data }, response: newer.response };
}

/** Two versions' documents as a line diff of their pretty-printed JSON. */
export function PolicyCompare() {
  const q = query();
  const from = q.get("from") ?? "";
  const to = q.get("to") ?? "";
  const { data, problem, loading } = useLoad(() => readBoth(from, to), [from, to]);
  useEffect(() => { if (data) { sawVersion(data.older.version); sawVersion(data.newer.version); } }, [data]);
  return (
    <Page title={"Compare " + from + " with " + to}>
      <p><a href="#/policy">Back to the current version</a></p>
      <OversightProblem problem={problem} />
      {loading ? <Loading /> : data && <Diff older={data.older} newer={data.newer} />}
    </Page>
  );
}

function Diff({ older, newer }: { older: Stored; newer: Stored }) {
  const lines = diffLines(prettyLines(older.document), prettyLines(newer.document));
  const added = lines.filter((l) => l.kind === "added").length;
  const removed = lines.filter((l) => l.kind === "removed").length;
  const view = withContext(lines, 3);
  return (
    <>
      <p role="status">
        From <code>{older.version}</code> (revision {older.revision}) to <code>{newer.version}</code> (revision {newer.revision}):{" "}
        {added === 0 && removed === 0 ? "the documents are the same." : `${added} line${added === 1 ? "" : "s"} added, ${removed} removed.`}
      </p>
      {added + removed > 0 && (
        <>
          <p class="muted">Lines of the pretty-printed documents; three unchanged lines around each change. Numbers: older line / newer line.</p>
          <ul class="diff" aria-label="Differences" tabIndex={0}>
            {view.map((line) => line.kind === "skipped" ? (
              <li class="skipped">… {line.count} unchanged line{line.count === 1 ? "" : "s"}</li>
            ) : (
              <li class={line.kind}>
                <span class="num" aria-hidden="true">{line.old ?? ""}/{line.new ?? ""}</span>
                <span class="mark" aria-hidden="true">{line.kind === "added" ? "+" : line.kind === "removed" ? "−" : " "}</span>
                {line.kind !== "same" ? <span class="visually-hidden">{line.kind === "added" ? "added: " : "removed: "}</span> : null}
                {line.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
