/** One line of a line diff: kept, only in the newer text, or only in the older one. */
export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
  /** Line numbers in the older and the newer text (1-based), where the line is in them. */
  old?: number;
  new?: number;
}

/** What a diff shows: changed lines with some context, and how many unchanged lines each gap hides. */
export type DiffView = ({ kind: "skipped"; count: number } | DiffLine)[];

// Above this many cells the table of common subsequences is too big to build in a browser tab;
// such a pair is shown as everything removed and everything added (policy documents are far smaller).
const MAX_CELLS = 4_000_000;

/**
 * The lines of `older` and `newer` as a longest-common-subsequence diff (the classic dynamic
 * programme, after trimming the common head and tail, which is most of two policy versions).
 */
export function diffLines(older: string[], newer: string[]): DiffLine[] {
  let head = 0;
  while (head < older.length && head < newer.length && older[head] === newer[head]) head++;
  let tail = 0;
  while (tail < older.length - head && tail < newer.length - head && older[older.length - 1 - tail] === newer[newer.length - 1 - tail]) tail++;
  const a = older.slice(head, older.length - tail);
  const b = newer.slice(head, newer.length - tail);
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: "same", text: older[i], old: i + 1, new: i + 1 });
  const middle = (a.length + 1) * (b.length + 1) <= MAX_CELLS ? lcs(a, b) : [
    ...a.map((text) => ({ kind: "removed" as const, text })),
    ...b.map((text) => ({ kind: "added" as const, text })),
  ];
  let o = head, n = head;
  for (const line of middle) {
    if (line.kind === "same") out.push({ ...line, old: ++o, new: ++n });
    else if (line.kind === "removed") out.push({ ...line, old: ++o });
    else out.push({ ...line, new: ++n });
  }
  for (let i = 0; i < tail; i++) out.push({ kind: "same", text: older[older.length - tail + i], old: ++o, new: ++n });
  return out;
}

function lcs(a: string[], b: string[]): DiffLine[] {
  const width = b.length + 1;
  // length[i * width + j]: the longest common subsequence of a[i..] and b[j..].
  const length = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      length[i * width + j] = a[i] === b[j] ? length[(i + 1) * width + j + 1] + 1
        : Math.max(length[(i + 1) * width + j], length[i * width + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push({ kind: "same", text: a[i] }); i++; j++; }
    else if (length[(i + 1) * width + j] >= length[i * width + j + 1]) out.push({ kind: "removed", text: a[i++] });
    else out.push({ kind: "added", text: b[j++] });
  }
  while (i < a.length) out.push({ kind: "removed", text: a[i++] });
  while (j < b.length) out.push({ kind: "added", text: b[j++] });
  return out;
}

/** Keeps `context` unchanged lines around each change and folds the rest into "skipped" markers. */
export function withContext(lines: DiffLine[], context = 3): DiffView {
  const near = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, i) => {
    if (line.kind === "same") return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) near[k] = true;
  });
  const view: DiffView = [];
  let skipped = 0;
  lines.forEach((line, i) => {
    if (near[i]) {
      if (skipped) view.push({ kind: "skipped", count: skipped });
      skipped = 0;
      view.push(line);
    } else skipped++;
  });
  if (skipped) view.push({ kind: "skipped", count: skipped });
  return view;
}

/** A JSON document as the diff compares it: pretty-printed, two spaces, members in their stored order. */
export function prettyLines(document: unknown): string[] {
  return JSON.stringify(document, null, 2).split("\n");
}
