// HTTP for storms and alerts: the alert list and detail, a monitor's storm episodes (its timeline), alert rules
// per monitor, the organisation's webhooks (create with a one-time secret, delete, test send, delivery log) and
// the live stream GET /api/listening/events (server-sent events, scoped to the session's organisation).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connect.ts';
import { DomainError } from '../../errors.ts';
import { actorOf } from '../../http/guard.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { SENSITIVITIES } from '../storms/schema.ts';
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
  stormsChangedSince,
  testWebhook,
} from './service.ts';

const uuid = z.uuid('must be a UUID');
const tag = { tags: ['alerts'] };
const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with a zone' }).optional();
const POLL_MS = 3_000;
const HEARTBEAT_MS = 25_000;

export const alertRoutes: FastifyPluginAsyncZod<{
  database: Database;
  secretBox: SecretBox;
  urlPolicy?: { allowPrivate?: boolean };
}> = async (app, { database, secretBox, urlPolicy = {} }) => {
  const { db } = database;
  // Open streams end when the server closes, or close() would wait for them forever.
  const streams = new Set<() => void>();
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
        body: z.object({
          name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
          url: z.string().trim().min(1, 'is required').max(2_000, 'must be at most 2,000 characters'),
        }),
      },
    },
    async (request, reply) => {
      const hook = await createWebhook(db, actorOf(request), secretBox, request.body, urlPolicy);
      reply.code(201);
      return hook;
    },
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
      const orgId = actorOf(request).orgId;
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
            });
          }
        } catch {
          // The next poll tries again; a closed database ends the stream below.
        } finally {
          polling = false;
        }
      }, POLL_MS);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(poll);
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      streams.add(end);
      request.raw.on('close', end);
    },
  );
};
