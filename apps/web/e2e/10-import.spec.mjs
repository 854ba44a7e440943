// The import wizard in the browser (issue 7): a contacts CSV as Chinese Excel saves it (GB18030,
// Chinese headers, one bad email) goes through upload → suggested mapping → preview with the row
// error → run → result; the same file again finds the same records (no duplicates, in the Chinese
// UI); undo on the first import's result screen removes its contacts and the companies it made.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../artifacts/screenshots');

/** A mainland mobile number, different on every run, as people type them (spaces, dashes). */
function mobile(prefix) {
  const digits = `${prefix}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  return { typed: `${digits.slice(0, 3)} ${digits.slice(3, 7)}-${digits.slice(7)}`, e164: `+86${digits}` };
}

function writeCsv(u) {
  const yunfan = `云帆科技${u}`;
  const xinghe = `星河贸易${u}`;
  const people = [
    {
      name: '张伟',
      last: '张',
      first: '伟',
      phone: mobile('138'),
      email: `zhang.wei.${u}@example.cn`,
      company: yunfan,
      title: '销售总监',
    },
    {
      name: '欧阳娜娜',
      last: '欧阳',
      first: '娜娜',
      phone: mobile('139'),
      email: `nana.${u}@example.cn`,
      company: yunfan,
      title: '经理',
    },
    {
      name: '李娜',
      last: '李',
      first: '娜',
      phone: mobile('137'),
      email: `li.na.${u}@example.cn`,
      company: xinghe,
      title: '采购',
    },
    // Row 5 in Excel's numbering (header = 1): the email has no domain.
    {
      name: '王芳',
      last: '王',
      first: '芳',
      phone: mobile('136'),
      email: `wang.fang.${u}@`,
      company: xinghe,
      title: '工程师',
      bad: true,
    },
    {
      name: '陈静',
      last: '陈',
      first: '静',
      phone: mobile('150'),
      email: `chen.jing.${u}@example.cn`,
      company: yunfan,
      title: '助理',
    },
  ];
  const lines = [
    '姓名,手机,邮箱,公司,职位',
    ...people.map((p) => [p.name, p.phone.typed, p.email, p.company, p.title].join(',')),
  ];
  const file = path.join(os.tmpdir(), `联系人-${u}.csv`);
  // Chinese Excel's "CSV" is GB18030 (GBK) without a BOM, CRLF line ends.
  fs.writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gb18030'));
  return { file, people, companies: [yunfan, xinghe] };
}

async function contactsOf(t, u) {
  const { data } = await t.api('POST', '/api/v1/objects/contacts/search', {
    filters: [{ field: 'email', op: 'contains', value: u }],
    limit: 50,
  });
  return data;
}

async function companiesOf(t, u) {
  const { data } = await t.api('POST', '/api/v1/objects/companies/search', {
    filters: [{ field: 'name', op: 'contains', value: u }],
    limit: 50,
  });
  return data;
}

/** The number a count card shows (created, updated, skipped, failed). */
async function count(page, key) {
  const text = await page.locator(`[data-count="${key}"]`).locator('p, div').first().textContent();
  return Number(text);
}

async function expectCounts(t, page, want, where) {
  for (const [key, n] of Object.entries(want)) {
    const got = await count(page, key);
    t.expect(got === n, `${where}: ${key} is ${n} (shows ${got})`);
  }
}

/** The value a mapping select shows for a column (the input Mantine labels with the column). */
const mappedTo = (page, label) => page.locator(`input[aria-label="${label}"]`).inputValue();

async function upload(page, fileLabel, file) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: fileLabel, exact: true }).click(),
  ]);
  await chooser.setFiles(file);
}

export const tests = [
  {
    name: 'a GB18030 CSV with Chinese headers: suggested mapping, row error, run, re-import without duplicates, undo',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      const { file, people, companies } = writeCsv(u);
      const good = people.filter((p) => !p.bad);
      await t.signIn();
      const { locale } = (await t.api('GET', '/api/v1/auth/me')).user;
      try {
        await page.goto('/contacts');
        await page.getByRole('link', { name: 'Import', exact: true }).click();
        await page.waitForURL(/\/contacts\/import$/);
        await page.getByRole('heading', { name: 'Import Contacts' }).waitFor();

        await upload(page, 'File', file);
        // The e2e install is UTC/USD, where 138… would be read as a +1 number: the person importing
        // knows the file is from mainland China and says so.
        await page
          .getByRole('combobox', { name: 'Phone numbers without a country code are from' })
          .fill('China');
        await page.getByRole('option', { name: 'China (CN)' }).click();
        await page.getByRole('checkbox', { name: /Create related records/ }).check();
        await page.getByRole('button', { name: 'Upload and check' }).click();

        // Step 2: every column already mapped as the server suggested, the file's values beside it.
        await page.getByRole('heading', { name: 'Step 2 of 5: Columns' }).waitFor();
        const suggested = {
          姓名: 'Full name (split into last and first name)',
          手机: 'Phone',
          邮箱: 'Email',
          公司: 'Company',
          职位: 'Job title',
        };
        for (const [column, label] of Object.entries(suggested)) {
          const shown = await mappedTo(page, `Field for column ${column}`);
          t.expect(shown === label, `column ${column} is mapped to "${label}" (shows "${shown}")`);
        }
        // Decoded as GB18030, not shown as mojibake.
        await page.getByText('张伟 · 欧阳娜娜 · 李娜').waitFor();
        await page.getByText('销售总监 · 经理 · 采购').waitFor();
        const status = page.getByRole('status');
        await status.getByText('4 to create').waitFor();
        await status.getByText('1 with errors').waitFor();
        await t.screenshot('import-mapping', { fullPage: true });

        // Step 3: the preview, and the bad row's error with its Excel row number.
        await page.getByRole('button', { name: 'Preview', exact: true }).click();
        await page.getByRole('heading', { name: 'Step 3 of 5: Preview' }).waitFor();
        await expectCounts(t, page, { created: 4, updated: 0, skipped: 0, failed: 1 }, 'the preview');
        const errors = page.getByRole('table', { name: '1 error' });
        const errorRow = errors.getByRole('row').filter({ hasText: '邮箱' });
        t.expect((await errorRow.count()) === 1, 'one error row names the 邮箱 column');
        const cells = await errorRow.getByRole('cell').allTextContents();
        t.expect(cells[0] === '5', `the error is on row 5 (shows ${cells[0]})`);
        t.expect(cells[2].includes(`wang.fang.${u}@`), `the error quotes the bad email: ${cells[2]}`);
        const preview = page.getByRole('table', { name: /rows as they would be saved/ });
        const row5 = preview
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name: '5', exact: true }) });
        t.expect(
          (await row5.getByText('Error', { exact: true }).count()) === 1,
          'row 5 is marked Error in the preview',
        );
        t.expect(
          (await preview.getByRole('row').filter({ hasText: 'Create' }).count()) === 4,
          'the other four rows would be created',
        );
        const phones = await preview.getByRole('cell', { name: /^\+86\d{11}$/ }).allTextContents();
        t.expect(
          good.every((p) => phones.includes(p.phone.e164)),
          `the preview shows the phones in E.164: ${phones.join(', ')}`,
        );
        t.expect((await contactsOf(t, u)).length === 0, 'the dry runs wrote nothing');

        // Steps 4 and 5: the run and its result.
        await page.getByRole('button', { name: 'Import 4 records' }).click();
        await page.getByRole('heading', { name: 'Step 5 of 5: Result' }).waitFor({ timeout: 60_000 });
        await expectCounts(t, page, { created: 4, updated: 0, skipped: 0, failed: 1 }, 'the result');
        await page.getByText('Also created: 2 Companies').waitFor();
        await page.getByRole('table', { name: '1 error' }).waitFor();
        await t.screenshot('import-result', { fullPage: true });

        const created = await contactsOf(t, u);
        t.expect(created.length === 4, `4 contacts exist (${created.length})`);
        const made = await companiesOf(t, u);
        t.expect(
          made.length === 2 && companies.every((n) => made.some((c) => c.name === n)),
          `both companies were created: ${made.map((c) => c.name).join(', ')}`,
        );
        for (const p of good) {
          const c = created.find((x) => x.email === p.email);
          t.expect(c, `contact ${p.email} exists`);
          t.expect(c.phone === p.phone.e164, `${p.email}: phone ${c.phone} is ${p.phone.e164}`);
          t.expect(
            c.lastName === p.last && c.firstName === p.first,
            `${p.name} split as ${c.lastName} + ${c.firstName}`,
          );
          t.expect(c.name === p.name, `${p.email}: name is ${p.name} (${c.name})`);
          t.expect(c.title === p.title, `${p.email}: title ${c.title}`);
          const company = made.find((x) => x.name === p.company);
          t.expect(c.companyId === company?.id, `${p.email} is linked to ${p.company}`);
        }

        // The same file again, in a second tab in Chinese: every good row finds its contact.
        const again = await t.context.newPage();
        const againErrors = [];
        again.on('pageerror', (e) => againErrors.push(String(e)));
        // The user's saved language decides; the first tab keeps the English it has loaded.
        await t.api('PATCH', '/api/v1/auth/me', { locale: 'zh-CN' });
        await again.goto('/contacts');
        await again.getByRole('link', { name: '导入', exact: true }).click();
        await again.getByRole('heading', { name: '导入联系人' }).waitFor();
        await upload(again, '文件', file);
        await again.getByRole('combobox', { name: '未写国家/地区代码的电话号码属于' }).fill('中国');
        await again.getByRole('option', { name: '中国 (CN)' }).click();
        await again.getByRole('checkbox', { name: /创建尚不存在的关联记录/ }).check();
        await again.getByRole('button', { name: '上传并检查' }).click();
        await again.getByRole('heading', { name: '第 2 步，共 5 步：列对应' }).waitFor();
        const zh = await mappedTo(again, '列“姓名”对应的字段');
        t.expect(
          zh === '姓名（拆分为姓和名）',
          `in Chinese 姓名 is mapped to the whole name (shows "${zh}")`,
        );
        t.expect((await mappedTo(again, '列“手机”对应的字段')) === '电话', '手机 → 电话 in Chinese');
        await again.getByRole('status').getByText('将新建 0 条').waitFor();
        await again.getByRole('status').getByText('将跳过 4 条').waitFor();
        await again.screenshot({ path: path.join(shots, 'import-mapping-zh.png'), fullPage: true });
        await again.getByRole('button', { name: '预览', exact: true }).click();
        await again.getByRole('heading', { name: '第 3 步，共 5 步：预览' }).waitFor();
        await expectCounts(t, again, { created: 0, updated: 0, skipped: 4, failed: 1 }, 'the re-import');
        // Nothing would change, so there is nothing to run, and the page says why.
        await again.getByText('没有需要保存的内容：每一行都将被跳过或有错误。').waitFor();
        const runAgain = again.getByRole('button', { name: '导入 0 条记录' });
        t.expect(await runAgain.isDisabled(), 'the run button of a no-change re-import is disabled');
        t.expect((await contactsOf(t, u)).length === 4, 'still 4 contacts after the re-import');
        t.expect((await companiesOf(t, u)).length === 2, 'still 2 companies after the re-import');
        await again.close();
        await t.api('PATCH', '/api/v1/auth/me', { locale });
        t.expect(!againErrors.length, `no errors in the second tab: ${againErrors.join('\n')}`);

        // Undo from the first import's result screen, still open in the first tab: its 4 contacts
        // and the 2 companies it created.
        page.once('dialog', (d) => d.accept());
        await page.getByRole('button', { name: 'Undo import' }).click();
        await page.getByText('Import undone: 6 deleted, 0 restored.').waitFor({ timeout: 30_000 });
        const left = await contactsOf(t, u);
        t.expect(left.length === 0, `the imported contacts are gone (${left.length} left)`);
        const leftCompanies = await companiesOf(t, u);
        t.expect(
          leftCompanies.length === 0,
          `the companies it created are gone (${leftCompanies.length} left)`,
        );
        t.expect(
          !(await page.getByRole('button', { name: 'Undo import' }).isVisible()),
          'undo is offered once',
        );
      } finally {
        fs.rmSync(file, { force: true });
        await t.api('PATCH', '/api/v1/auth/me', { locale });
      }
    },
  },
];
