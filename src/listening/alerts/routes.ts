// HTTP for storms and alerts: the alert list and detail, a monitor's storm episodes (its timeline), alert rules
// per monitor, the organisation's webhooks (create with a one-time secret, edit, rotate the secret, delete, test
// send, delivery log) and the live stream GET /api/listening/events (server-sent events, scoped to the session's
// organisation, at most MAX_STREAMS_PER_USER open per person and server process).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connect.ts';
import { DomainError } from '../../errors.ts';
import { actorOf } from '../../http/guard.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { EMAIL_EVENTS, SENSITIVITIES, WEBHOOK_EVENTS } from '../storms/schema.ts';
import { type StormEvent, subscribeStormEvents } from './bus.ts';
import {
  createWebhook,
  deleteWebhook,
  getAlert,
  getRule,
  listAlerts,
  listDeliveries,
  listStorms,
  listWebhooks,
  putRule,
  rotateWebhookSecret,
  stormsChangedSince,
  testWebhook,
  updateWebhook,
} from './service.ts';

const uuid = z.uuid('must be a UUID');
const tag = { tags: ['alerts'] };
const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with a zone' }).optional();
const POLL_MS = 3_000;
const HEARTBEAT_MS = 25_000;
/**
 * Open event streams one person may hold on one server process. A browser shares one stream per tab; more than
 * a handful means leaked tabs or a script, and each costs a socket and a poll every few seconds. The stream
 * over the limit is refused (429), not the oldest closed: a closed EventSource reconnects on its own, so closing
 * the oldest would make tabs evict each other in a loop.
 */
export const MAX_STREAMS_PER_USER = 5;
const webhookName = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const webhookUrl = z.string().trim().min(1, 'is required').max(2_000, 'must be at most 2,000 characters');

export const alertRoutes: FastifyPluginAsyncZod<{
  database: Database;
  secretBox: SecretBox;
  urlPolicy?: { allowPrivate?: boolean };
}> = async (app, { database, secretBox, urlPolicy = {} }) => {
  const { db } = database;
  // Open streams end when the server closes, or close() would wait for them forever.
  const streams = new Set<() => void>();
  const streamsByUser = new Map<string, number>();
  app.addHook('onClose', async () => {
    for (const end of streams) end();
  });

  app.get(
    '/api/alerts',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description: 'Storm alerts, newest first.',
        querystring: z.object({
          monitor: uuid.optional(),
          before: isoTime,
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => ({
      alerts: await listAlerts(db, actorOf(request).orgId, {
        monitorId: request.query.monitor,
        before: request.query.before ? new Date(request.query.before) : undefined,
        limit: request.query.limit,
      }),
    }),
  );

  app.get(
    '/api/alerts/:alertId',
    { config: { access: 'org.read' }, schema: { ...tag, params: z.object({ alertId: uuid }) } },
    async (request) => getAlert(db, actorOf(request).orgId, request.params.alertId),
  );

  app.get(
    '/api/monitors/:monitorId/storms',
    {
      config: { access: 'org.read' },
      schema: { ...tag, params: z.object({ monitorId: uuid }), querystring: z.object({ from: isoTime }) },
    },
    async (request) => ({
      storms: await listStorms(
        db,
        actorOf(request).orgId,
        request.params.monitorId,
        request.query.from ? new Date(request.query.from) : undefined,
      ),
    }),
  );

  app.get(
    '/api/monitors/:monitorId/alert-rule',
    { config: { access: 'org.read' }, schema: { ...tag, params: z.object({ monitorId: uuid }) } },
    async (request) => getRule(db, actorOf(request).orgId, request.params.monitorId),
  );

  app.put(
    '/api/monitors/:monitorId/alert-rule',
    {
      config: { access: 'content.write' },
      schema: {
        ...tag,
        params: z.object({ monitorId: uuid }),
        body: z.object({
          sensitivity: z.enum(SENSITIVITIES, { message: `must be one of ${SENSITIVITIES.join(', ')}` }),
          emailRecipients: z
            .array(z.email('must be email addresses').max(320))
            .max(50, 'at most 50 recipients'),
          webhookIds: z.array(uuid).max(20, 'at most 20 webhooks'),
          emailOn: z
            .array(z.enum(EMAIL_EVENTS, { message: `must be among ${EMAIL_EVENTS.join(', ')}` }))
            .max(10, 'at most 10 events')
            .optional()
            .describe('What of a storm is emailed; left out, kept as it is (new rules: the opening only).'),
          webhookOn: z
            .array(z.enum(WEBHOOK_EVENTS, { message: `must be among ${WEBHOOK_EVENTS.join(', ')}` }))
            .max(10, 'at most 10 events')
            .optional()
            .describe(
              'What of a storm the webhooks get: storm.opened, storm.updated (at most every 10 minutes, at once when it escalates), storm.closed; left out, kept as it is.',
            ),
        }),
      },
    },
    async (request) => putRule(db, actorOf(request), request.params.monitorId, request.body),
  );

  app.get('/api/alert-webhooks', { config: { access: 'org.read' }, schema: tag }, async (request) => ({
    webhooks: await listWebhooks(db, actorOf(request).orgId),
  }));

  app.post(
    '/api/alert-webhooks',
    {
      config: { access: 'settings.manage' },
      schema: {
        ...tag,
        description:
          'Adds a webhook; the answer holds its signing secret, shown this once. Private and loopback addresses are refused unless the instance allows them (STEMME_ALLOW_PRIVATE_NETWORKS).',
        body: z.object({ name: webhookName, url: webhookUrl }),
      },
    },
    async (request, reply) => {
      const hook = await createWebhook(db, actorOf(request), secretBox, request.body, urlPolicy);
      reply.code(201);
      return hook;
    },
  );

  app.patch(
    '/api/alert-webhooks/:webhookId',
    {
      config: { access: 'settings.manage' },
      schema: {
        ...tag,
        description:
          'Changes the name, the address (guarded as at creation) or whether the webhook is active; the signing secret is kept (see rotate-secret).',
        params: z.object({ webhookId: uuid }),
        body: z
          .object({
            name: webhookName.optional(),
            url: webhookUrl.optional(),
            active: z.boolean().optional(),
          })
          .strict()
          .refine((b) => Object.keys(b).length > 0, { message: 'give name, url or active to change' }),
      },
    },
    async (request) => updateWebhook(db, actorOf(request), request.params.webhookId, request.body, urlPolicy),
  );

  app.post(
    '/api/alert-webhooks/:webhookId/rotate-secret',
    {
      config: { access: 'settings.manage' },
      schema: {
        ...tag,
        description:
          'Replaces the signing secret; the answer holds the new one, shown this once. Deliveries from now on, retries included, are signed with it.',
        params: z.object({ webhookId: uuid }),
      },
    },
    async (request) => rotateWebhookSecret(db, actorOf(request), secretBox, request.params.webhookId),
  );

  app.delete(
    '/api/alert-webhooks/:webhookId',
    { config: { access: 'settings.manage' }, schema: { ...tag, params: z.object({ webhookId: uuid }) } },
    async (request, reply) => {
      await deleteWebhook(db, actorOf(request), request.params.webhookId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/alert-webhooks/:webhookId/test',
    {
      config: { access: 'settings.manage' },
      schema: { ...tag, params: z.object({ webhookId: uuid }), description: 'Sends a signed test delivery.' },
    },
    async (request, reply) => {
      const d = await testWebhook(db, actorOf(request), request.params.webhookId);
      reply.code(202);
      return d;
    },
  );

  app.get(
    '/api/alert-webhooks/:webhookId/deliveries',
    { config: { access: 'org.read' }, schema: { ...tag, params: z.object({ webhookId: uuid }) } },
    async (request) => ({
      deliveries: await listDeliveries(db, actorOf(request).orgId, request.params.webhookId),
    }),
  );

  app.get(
    '/api/listening/events',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        description:
          'Server-sent events of the organisation: storm.opened, storm.updated, storm.closed. Needs Accept: text/event-stream.',
      },
    },
    async (request, reply) => {
      if (!(request.headers.accept ?? '').includes('text/event-stream'))
        throw new DomainError(
          'invalid',
          'not_event_stream',
          'accept: this stream needs Accept: text/event-stream',
        );
      const { orgId, userId } = actorOf(request);
      const open = streamsByUser.get(userId) ?? 0;
      if (open >= MAX_STREAMS_PER_USER)
        throw new DomainError(
          'locked',
          'too_many_streams',
          `You already have ${open} live streams open (at most ${MAX_STREAMS_PER_USER}); close another tab or window of Stemme and try again`,
          { limit: MAX_STREAMS_PER_USER, retryAfterSeconds: 30 },
        );
      // Counted before anything can wait, so simultaneous requests cannot all slip under the limit.
      streamsByUser.set(userId, open + 1);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const seen = new Map<string, string>();
      const send = (e: StormEvent) => {
        const key = `${e.stormId}:${e.updatedAt}:${e.status}`;
        if (seen.get(e.stormId) === key) return;
        seen.set(e.stormId, key);
        res.write(`event: ${e.type}\nid: ${e.stormId}\ndata: ${JSON.stringify(e)}\n\n`);
      };
      res.write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
      const unsubscribe = subscribeStormEvents(orgId, send);
      // Another process (a separate worker) stores storms too: poll for what the bus did not carry.
      let since = new Date();
      let polling = false;
      const poll = setInterval(async () => {
        if (polling) return;
        polling = true;
        try {
          const rows = await stormsChangedSince(db, orgId, since);
          for (const r of rows) {
            const s = r.s;
            if (s.updatedAt > since) since = s.updatedAt;
            send({
              type:
                s.status === 'closed'
                  ? 'storm.closed'
                  : s.openedAt.getTime() === s.updatedAt.getTime()
                    ? 'storm.opened'
                    : 'storm.updated',
              orgId,
              stormId: s.id,
              alertId: r.alertId,
              monitorId: s.monitorId,
              monitorName: r.monitorName ?? '',
              status: s.status,
              windowCount: s.windowCount,
              expected: s.expected,
              negativeShare: s.negativeShare,
              openedAt: s.openedAt.toISOString(),
              closedAt: s.closedAt?.toISOString() ?? null,
              updatedAt: s.updatedAt.toISOString(),
              escalations: s.escalations,
            });
          }
        } catch {
          // The next poll tries again; a closed database ends the stream below.
        } finally {
          polling = false;
        }
      }, POLL_MS);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        const left = (streamsByUser.get(userId) ?? 1) - 1;
        if (left > 0) streamsByUser.set(userId, left);
        else streamsByUser.delete(userId);
        clearInterval(poll);
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      streams.add(end);
      request.raw.on('close', end);
      res.on('close', end);
      // A client gone before the listeners were attached would otherwise hold its place until restart.
      if (request.raw.destroyed || res.destroyed) end();
    },
  );
};
