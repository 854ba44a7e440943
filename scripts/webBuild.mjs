// Whether the web app needs building: apps/web/dist is missing or older than any of its sources
// (the app, its config, and the shared contracts it compiles in). Used by `npm start`.
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'apps/web');

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

/**
 * 'none' (no web app yet), 'fresh', or 'build' with the reason. `webDir` and `extraSources` are
 * parameters so the test can point them at a scratch folder.
 */
export function webBuildState(webDir = web, extraSources = [path.join(root, 'packages/contracts/src')]) {
  const index = path.join(webDir, 'dist/index.html');
  if (!fs.existsSync(path.join(webDir, 'index.html')) || !fs.existsSync(path.join(webDir, 'src'))) {
    return { state: 'none' };
  }
  if (!fs.existsSync(index)) return { state: 'build', reason: 'apps/web/dist does not exist yet' };
  const built = fs.statSync(index).mtimeMs;
  const sources = [
    ...['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'postcss.config.cjs'].map((p) =>
      path.join(webDir, p),
    ),
    ...extraSources,
  ];
  if (newestMtime(sources) > built)
    return { state: 'build', reason: 'the web app changed since its last build' };
  return { state: 'fresh' };
}
