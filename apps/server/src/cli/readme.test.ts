// The README documents every environment variable the configuration reads, and only those.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './fixtures/processes';

const configSource = fs.readFileSync(path.join(repoRoot, 'apps/server/src/platform/config.ts'), 'utf8');
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

describe('README', () => {
  it('opens with the two set-up commands', () => {
    expect(readme.split('\n').slice(0, 6).join('\n')).toContain(
      '```\nnpm install && npm start     # the CRM at http://localhost:3000 on the embedded store\n' +
        'npm install && npm test      # the test suite\n```',
    );
  });

  it('lists every environment variable of platform/config.ts in its configuration table', () => {
    const schema = configSource.slice(configSource.indexOf('z.object({'), configSource.indexOf('});'));
    const variables = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(variables.length).toBeGreaterThan(10);
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## PostgreSQL'));
    const documented = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...variables].sort());
  });
});
