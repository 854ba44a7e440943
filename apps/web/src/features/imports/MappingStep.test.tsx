// The wizard's mapping step against the real server: a Chinese CSV is uploaded through the file
// input as a dry run, the server's suggested field for each column is what the selects show (with
// the file's values beside them), and a changed mapping is what the server then holds for the
// import — checked on the import itself, not on what the component thinks it sent.
import { File as NodeFile } from 'node:buffer';
import type { ObjectMeta } from '@rapport/contracts/apiTypes';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApp, signInAsAdmin, unique } from '../../../test/render';
import { api } from '../../api/client';
import { ImportWizard } from './ImportPage';
import type { ImportView } from './importApi';

let contacts: ObjectMeta;
let me: Awaited<ReturnType<typeof signInAsAdmin>>;

const readBytes = (blob: Blob) =>
  new Promise<ArrayBuffer>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as ArrayBuffer);
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(blob);
  });

// The page runs under jsdom, whose FormData Node's fetch does not recognise (the upload would never
// be sent as multipart). A browser sends it natively; here the same parts are copied into Node's
// own FormData so the real server receives the real multipart body.
const jsdomFetch = globalThis.fetch;
beforeAll(async () => {
  const probe = new Response('a=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const NodeFormData = (await probe.formData()).constructor as typeof FormData;
  globalThis.fetch = async (input, init) => {
    if (init?.body instanceof FormData) {
      const out = new NodeFormData();
      for (const [k, v] of init.body.entries()) {
        if (typeof v === 'string') out.append(k, v);
        else
          out.append(
            k,
            new NodeFile([new Uint8Array(await readBytes(v))], v.name, { type: v.type }) as Blob,
            v.name,
          );
      }
      init = { ...init, body: out };
    }
    return jsdomFetch(input, init);
  };
  me = await signInAsAdmin();
  const objects = await api.get<{ data: ObjectMeta[] }>('/api/v1/schema/objects');
  contacts = objects.data.find((o) => o.name === 'contacts')!;
});

/** Mantine labels a select's input and its listbox alike: the input is the one that shows the value. */
function select(label: string): HTMLInputElement {
  const el = screen.getAllByLabelText(label).find((e) => e.tagName === 'INPUT');
  if (!el) throw new Error(`no input labelled ${label}`);
  return el as HTMLInputElement;
}

async function importNamed(fileName: string): Promise<ImportView> {
  const { data } = await api.get<{ data: ImportView[] }>('/api/v1/imports?limit=20');
  const found = data.find((i) => i.fileName === fileName);
  if (!found) throw new Error(`no import of ${fileName}`);
  return found;
}

afterAll(() => {
  globalThis.fetch = jsdomFetch;
});

describe('import wizard: mapping step', () => {
  it('shows the suggested mapping and sends the changed one as a new dry run', async () => {
    const u = unique();
    const fileName = `联系人-${u}.csv`;
    const csv =
      '姓名,手机,邮箱,公司,职位,Favourite colour\r\n' +
      `张伟,138 0013 8000,zw.${u}@example.cn,云帆${u},销售总监,blue\r\n` +
      `欧阳娜娜,13912345678,nana.${u}@example.cn,云帆${u},经理,green\r\n`;
    const { container } = renderApp(<ImportWizard meta={contacts} />, { me });
    const user = userEvent.setup();
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.accept).toBe('.csv,.tsv,.txt,.xlsx,.vcf');
    await user.upload(input, new File([csv], fileName, { type: 'text/csv' }));
    await user.click(screen.getByRole('checkbox', { name: /Create related records/ }));
    await user.click(screen.getByRole('button', { name: 'Upload and check' }));

    await screen.findByText('Step 2 of 5: Columns');
    expect(select('Field for column 姓名').value).toBe('Full name (split into last and first name)');
    expect(select('Field for column 手机').value).toBe('Phone');
    expect(select('Field for column 邮箱').value).toBe('Email');
    expect(select('Field for column 公司').value).toBe('Company');
    expect(select('Field for column 职位').value).toBe('Job title');
    expect(select('Field for column Favourite colour').value).toBe('Do not import');
    // The file's own values, read in the browser, beside each header.
    await screen.findByText('张伟 · 欧阳娜娜');
    await screen.findByText('blue · green');
    expect(screen.getByText('2 to create')).toBeTruthy();

    const before = await importNamed(fileName);
    expect(before).toMatchObject({ dryRun: true, status: 'completed' });
    expect(before.mapping).toEqual({
      姓名: 'fullName',
      手机: 'phone',
      邮箱: 'email',
      公司: 'companyId',
      职位: 'title',
      'Favourite colour': null,
    });

    await user.click(select('Field for column 职位'));
    await user.click(await screen.findByRole('option', { name: 'Department' }));
    await waitFor(() => expect(select('Field for column 职位').disabled).toBe(false));
    await waitFor(() => expect(screen.queryByText('Checking the new mapping…')).toBeNull());
    await user.click(select('Field for column 公司'));
    await user.click(await screen.findByRole('option', { name: 'Do not import' }));
    await waitFor(() => expect(screen.queryByText('Checking the new mapping…')).toBeNull());
    expect(select('Field for column 职位').value).toBe('Department');
    expect(select('Field for column 公司').value).toBe('Do not import');

    const after = await importNamed(fileName);
    expect(after).toMatchObject({ id: before.id, dryRun: true, status: 'completed', canRun: true });
    expect(after.mapping).toEqual({
      姓名: 'fullName',
      手机: 'phone',
      邮箱: 'email',
      公司: null,
      职位: 'department',
      'Favourite colour': null,
    });
    // The options set in step 1 go along with every re-run: the server replaces them all.
    expect(after.options).toMatchObject({ createMissing: true, onMatch: 'update', dryRun: true });
    // The dry run still wrote nothing.
    const found = await api.post<{ total: number }>('/api/v1/objects/contacts/search', {
      filters: [{ field: 'email', op: 'eq', value: `zw.${u}@example.cn` }],
      total: 'exact',
    });
    expect(found.total).toBe(0);
  });

  it('shows the server’s objection next to the column when two columns claim one field', async () => {
    const u = unique();
    const csv = `Email,Work email\r\na.${u}@example.com,b.${u}@example.com\r\n`;
    const { container } = renderApp(<ImportWizard meta={contacts} />, { me });
    const user = userEvent.setup();
    await user.upload(
      container.querySelector('input[type="file"]') as HTMLInputElement,
      new File([csv], `twice-${u}.csv`, { type: 'text/csv' }),
    );
    await user.click(screen.getByRole('button', { name: 'Upload and check' }));
    await screen.findByText('Step 2 of 5: Columns');
    await user.click(select('Field for column Work email'));
    await user.click(await screen.findByRole('option', { name: 'Email' }));
    await screen.findByText(/email is already filled by the column "Email"/);
    expect(screen.getByRole('button', { name: 'Preview' })).toHaveProperty('disabled', true);
  });
});
