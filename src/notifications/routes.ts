// HTTP for the signed-in person's notifications in the current organisation: list (with the unread count for
// the bell), mark one read, mark all read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { actorOf } from '../http/guard.ts';
import { listNotifications, markAllRead, markRead } from './notifications.ts';
import { NOTIFICATION_KINDS } from './schema.ts';

const tag = { tags: ['notifications'] };

export const notificationRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const { db } = database;

  app.get(
    '/api/notifications',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description: 'Your notifications in the current organisation, newest first, and how many are unread.',
        querystring: z.object({
          unread: z
            .enum(['true', 'false'], { message: 'must be true or false' })
            .default('false')
            .transform((v) => v === 'true'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return listNotifications(db, actor.orgId, actor.userId, {
        limit: request.query.limit,
        unreadOnly: request.query.unread,
      });
    },
  );

  app.post(
    '/api/notifications/:notificationId/read',
    {
      config: { access: 'org.read' },
      schema: { ...tag, params: z.object({ notificationId: z.uuid('must be a UUID') }) },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await markRead(db, actor.orgId, actor.userId, request.params.notificationId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        body: z.object({ kinds: z.array(z.enum(NOTIFICATION_KINDS)).max(10).optional() }).default({}),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { marked: await markAllRead(db, actor.orgId, actor.userId, request.body.kinds) };
    },
  );
};
