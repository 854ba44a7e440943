// Whether the web app needs building: apps/web/dist is missing or older than any of its sources
// (the app, its config, and the shared contracts it compiles in). Used by `npm start`.
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'apps/web');
export const distIndex = path.join(web, 'dist/index.html');

const sourceRoots = [
  path.join(web, 'src'),
  path.join(web, 'public'),
  path.join(web, 'index.html'),
  path.join(web, 'vite.config.ts'),
  path.join(web, 'package.json'),
  path.join(web, 'postcss.config.cjs'),
  path.join(root, 'packages/contracts/src'),
];

/** The newest modification time under the given files and folders (0 when none exist). */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) if (e !== 'node_modules') visit(path.join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** 'none' (no web app yet), 'fresh', or the reason it must be built. */
export function webBuildState() {
  if (!fs.existsSync(path.join(web, 'index.html')) || !fs.existsSync(path.join(web, 'src')))
    return { state: 'none' };
  if (!fs.existsSync(distIndex)) return { state: 'build', reason: 'apps/web/dist does not exist yet' };
  const built = fs.statSync(distIndex).mtimeMs;
  if (newestMtime(sourceRoots) > built)
    return { state: 'build', reason: 'the web app changed since its last build' };
  return { state: 'fresh' };
}
