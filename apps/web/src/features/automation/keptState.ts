// Form state that outlives the component showing it. A workflow being built used to live in the
// builder's own useState (and "is a new one open" in the settings screen's): anything that
// remounts the screen — the route element re-created, an error boundary or the auth gate showing
// for a moment, a key change above it — dropped the draft while the user was filling it (the e2e
// R19 flake). Kept in the app's QueryClient instead, it lasts as long as the page and the signed-in
// session (sign-out clears the client), and every test render, which has its own client, starts
// clean.
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, useSyncExternalStore } from 'react';

const ROOT = ['automation', 'kept'] as const;
const keyOf = (key: string) => [...ROOT, key];

function prepare(client: QueryClient) {
  // Without this the cache would drop an entry nobody observes after gcTime (5 min by default).
  if (client.getQueryDefaults(ROOT).gcTime !== Number.POSITIVE_INFINITY)
    client.setQueryDefaults(ROOT, { gcTime: Number.POSITIVE_INFINITY, staleTime: Number.POSITIVE_INFINITY });
}

type Update<T> = T | ((current: T) => T);

/**
 * useState whose value is kept under `key` until `clear` is called: a remount shows it again.
 * `init` gives the value while nothing is kept.
 */
export function useKeptState<T>(key: string, init: () => T): [T, (u: Update<T>) => void, () => void] {
  const client = useQueryClient();
  prepare(client);
  const [initial] = useState(init);
  // Only events of this entry: other queries are added to the cache while components render, and
  // reacting to those would update this component in the middle of another's render.
  const subscribe = useCallback(
    (cb: () => void) =>
      client.getQueryCache().subscribe((e) => {
        const k = e.query.queryKey;
        if (k.length === 3 && k[0] === ROOT[0] && k[1] === ROOT[1] && k[2] === key) cb();
      }),
    [client, key],
  );
  const kept = useSyncExternalStore(
    subscribe,
    () => client.getQueryData<{ v: T }>(keyOf(key)),
    () => client.getQueryData<{ v: T }>(keyOf(key)),
  );
  const set = useCallback(
    (u: Update<T>) => {
      // Read the cache, not the render's value, so updates made in a row compose.
      const current = client.getQueryData<{ v: T }>(keyOf(key))?.v ?? initial;
      const next = typeof u === 'function' ? (u as (c: T) => T)(current) : u;
      client.setQueryData(keyOf(key), { v: next });
    },
    [client, key, initial],
  );
  const clear = useCallback(() => client.removeQueries({ queryKey: keyOf(key), exact: true }), [client, key]);
  return [kept ? kept.v : initial, set, clear];
}
