// HTTP for channels (connect, list, reconnect, disconnect) and posts (preview, create, list, get, retry, delete).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { actorOf } from '../http/guard.ts';
import { blueskyConnectSchema } from '../networks/bluesky/network.ts';
import { mastodonConnectSchema } from '../networks/mastodon/network.ts';
import { sandboxConnectSchema } from '../networks/sandbox/network.ts';
import {
  connectChannel,
  disconnectChannel,
  getChannelRow,
  listChannels,
  type PublishingDeps,
  presentChannel,
  reconnectChannel,
} from './channels.ts';
import { createPost, getPost, listPosts, previewPost, retryTarget } from './posts.ts';
import { deletePost } from './removal.ts';

const uuid = z.uuid('must be a UUID');
const common = {
  name: z.string().trim().min(1).max(200).optional(),
  ownerUserId: uuid.nullable().optional(),
};
const connectBody = z.discriminatedUnion('network', [
  sandboxConnectSchema.extend({ network: z.literal('sandbox'), ...common }),
  blueskyConnectSchema.extend({ network: z.literal('bluesky'), ...common }),
  mastodonConnectSchema.extend({ network: z.literal('mastodon'), ...common }),
]);

const image = z.object({
  data: z.base64('must be base64').min(1, 'is required').max(1_400_000, 'is larger than 1 MB'),
  mimeType: z.string().regex(/^image\/[a-z0-9.+-]+$/, 'must be an image type such as image/png'),
  // Empty is accepted here and reported by the network check, with the message the composer shows.
  alt: z.string().max(5000).default(''),
});
const draftFields = {
  text: z.string().max(20_000, 'must be at most 20,000 characters'),
  thread: z.boolean().default(false),
  images: z.array(image).max(10).default([]),
  channelIds: z.array(uuid).min(1, 'pick at least one channel').max(50),
  variants: z
    .array(z.object({ channelId: uuid, parts: z.array(z.string().max(20_000)).min(1).max(50) }))
    .default([]),
};
const createBody = z.object({
  ...draftFields,
  scheduledAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with a zone' }).optional(),
  writtenBy: uuid.optional(),
});

const tag = { tags: ['publishing'] };
const channelParams = z.object({ channelId: uuid });
const postParams = z.object({ postId: uuid });

export const publishingRoutes: FastifyPluginAsyncZod<{ database: Database } & PublishingDeps> = async (
  app,
  { database, ...deps },
) => {
  const { db } = database;

  app.get('/api/channels', { config: { access: 'org.read' }, schema: tag }, async (request) => ({
    channels: await listChannels(db, actorOf(request).orgId, deps.networks),
  }));

  app.get(
    '/api/channels/:channelId',
    { config: { access: 'org.read' }, schema: { ...tag, params: channelParams } },
    async (request) =>
      presentChannel(
        await getChannelRow(db, actorOf(request).orgId, request.params.channelId),
        deps.networks,
      ),
  );

  app.post(
    '/api/channels',
    {
      config: { access: 'settings.manage' },
      schema: {
        ...tag,
        description:
          'Connects an account. Bluesky: handle + app password + PDS URL; Mastodon: instance URL + access token; sandbox: built in.',
        body: connectBody,
      },
    },
    async (request, reply) => {
      const channel = await connectChannel(db, deps, actorOf(request), request.body);
      reply.code(201);
      return channel;
    },
  );

  app.put(
    '/api/channels/:channelId/credentials',
    { config: { access: 'settings.manage' }, schema: { ...tag, params: channelParams, body: connectBody } },
    async (request) => reconnectChannel(db, deps, actorOf(request), request.params.channelId, request.body),
  );

  app.delete(
    '/api/channels/:channelId',
    { config: { access: 'settings.manage' }, schema: { ...tag, params: channelParams } },
    async (request, reply) => {
      await disconnectChannel(db, actorOf(request), request.params.channelId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/posts/preview',
    {
      config: { access: 'content.write' },
      schema: {
        ...tag,
        description: 'Each channel’s variant and what keeps it from publishing; nothing is stored.',
        body: z.object(draftFields),
      },
    },
    async (request) => ({ channels: await previewPost(db, deps, actorOf(request).orgId, request.body) }),
  );

  app.post(
    '/api/posts',
    { config: { access: 'content.write' }, schema: { ...tag, body: createBody } },
    async (request, reply) => {
      const { scheduledAt, ...rest } = request.body;
      const actor = actorOf(request);
      const { id } = await createPost(db, deps, actor, {
        ...rest,
        scheduledAt: scheduledAt ? new Date(scheduledAt) : undefined,
      });
      reply.code(201);
      return getPost(db, actor.orgId, id);
    },
  );

  app.get(
    '/api/posts',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        querystring: z.object({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return {
        posts: await listPosts(db, actorOf(request).orgId, {
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          limit: q.limit,
        }),
      };
    },
  );

  app.get(
    '/api/posts/:postId',
    { config: { access: 'org.read' }, schema: { ...tag, params: postParams } },
    async (request) => getPost(db, actorOf(request).orgId, request.params.postId),
  );

  app.post(
    '/api/posts/:postId/targets/:targetId/retry',
    {
      config: { access: 'content.write' },
      schema: { ...tag, params: z.object({ postId: uuid, targetId: uuid }) },
    },
    async (request) => {
      const actor = actorOf(request);
      await retryTarget(db, actor, request.params.postId, request.params.targetId);
      return getPost(db, actor.orgId, request.params.postId);
    },
  );

  app.delete(
    '/api/posts/:postId',
    {
      config: { access: 'content.write' },
      schema: {
        ...tag,
        params: postParams,
        description: 'Cancels what has not gone out and deletes published posts where the network allows it.',
      },
    },
    async (request) => deletePost(db, deps, actorOf(request), request.params.postId),
  );
};
