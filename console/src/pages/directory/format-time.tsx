import { Time } from "../../ui/time";

const EPOCH = Date.parse("1970-01-01T00:00:00Z");

/** When a revision applies from; the packaged revision 1 applies since always (the epoch). */
export function Since({ at }: { at: string }) {
  return Date.parse(at) === EPOCH ? <span>always (the packaged file)</span> : <Time at={at} />;
}
