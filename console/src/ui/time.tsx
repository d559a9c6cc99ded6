import { useEffect, useState } from "preact/hooks";

const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A time as people read it, in UTC (the network works across time zones), with the exact value on hover. */
export function Time({ at }: { at?: string | null }) {
  if (!at) return <span class="muted">—</span>;
  return <time dateTime={at} title={at}>{format.format(new Date(at))} UTC</time>;
}

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A time in the reader's own time zone (a deadline to act by), with the UTC value on hover. */
export function LocalTime({ at }: { at?: string | null }) {
  if (!at) return <span class="muted">—</span>;
  return <time dateTime={at} title={at}>{localFormat.format(new Date(at))} <span class="muted">your time ({localZone})</span></time>;
}

/** The time now, read again each minute: what a countdown counts from. */
function useMinute() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** How long until {@code until}, ticking each minute: "in 3 h 59 min", or "overdue by …". */
export function TimeLeft({ until }: { until: string }) {
  const left = new Date(until).getTime() - useMinute();
  return left < 0 ? <span class="overdue">overdue by {humanize(-left)}</span> : <span>in {humanize(left)}</span>;
}

/** How long until a deadline, ticking each minute; past ones say "overdue". */
export function Countdown({ until }: { until?: string | null }) {
  const now = useMinute();
  if (!until) return <span class="muted">no deadline</span>;
  const left = new Date(until).getTime() - now;
  const text = humanize(Math.abs(left));
  return left < 0 ? (
    <span class="overdue">overdue by {text} (<Time at={until} />)</span>
  ) : (
    <span>in {text} (<Time at={until} />)</span>
  );
}

function humanize(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}
