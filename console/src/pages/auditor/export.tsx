import { useState } from "preact/hooks";
import { api } from "../../api";
import { useAction } from "../../ui/load";
import { Page } from "../../ui/page";
import { OversightProblem } from "../../ui/oversight-problem";
import { saveFile } from "../../ui/oversight-download";
import { instants, RANGE_POINTERS, RangeFields, today, type DayRange } from "./range";
import { ScopeNote } from "./scope";
import "../../ui/oversight.css";

const KEY_FILE = "liaison-audit-key.pem";

function exportFile(range: DayRange) {
  const j = range.jurisdiction.trim() ? "-" + range.jurisdiction.trim().toUpperCase() : "";
  return `liaison-export-${range.fromDay}-to-${range.toDay}${j}.jsonl`;
}

/** Exports trails as JSON Lines and the digests' public key, with the commands that check them offline. */
export function ExportPage() {
  const [range, setRange] = useState<DayRange>({ fromDay: today(), toDay: today(), jurisdiction: "" });
  const exporting = useAction<Blob>();
  const keying = useAction<{ pem: string }>();
  const [saved, setSaved] = useState<string | null>(null);
  const [savedKey, setSavedKey] = useState(false);
  const file = exportFile(range);
  const download = async () => {
    setSaved(null);
    const { from, to, jurisdiction } = instants(range);
    const blob = await exporting.run(() => api.GET("/audit/export", { params: { query: { from, to, jurisdiction } }, parseAs: "blob" }));
    if (blob) {
      saveFile(new Blob([blob], { type: "application/x-ndjson" }), file);
      setSaved(file);
    }
  };
  const downloadKey = async () => {
    setSavedKey(false);
    const key = await keying.run(() => api.GET("/audit/public-key"));
    if (key) {
      saveFile(new Blob([key.pem], { type: "application/x-pem-file" }), KEY_FILE);
      setSavedKey(true);
    }
  };
  return (
    <Page title="Export and public key">
      <ScopeNote />
      <section aria-labelledby="export">
        <h2 id="export">Export trails (JSON Lines)</h2>
        <p>The whole trails of the requests with events in the range (at most 500), with every hash, each trail's head
          and the signed hourly digests of the hours they span.</p>
        <form class="row-form" noValidate onSubmit={(e) => { e.preventDefault(); download(); }}>
          <RangeFields range={range} onRange={setRange} problem={exporting.problem} />
          <button type="submit" class="primary" disabled={exporting.busy}>Download export</button>
        </form>
        <OversightProblem problem={exporting.problem} shownPointers={RANGE_POINTERS} />
        <div aria-live="polite">{saved ? <p class="notice">Saved as <code>{saved}</code>.</p> : null}</div>
      </section>
      <section aria-labelledby="key">
        <h2 id="key">Public key of the signed digests</h2>
        <p>ECDSA P-256 with SHA-256, as an X.509 PEM: anyone holding an export checks its digests' signatures with it.</p>
        <div class="actions">
          <button type="button" onClick={downloadKey} disabled={keying.busy}>Download public key</button>
        </div>
        <OversightProblem problem={keying.problem} />
        <div aria-live="polite">{savedKey ? <p class="notice">Saved as <code>{KEY_FILE}</code>.</p> : null}</div>
      </section>
      <section aria-labelledby="offline">
        <h2 id="offline">Check the export offline</h2>
        <p>With Liaison's verifier (a JDK 21 or later, in a Liaison checkout built by <code>./run-local</code>): every trail,
          head and signed digest; exit 0 when all check out. Run it where you saved both files.</p>
        <pre class="command" aria-label="Verifier command"><code>java -jar local/target/liaison-local.jar verify {file} --public-key {KEY_FILE}</code></pre>
        <p>Or without Liaison's code, with the Python recipe of <code>docs/audit-format.md</code> (RFC 8785 and SHA-256 only;
          it checks the hashes and heads, and openssl checks the signatures):</p>
        <pre class="command" aria-label="Python recipe commands"><code>{`python3 -m venv /tmp/auditvenv && /tmp/auditvenv/bin/pip install rfc8785==0.1.4
sed -n '/^\`\`\`python$/,/^\`\`\`$/{//!p}' docs/audit-format.md > /tmp/verify_trail.py
/tmp/auditvenv/bin/python /tmp/verify_trail.py ${file}`}</code></pre>
      </section>
    </Page>
  );
}
