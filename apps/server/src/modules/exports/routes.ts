// Exports over HTTP: any list view as CSV, XLSX or (contacts) vCard, streamed; one contact as a
// vCard; and the whole-workspace archive (see archiveRoutes.ts).
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireCapability } from '../../platform/access/authorize';
import { ctxOf } from '../../platform/context';
import { fieldError, NotFound } from '../../platform/errors';
import { csvStream } from '../../platform/files/csvWriter';
import { xlsxStream } from '../../platform/files/xlsxWriter';
import { loadObject } from '../records/meta/loadObject';
import { getRecord } from '../records/read/getRecord';
import { parseListQuery } from '../records/routes/listQuery';
import { contactToVcard } from '../vcard/contactToVcard';
import { writeVcard } from '../vcard/writeVcard';
import { archiveRoutes } from './archiveRoutes';
import { cellOf, exportColumns } from './exportCells';
import { parseFiltersParam } from './filtersParam';
import { allRecords } from './listPages';

const tags = ['exports'];
const objectParams = z.object({ object: z.string().min(1).max(64) }).strict();

// RFC 5987: a file name with Chinese characters survives in every browser.
const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const exportRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/objects/:object/export',
    {
      schema: {
        tags,
        summary:
          'Export a list view (same filters, sort and q as the list; `filters` takes the filter tree as JSON) as CSV, XLSX or vCard, streamed',
        params: objectParams,
        querystring: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'exportData');
      const { format = 'csv', encoding, headers, ...rest } = req.query as Record<string, string>;
      if (!['csv', 'xlsx', 'vcard'].includes(format)) throw fieldError('format', 'Use csv, xlsx or vcard');
      if (encoding !== undefined && !['utf-8', 'gb18030'].includes(encoding))
        throw fieldError('encoding', 'Use utf-8 or gb18030');
      if (headers !== undefined && !['labels', 'names'].includes(headers))
        throw fieldError('headers', 'Use labels or names');
      const meta = await loadObject(ctx, req.params.object);
      authorize(ctx.actor, meta.name, 'read');
      // `filters` is the list's whole filter tree (with "or" groups) as JSON; flat `field[op]=value`
      // keys still work and are AND-ed with it.
      const { limit: _limit, after: _after, filters: tree, ...flat } = rest;
      const list = parseListQuery(flat);
      list.filters = [...(list.filters ?? []), ...parseFiltersParam(tree)];
      if (list.filters.length > 50) throw fieldError('filters', 'At most 50 filters');
      if (format === 'vcard' && meta.name !== 'contacts')
        throw fieldError('format', 'vCard export is for contacts');
      // Fail on a bad filter now, as a 400, rather than in the middle of the stream.
      const first = allRecords(ctx, meta.name, list);
      const head = await first.next();
      async function* records() {
        if (head.done) return;
        yield head.value;
        yield* first;
      }
      const date = new Date().toISOString().slice(0, 10);
      const zh = ctx.actor.locale.toLowerCase().startsWith('zh');
      const label = zh ? meta.pluralLabels['zh-CN'] : meta.pluralLabels.en;
      if (format === 'vcard') {
        async function* cards() {
          for await (const rec of records()) yield writeVcard(contactToVcard(rec));
        }
        return reply
          .type('text/vcard; charset=utf-8')
          .header('content-disposition', disposition(`${label}-${date}.vcf`))
          .send(Readable.from(cards()));
      }
      const columns = exportColumns(meta, ctx.actor, headers === 'names' ? 'names' : 'labels');
      const xlsx = format === 'xlsx';
      async function* rows() {
        for await (const rec of records()) yield columns.map((c) => cellOf(rec, c.field, zh, xlsx));
      }
      if (xlsx) {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', disposition(`${label}-${date}.xlsx`))
          .send(xlsxStream({ name: label, header: columns.map((c) => c.header), rows: rows() }));
      }
      async function* withHeader() {
        yield columns.map((c) => c.header);
        yield* rows();
      }
      return reply
        .type(`text/csv; charset=${encoding === 'gb18030' ? 'gb18030' : 'utf-8'}`)
        .header('content-disposition', disposition(`${label}-${date}.csv`))
        .send(csvStream(withHeader(), { encoding: encoding === 'gb18030' ? 'gb18030' : 'utf-8' }));
    },
  );

  r.get(
    '/objects/contacts/:id/vcard',
    {
      schema: {
        tags,
        summary: 'One contact as a vCard 4.0',
        params: z.object({ id: z.string().min(1).max(100) }).strict(),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const rec = await getRecord(ctx, 'contacts', req.params.id);
      if (!rec) throw new NotFound('No such contact');
      const name = [rec.firstName, rec.lastName].filter(Boolean).join(' ') || 'contact';
      return reply
        .type('text/vcard; charset=utf-8')
        .header('content-disposition', disposition(`${name}.vcf`))
        .send(writeVcard(contactToVcard(rec)));
    },
  );

  await app.register(archiveRoutes);
};
