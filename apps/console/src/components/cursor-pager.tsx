import { useState } from 'react';

/**
 * Cursor paging as the identity queries give it (`first`, `after`, then
 * `endCursor` and `hasNextPage`): the cursors of the pages seen, so
 * _Previous page_ goes back without the server keeping anything.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    hasPrevious: cursors.length > 1,
    previous: () => setCursors((c) => c.slice(0, -1)),
    next: (endCursor: string) => setCursors((c) => [...c, endCursor]),
    restart: () => setCursors([null]),
  };
}

export function CursorPager({
  pages,
  hasNextPage,
  endCursor,
}: {
  pages: ReturnType<typeof useCursorPages>;
  hasNextPage: boolean;
  endCursor: string | null;
}) {
  return (
    <p>
      {pages.hasPrevious ? (
        <button type="button" onClick={pages.previous}>
          Previous page
        </button>
      ) : null}{' '}
      {hasNextPage && endCursor ? (
        <button type="button" onClick={() => pages.next(endCursor)}>
          Next page
        </button>
      ) : null}
    </p>
  );
}
