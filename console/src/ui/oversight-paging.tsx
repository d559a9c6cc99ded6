import { useState } from "preact/hooks";

/**
 * Pages a list the API returns whole (a trail, the channels), so that no page shows hundreds of
 * rows at once. `page` starts at 0.
 */
export function usePages<T>(items: T[], size: number) {
  const [page, setPage] = useState(0);
  const count = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(page, count - 1);
  return {
    page: current,
    count,
    size,
    shown: items.slice(current * size, current * size + size),
    setPage,
    /** Shows the page that holds item number `index` (0-based). */
    showIndex: (index: number) => setPage(Math.floor(index / size)),
  };
}

export function PageSwitcher({ pages, label, total }: { pages: ReturnType<typeof usePages<unknown>>; label: string; total: number }) {
  if (pages.count <= 1) return null;
  const first = pages.page * pages.size + 1;
  const last = Math.min(total, first + pages.size - 1);
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" onClick={() => pages.setPage(pages.page - 1)} disabled={pages.page === 0}>Previous page</button>
      <span class="muted" aria-live="polite">{first}–{last} of {total}</span>
      <button type="button" onClick={() => pages.setPage(pages.page + 1)} disabled={pages.page >= pages.count - 1}>Next page</button>
    </nav>
  );
}
