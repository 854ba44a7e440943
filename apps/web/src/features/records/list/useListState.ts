// The list's state lives in the URL (?view=…&q=…&f=…&s=…&c=…), so a filtered list is a link
// anyone can open. A saved view supplies defaults; anything in the URL overrides it.
import type { ListFilter, ObjectMeta, SavedView, SortSpec } from '@rapport/contracts/apiTypes';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { decodeFilters, decodeSort, encodeFilters, encodeSort } from '../filters/filterModel';
import { defaultColumns } from './defaultColumns';

export interface ListState {
  viewId: string | null;
  view: SavedView | undefined;
  board: boolean;
  q: string;
  filters: ListFilter[];
  sort: SortSpec[];
  columns: string[];
  /** True when the user changed filters/sort/columns away from the chosen saved view. */
  modified: boolean;
}

export const defaultSort: SortSpec[] = [{ field: 'updatedAt', direction: 'desc' }];

export function useListState(meta: ObjectMeta, views: SavedView[] | undefined) {
  const [params, setParams] = useSearchParams();
  const viewParam = params.get('view');
  const board = viewParam === 'board';
  const viewId = board ? params.get('saved') : viewParam;
  const view = viewId ? views?.find((v) => v.id === viewId) : undefined;

  const state: ListState = useMemo(() => {
    const f = params.get('f');
    const s = params.get('s');
    const c = params.get('c');
    const known = new Set(meta.fields.map((x) => x.name));
    const columns = (c ? c.split(',') : view?.columns?.length ? view.columns : defaultColumns(meta)).filter(
      (n) => known.has(n),
    );
    return {
      viewId,
      view,
      board,
      q: params.get('q') ?? '',
      filters: f !== null ? decodeFilters(f) : (view?.filters ?? []),
      sort: s !== null ? decodeSort(s) : view?.sort?.length ? view.sort : defaultSort,
      columns: columns.length ? columns : defaultColumns(meta),
      modified: Boolean(view) && (f !== null || s !== null || c !== null),
    };
  }, [params, view, viewId, board, meta]);

  const patch = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return {
    state,
    setQ: (q: string) => patch({ q }),
    // With a saved view chosen, "no filters" must be said explicitly ('-'), or the view's come back.
    setFilters: (filters: ListFilter[]) =>
      patch({ f: filters.length ? encodeFilters(filters) : view ? '-' : null }),
    setSort: (sort: SortSpec[]) => patch({ s: encodeSort(sort) }),
    setColumns: (columns: string[]) => patch({ c: columns.join(',') }),
    chooseView: (id: string | null) =>
      patch({ view: board ? 'board' : id, saved: board ? id : null, f: null, s: null, c: null }),
    setBoard: (on: boolean) => patch({ view: on ? 'board' : viewId, saved: on ? viewId : null }),
    resetToView: () => patch({ f: null, s: null, c: null }),
  };
}
