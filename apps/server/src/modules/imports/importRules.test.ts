// What an import promises: a bad row is reported with its row and column and never stops the good
// ones; the same file imported twice creates nothing new; a dry run writes nothing; undo removes
// what the import created and restores what it updated, but keeps edits made since.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { upload } from './testing/upload';

type Rec = Record<string, unknown>;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const list = async (object: string): Promise<Rec[]> =>
  (await t.admin.client.get(`/api/v1/objects/${object}?limit=200&sort=createdAt`)).json().data;

describe('row errors', () => {
  it('reports every bad cell with its row and column and imports the good rows', async () => {
    const long = 'x'.repeat(301);
    const csv = [
      'name,industry,employees,phone,domain,annualRevenue,Founded',
      'Good One,Technology,12,+86 10 8888 6666,good.example,"¥1,000",',
      'Bad Number,Technology,lots,,,,',
      'Bad Option,Spaceflight,,,,,',
      `${long},,,,,,`,
      ',Retail,,,,,',
      'Bad Phone,,,call me,,,',
      'Bad Money,,,,,about a million,',
      'Good Two,零售,"1,200",,two.example,USD 5000,',
    ].join('\n');
    const res = await upload(t.admin.client, {
      object: 'companies',
      file: { name: 'companies.csv', content: csv },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.counts).toEqual({ created: 2, updated: 0, skipped: 0, failed: 6 });
    expect(body.mapping.Founded).toBeNull();
    const byRow = Object.fromEntries(body.errors.map((e: Rec) => [e.row, e]));
    expect(byRow[3]).toMatchObject({
      column: 'employees',
      field: 'employees',
      message: '"lots" is not a number',
    });
    expect(byRow[4]).toMatchObject({ column: 'industry', field: 'industry' });
    expect(byRow[4].message).toMatch(/"Spaceflight" is not one of the options \(Technology/);
    expect(byRow[5]).toMatchObject({ column: 'name', field: 'name', message: 'At most 300 characters' });
    expect(byRow[6]).toMatchObject({ column: 'name', field: 'name', message: 'This field is required' });
    expect(byRow[7]).toMatchObject({ column: 'phone', field: 'phone' });
    expect(byRow[8]).toMatchObject({
      column: 'annualRevenue',
      message: '"about a million" is not an amount of money',
    });
    expect(body.errorCount).toBe(6);
    const names = (await list('companies')).map((c) => c.name);
    expect(names).toEqual(['Good One', 'Good Two']);
    const two = (await list('companies')).find((c) => c.name === 'Good Two')!;
    expect(two).toMatchObject({
      industry: 'retail',
      employees: 1200,
      annualRevenue: { amount: '5000.00', currency: 'USD' },
    });
  });

  it('reports bad emails, dates and unknown relations, and pages through the errors', async () => {
    const rows = ['First Name,Last Name,Email,Birthday,Company,Contact owner'];
    rows.push('Ok,Person,ok@example.com,2001-02-03,,');
    rows.push('Bad,Email,not-an-email,,,');
    rows.push('Bad,Date,bd@example.com,31/31/2001,,');
    rows.push('No,Company,nc@example.com,,Nowhere Inc,');
    rows.push('No,Owner,no@example.com,,,nobody@example.com');
    for (let i = 0; i < 5; i++) rows.push(`Many,Errors${i},bad${i},never,,`);
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'c.csv', content: rows.join('\r\n') },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.counts).toMatchObject({ created: 1, failed: 9 });
    const e = body.errors as Rec[];
    expect(e.find((x) => x.row === 3)).toMatchObject({
      column: 'Email',
      message: '"not-an-email" is not an email address',
    });
    expect(e.find((x) => x.row === 4)).toMatchObject({ column: 'Birthday', field: 'birthday' });
    expect(e.find((x) => x.row === 5)).toMatchObject({
      column: 'Company',
      message: expect.stringMatching(/No companies named "Nowhere Inc"/),
    });
    expect(e.find((x) => x.row === 6)).toMatchObject({
      column: 'Contact owner',
      message: 'No active user with the email or name "nobody@example.com"',
    });
    // Rows 7–11 have two errors each: 4 single + 10 = 14 in all.
    expect(body.errorCount).toBe(14);
    const page1 = (await t.admin.client.get(`/api/v1/imports/${body.id}/errors?limit=5`)).json();
    expect(page1.data).toHaveLength(5);
    const page2 = (
      await t.admin.client.get(`/api/v1/imports/${body.id}/errors?limit=50&after=${page1.nextCursor}`)
    ).json();
    expect(page2.data).toHaveLength(9);
    expect(page2.nextCursor).toBeNull();
    expect([...page1.data, ...page2.data].map((x: Rec) => x.row)).toEqual([
      3, 4, 5, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
    ]);
  });
});

describe('re-import, dry run and undo', () => {
  const csv = (title: string) =>
    `Email,First Name,Last Name,Title,Phone\r\nre1@example.com,Re,One,${title},138 0000 0001\r\nRE2@Example.com,Re,Two,Buyer,\r\n`;

  it('imports the same file twice without duplicates, then applies only what changed', async () => {
    const first = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'a.csv', content: csv('Engineer') },
    });
    expect(first.json().counts).toEqual({ created: 2, updated: 0, skipped: 0, failed: 0 });
    const again = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'a.csv', content: csv('Engineer') },
    });
    expect(again.json().counts).toEqual({ created: 0, updated: 0, skipped: 2, failed: 0 });
    // Emails differ only in case; phones in format: still the same people.
    const changed = await upload(t.admin.client, {
      object: 'contacts',
      file: {
        name: 'b.csv',
        content: csv('Chief Engineer')
          .replace('RE2@Example.com', 're2@example.com')
          .replace('138 0000 0001', '+86 138-0000-0001'),
      },
    });
    expect(changed.json().counts).toEqual({ created: 0, updated: 1, skipped: 1, failed: 0 });
    const people = (await list('contacts')).filter((c) => String(c.email).toLowerCase().startsWith('re'));
    expect(people).toHaveLength(2);
    expect(people.find((c) => c.email === 're1@example.com')).toMatchObject({
      title: 'Chief Engineer',
      phone: '+8613800000001',
    });
  });

  it('skips or creates on a match when asked, and matches on the fields given', async () => {
    const skip = await upload(t.admin.client, {
      object: 'contacts',
      options: { onMatch: 'skip' },
      file: { name: 'a.csv', content: csv('Ignored') },
    });
    expect(skip.json().counts).toEqual({ created: 0, updated: 0, skipped: 2, failed: 0 });
    const byName = await upload(t.admin.client, {
      object: 'contacts',
      options: {
        match: ['firstName+lastName'],
        mapping: { 'First Name': 'firstName', 'Last Name': 'lastName', Title: 'title' },
      },
      file: { name: 'n.csv', content: 'First Name,Last Name,Title\r\nre,ONE,By name\r\n' },
    });
    expect(byName.json().counts).toEqual({ created: 0, updated: 1, skipped: 0, failed: 0 });
    expect((await list('contacts')).find((c) => c.email === 're1@example.com')).toMatchObject({
      title: 'By name',
    });
  });

  it('writes nothing on a dry run but shows the mapping, the preview and the errors; then runs it for real', async () => {
    const before = (await list('contacts')).length;
    const file =
      'Email,First Name,Title\r\ndry1@example.com,Dry,Tester\r\nbroken,Dry,Two\r\nre1@example.com,Re,Updated by dry run\r\n';
    const res = await upload(t.admin.client, {
      object: 'contacts',
      options: { dryRun: true },
      file: { name: 'dry.csv', content: file },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      dryRun: true,
      status: 'completed',
      canRun: true,
      counts: { created: 1, updated: 1, failed: 1 },
    });
    expect(body.preview.map((p: Rec) => [p.row, p.action])).toEqual([
      [2, 'create'],
      [3, 'fail'],
      [4, 'update'],
    ]);
    expect(body.preview[0].values).toMatchObject({
      email: 'dry1@example.com',
      firstName: 'Dry',
      title: 'Tester',
    });
    expect(body.fields.map((f: Rec) => f.name)).toContain('email');
    expect((await list('contacts')).length).toBe(before);
    expect(
      await t.store.query("SELECT 1 FROM outbox_events WHERE payload::text LIKE '%dry1@example.com%'"),
    ).toMatchObject({ rows: [] });

    const run = await t.admin.client.post(`/api/v1/imports/${body.id}/run`, {
      options: { mapping: { Email: 'email', 'First Name': 'firstName', Title: null } },
    });
    expect(run.statusCode, run.body).toBe(200);
    // re1's first name was lower-cased by the test before: the real run puts "Re" back.
    expect(run.json()).toMatchObject({
      dryRun: false,
      status: 'completed',
      counts: { created: 1, updated: 1, skipped: 0, failed: 1 },
      canRun: false,
    });
    expect((await list('contacts')).length).toBe(before + 1);
    const again = await t.admin.client.post(`/api/v1/imports/${body.id}/run`, {});
    expect(again.statusCode).toBe(409);
  });

  it('undo deletes what the import created and restores what it updated, keeping later edits', async () => {
    const seed = await upload(t.admin.client, {
      object: 'contacts',
      file: {
        name: 's.csv',
        content: 'Email,First Name,Title,Department\r\nundo1@example.com,U1,Old title,Old dept\r\n',
      },
    });
    expect(seed.json().counts.created).toBe(1);
    const imp = await upload(t.admin.client, {
      object: 'contacts',
      options: { createMissing: true },
      file: {
        name: 'u.csv',
        content:
          'Email,First Name,Title,Department,Company\r\nundo1@example.com,U1,New title,New dept,Undo Corp\r\nundo2@example.com,U2,Fresh,,Undo Corp\r\n',
      },
    });
    expect(imp.json()).toMatchObject({
      counts: { created: 1, updated: 1 },
      relatedCreated: { companies: 1 },
      canUndo: true,
    });
    const u1 = (await list('contacts')).find((c) => c.email === 'undo1@example.com')!;
    // Someone edits the department after the import: undo must keep that.
    const edit = await t.admin.client.patch(`/api/v1/objects/contacts/${u1.id}`, {
      department: 'Edited later',
    });
    expect(edit.statusCode, edit.body).toBe(200);

    const undo = await t.admin.client.post(`/api/v1/imports/${imp.json().id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json()).toMatchObject({
      status: 'undone',
      undo: { deleted: 2, restored: 1, keptLaterEdits: 1 },
      canUndo: false,
    });
    const after = await list('contacts');
    expect(after.find((c) => c.email === 'undo2@example.com')).toBeUndefined();
    expect(after.find((c) => c.email === 'undo1@example.com')).toMatchObject({
      title: 'Old title',
      department: 'Edited later',
      companyId: null,
    });
    expect((await list('companies')).find((c) => c.name === 'Undo Corp')).toBeUndefined();
    // Undoing twice is harmless; a dry run has nothing to undo.
    expect((await t.admin.client.post(`/api/v1/imports/${imp.json().id}/undo`)).statusCode).toBe(200);
  });

  it('lets only the importer or an administrator undo, and hides imports from roles without import rights', async () => {
    const rep = await t.createUser({ role: 'rep' });
    const res = await upload(rep.client, {
      object: 'contacts',
      file: { name: 'x.csv', content: 'Email\r\nx@example.com\r\n' },
    });
    expect(res.statusCode).toBe(403);
    const manager = await t.createUser({ role: 'manager' });
    const mine = await upload(manager.client, {
      object: 'contacts',
      file: { name: 'm.csv', content: 'Email,Last Name\r\nmgr@example.com,Mgr\r\n' },
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const other = await t.createUser({ role: 'manager' });
    expect((await other.client.post(`/api/v1/imports/${mine.json().id}/undo`)).statusCode).toBe(403);
    expect((await rep.client.get(`/api/v1/imports/${mine.json().id}`)).statusCode).toBe(403);
    expect((await t.admin.client.post(`/api/v1/imports/${mine.json().id}/undo`)).json().status).toBe(
      'undone',
    );
  });
});
