// `npm start` rebuilds the web app only when it must: no dist yet, or a source newer than the build.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { webBuildState } from '../../../../scripts/webBuild.mjs';

const web = path.join(path.dirname(inject('templateDir')), `web-${process.pid}`);
const contracts = path.join(web, '..', `contracts-${process.pid}`);
afterAll(() => {
  fs.rmSync(web, { recursive: true, force: true });
  fs.rmSync(contracts, { recursive: true, force: true });
});

const write = (file: string, mtimeSeconds: number) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'x');
  fs.utimesSync(file, mtimeSeconds, mtimeSeconds);
};

describe('web build freshness', () => {
  it('skips a web app that has no sources yet', () => {
    expect(webBuildState(web, [contracts])).toEqual({ state: 'none' });
    write(path.join(web, 'index.html'), 1000);
    expect(webBuildState(web, [contracts])).toEqual({ state: 'none' }); // no src/ yet
  });

  it('builds when dist is missing, not when it is newer than every source, and again after a change', () => {
    write(path.join(web, 'src/main.tsx'), 1000);
    write(path.join(contracts, 'records.ts'), 1000);
    expect(webBuildState(web, [contracts])).toMatchObject({ state: 'build', reason: /does not exist/ });
    write(path.join(web, 'dist/index.html'), 2000);
    expect(webBuildState(web, [contracts])).toEqual({ state: 'fresh' });
    write(path.join(web, 'src/features/deals/DealsBoard.tsx'), 3000);
    expect(webBuildState(web, [contracts])).toMatchObject({ state: 'build', reason: /changed/ });
    write(path.join(web, 'dist/index.html'), 4000);
    write(path.join(contracts, 'records.ts'), 5000); // the shared contracts are compiled into the app
    expect(webBuildState(web, [contracts])).toMatchObject({ state: 'build' });
  });
});
