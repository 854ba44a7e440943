// Browser APIs jsdom lacks and Mantine needs, the app's i18n in English, and a fetch that sends the
// app's relative /api/... requests to the real test server with a cookie jar (browsers keep cookies
// for us; Node's fetch does not).
import { cleanup, configure } from '@testing-library/react';
import { afterEach, inject } from 'vitest';
import { setupI18n } from '../src/i18n';

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView ??= () => {};
// Mantine's autosizing textarea listens for web fonts loading.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() },
  });
window.HTMLElement.prototype.scrollTo ??= () => {};

setupI18n('en');
// The machine is shared and the server is real: give findBy/waitFor time, not a race.
configure({ asyncUtilTimeout: 10_000 });

const nodeFetch = globalThis.fetch;
export const cookieJar = new Map<string, string>();

globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const raw = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
  const url = raw.startsWith('/') ? inject('apiBase') + raw : raw;
  const headers = new Headers(init?.headers);
  if (cookieJar.size) headers.set('cookie', [...cookieJar].map(([k, v]) => `${k}=${v}`).join('; '));
  const res = await nodeFetch(url, { ...init, headers });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [k, v] = pair!.split('=');
    if (!k) continue;
    if (!v || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) cookieJar.delete(k.trim());
    else cookieJar.set(k.trim(), v.trim());
  }
  return res;
};

afterEach(() => cleanup());
