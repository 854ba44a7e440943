// Prints the gzip size of what the browser downloads for the first page (sign-in): the entry
// chunk, its static imports, the sign-in route's chunk with its static imports, and the CSS.
// Run after `vite build`: node apps/web/scripts/firstPageSize.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
const seen = new Set();
function walk(key) {
  const entry = manifest[key];
  if (!entry || seen.has(key)) return;
  seen.add(key);
  for (const imp of entry.imports ?? []) walk(imp);
}
walk('index.html');
const signIn = Object.keys(manifest).find((k) => k.endsWith('features/auth/SignInPage.tsx'));
if (signIn) walk(signIn);
const files = new Set();
for (const key of seen) {
  const e = manifest[key];
  files.add(e.file);
  for (const c of e.css ?? []) files.add(c);
}
let raw = 0;
let gz = 0;
const rows = [];
for (const f of files) {
  const buf = fs.readFileSync(path.join(dist, f));
  const g = zlib.gzipSync(buf, { level: 9 }).length;
  raw += buf.length;
  gz += g;
  rows.push(`${(g / 1024).toFixed(1).padStart(7)} KiB gz  ${f}`);
}
console.log(rows.sort().reverse().join('\n'));
console.log(
  `first page (sign-in): ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzip in ${files.size} files`,
);
