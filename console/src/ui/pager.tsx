/** Next and first page for a list that pages with a cursor (the API's nextCursor). */
export function Pager({ next, onNext, onFirst, atFirst }: { next?: string | null; onNext: (cursor: string) => void; onFirst: () => void; atFirst: boolean }) {
  if (!next && atFirst) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" onClick={onFirst} disabled={atFirst}>First page</button>
      <button type="button" onClick={() => next && onNext(next)} disabled={!next}>Next page</button>
    </nav>
  );
}
