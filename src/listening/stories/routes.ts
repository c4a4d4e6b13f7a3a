// HTTP for stories and influence: GET /api/stories (filters: monitor, time, minimum size), GET
// /api/stories/:storyId, GET /api/authors (most influential first; filters: monitor, source, name, exact
// handle) and GET /api/authors/:authorId (their mentions and the score explained). Reading only: org.read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connect.ts';
import { actorOf } from '../../http/guard.ts';
import { SOURCES } from '../pipeline.ts';
import { getAuthor, getStory, listAuthors, listStories } from './service.ts';

const uuid = z.uuid('must be a UUID');
const tag = { tags: ['listening'] };
const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with a zone' }).optional();
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

export const storiesRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  const { db } = database;

  app.get(
    '/api/stories',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description:
          'Story clusters, most recently active first. `from`/`to` select stories active in the range.',
        querystring: z.object({
          monitor: uuid.optional(),
          from: isoTime,
          to: isoTime,
          minSize: z.coerce.number().int('must be a whole number').min(1).max(100_000).default(1),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return listStories(db, actorOf(request).orgId, {
        monitorId: q.monitor,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        minSize: q.minSize,
        limit: q.limit,
      });
    },
  );

  app.get(
    '/api/stories/:storyId',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description: 'A story with its posts (oldest first), sources, languages and sentiment over time.',
        params: z.object({ storyId: uuid }),
      },
    },
    async (request) => getStory(db, actorOf(request).orgId, request.params.storyId),
  );

  app.get(
    '/api/authors',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description:
          'Authors by influence, highest first. `handle` finds one author exactly, as written on a mention.',
        querystring: z.object({
          monitor: uuid.optional(),
          source: csv(z.enum(SOURCES)),
          q: z.string().trim().max(300).optional(),
          handle: z.string().trim().max(300).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return listAuthors(db, actorOf(request).orgId, {
        monitorId: q.monitor,
        sources: q.source,
        q: q.q || undefined,
        handle: q.handle || undefined,
        limit: q.limit,
      });
    },
  );

  app.get(
    '/api/authors/:authorId',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description:
          'An author: score with its parts, who engaged with them, their monitors and latest mentions.',
        params: z.object({ authorId: uuid }),
      },
    },
    async (request) => getAuthor(db, actorOf(request).orgId, request.params.authorId),
  );
};
