// HTTP for listening: monitors (CRUD, validate as you type, test against the last 7 days, volume and sentiment
// stats), the mentions stream with filters, RSS/Atom feeds (add, list with status, remove, poll now) and the
// instance's rule on private addresses (STEMME_ALLOW_PRIVATE_NETWORKS, as for Mastodon instance URLs).
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { actorOf } from '../http/guard.ts';
import { addFeed, deleteFeed, listFeeds, type PollOptions, pollFeedNow, type UrlPolicy } from './feeds.ts';
import { MENTION_CSV_COLUMNS, MENTION_EXPORT_CAP, mentionsCsv } from './mention-export.ts';
import { setMentionSentiment } from './mention-sentiment.ts';
import { listMentions, type MentionFilters, monitorStats, SENTIMENTS } from './mentions.ts';
import {
  createMonitor,
  deleteMonitor,
  getMonitor,
  listMonitors,
  testQuery,
  updateMonitor,
} from './monitors.ts';
import { SOURCES } from './pipeline.ts';
import { validate } from './query/index.ts';

const uuid = z.uuid('must be a UUID');
const tag = { tags: ['listening'] };
const query = z.string().max(10_000, 'must be at most 10,000 characters');
const sources = z
  .array(z.enum(SOURCES, { message: `must be one of ${SOURCES.join(', ')}` }))
  .max(SOURCES.length);
const languages = z
  .array(z.string().regex(/^[a-z]{2}$/, 'must be ISO 639-1 codes such as nb, nn, no, da, sv, de, en'))
  .max(20);
const monitorFields = {
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  query: query.refine((q) => q.trim().length > 0, 'is required'),
  sources,
  languages,
  ownerUserId: uuid.nullable(),
  active: z.boolean(),
};
const createBody = z.object({
  ...monitorFields,
  sources: sources.default([]),
  languages: languages.default([]),
  ownerUserId: monitorFields.ownerUserId.optional(),
  active: monitorFields.active.optional(),
});
const patchBody = z.object(monitorFields).partial();
const monitorParams = z.object({ monitorId: uuid });
const feedParams = z.object({ feedId: uuid });
/** A comma-separated list in a query string. */
const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string' && v.trim()
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    z.array(item).optional(),
  );
const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with a zone' }).optional();
/** The filters of the mentions stream and its CSV export. */
const mentionQuery = z.object({
  monitor: uuid.optional(),
  source: csv(z.enum(SOURCES)),
  lang: csv(z.string().regex(/^[a-z]{2,3}$/, 'must be language codes such as nb,da')),
  sentiment: csv(z.enum(SENTIMENTS)),
  from: isoTime,
  to: isoTime,
  author: z.string().trim().max(300).optional(),
  q: z.string().trim().max(500).optional(),
});
function mentionFilters(q: z.infer<typeof mentionQuery>): MentionFilters {
  return {
    monitorId: q.monitor,
    sources: q.source,
    languages: q.lang,
    sentiments: q.sentiment,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    author: q.author || undefined,
    q: q.q || undefined,
  };
}

export const listeningRoutes: FastifyPluginAsyncZod<{
  database: Database;
  /** The instance's rule for user-given URLs (STEMME_ALLOW_PRIVATE_NETWORKS). */
  urlPolicy?: UrlPolicy;
  poll?: PollOptions;
}> = async (app, { database, urlPolicy = {}, poll }) => {
  const { db } = database;
  const pollOptions: PollOptions = { ...poll, urlPolicy };

  app.get('/api/monitors', { config: { access: 'org.read' }, schema: tag }, async (request) => ({
    monitors: await listMonitors(db, actorOf(request).orgId),
  }));

  app.post(
    '/api/monitors/validate',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description:
          'Checks a query as the editor types: ok with the normalised query, or the position and reason.',
        body: z.object({ query }),
      },
    },
    async (request) => {
      const v = validate(request.body.query);
      return v.ok ? { ok: true as const, normalised: v.normalised } : { ok: false as const, error: v.error };
    },
  );

  app.post(
    '/api/monitors/test',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description:
          "How many of the last 7 days' stored mentions the query would have matched, with samples.",
        body: z.object({ query, sources: sources.optional(), languages: languages.optional() }),
      },
    },
    async (request) => testQuery(db, actorOf(request).orgId, request.body),
  );

  app.post(
    '/api/monitors',
    { config: { access: 'content.write' }, schema: { ...tag, body: createBody } },
    async (request, reply) => {
      const monitor = await createMonitor(db, actorOf(request), request.body);
      reply.code(201);
      return monitor;
    },
  );

  app.get(
    '/api/monitors/:monitorId',
    { config: { access: 'org.read' }, schema: { ...tag, params: monitorParams } },
    async (request) => getMonitor(db, actorOf(request).orgId, request.params.monitorId),
  );

  app.patch(
    '/api/monitors/:monitorId',
    { config: { access: 'content.write' }, schema: { ...tag, params: monitorParams, body: patchBody } },
    async (request) => updateMonitor(db, actorOf(request), request.params.monitorId, request.body),
  );

  app.delete(
    '/api/monitors/:monitorId',
    { config: { access: 'content.write' }, schema: { ...tag, params: monitorParams } },
    async (request, reply) => {
      await deleteMonitor(db, actorOf(request), request.params.monitorId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/monitors/:monitorId/stats',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        params: monitorParams,
        querystring: z.object({ bucket: z.enum(['hour', 'day']).default('day'), from: isoTime, to: isoTime }),
      },
    },
    async (request) => {
      const q = request.query;
      return monitorStats(db, actorOf(request).orgId, request.params.monitorId, {
        bucket: q.bucket,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
    },
  );

  app.get(
    '/api/mentions',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description: 'Newest first. Lists are comma-separated; `cursor` is the previous page’s nextCursor.',
        querystring: mentionQuery.extend({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) =>
      listMentions(db, actorOf(request).orgId, {
        ...mentionFilters(request.query),
        cursor: request.query.cursor,
        limit: request.query.limit,
      }),
  );

  app.get(
    '/api/mentions/export.csv',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description: `The mentions the same filters as /api/mentions give, as CSV (UTF-8 with BOM, every cell quoted, a cell starting with = + - @ prefixed with '), newest first, at most ${MENTION_EXPORT_CAP.toLocaleString('en')} rows: when the filters hold more, the last line says where it was cut. Columns: ${MENTION_CSV_COLUMNS.join(', ')} (monitors' names joined by ';').`,
        querystring: mentionQuery,
      },
    },
    async (request, reply) => {
      const rows = await mentionsCsv(db, actorOf(request).orgId, mentionFilters(request.query));
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="stemme-mentions-${day}.csv"`)
        .send(Readable.from(rows));
    },
  );

  app.patch(
    '/api/mentions/:mentionId',
    {
      config: { access: 'content.write' },
      schema: {
        ...tag,
        description:
          'Sets a mention’s sentiment by hand. It counts everywhere (monitor charts, stories, storms) and the pipeline never overwrites it.',
        params: z.object({ mentionId: uuid }),
        body: z.object({
          sentiment: z.enum(SENTIMENTS, { message: `must be one of ${SENTIMENTS.join(', ')}` }),
        }),
      },
    },
    async (request) =>
      setMentionSentiment(db, actorOf(request), request.params.mentionId, request.body.sentiment),
  );

  app.get('/api/feeds', { config: { access: 'org.read' }, schema: tag }, async (request) => ({
    feeds: await listFeeds(db, actorOf(request).orgId),
  }));

  app.post(
    '/api/feeds',
    {
      config: { access: 'content.write' },
      schema: {
        ...tag,
        description:
          'Follows an RSS, Atom or JSON feed. Private and loopback addresses are refused unless the instance allows them (STEMME_ALLOW_PRIVATE_NETWORKS).',
        body: z.object({
          url: z.string().trim().min(1, 'is required').max(2_000, 'must be at most 2,000 characters'),
          title: z.string().trim().max(500).nullable().optional(),
        }),
      },
    },
    async (request, reply) => {
      const feed = await addFeed(db, actorOf(request), request.body, urlPolicy);
      reply.code(201);
      return feed;
    },
  );

  app.delete(
    '/api/feeds/:feedId',
    { config: { access: 'content.write' }, schema: { ...tag, params: feedParams } },
    async (request, reply) => {
      await deleteFeed(db, actorOf(request), request.params.feedId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/feeds/:feedId/poll',
    {
      config: { access: 'content.write' },
      schema: { ...tag, params: feedParams, description: 'Polls the feed now, whatever its schedule.' },
    },
    async (request) => pollFeedNow(db, actorOf(request).orgId, request.params.feedId, pollOptions),
  );
};
