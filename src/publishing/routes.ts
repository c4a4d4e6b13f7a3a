// HTTP for channels (connect, list, reconnect, disconnect) and posts (preview, create, list, get, retry, delete).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { errorBody, handleError } from '../http/errors.ts';
import { actorOf } from '../http/guard.ts';
import { blueskyConnectSchema } from '../networks/bluesky/network.ts';
import { mastodonConnectSchema } from '../networks/mastodon/network.ts';
import { sandboxConnectSchema } from '../networks/sandbox/network.ts';
import { approvePost, commentOnPost, listApprovals, sendBackPost, submitPost } from './approval.ts';
import {
  connectChannel,
  disconnectChannel,
  getChannelRow,
  listChannels,
  type PublishingDeps,
  presentChannel,
  reconnectChannel,
} from './channels.ts';
import { ledger, ledgerCsv } from './ledger.ts';
import {
  createPost,
  GUIDELINE_BLOCKED,
  getPost,
  listPosts,
  POST_STATES,
  previewPost,
  retryTarget,
  updatePost,
} from './posts.ts';
import { deletePost } from './removal.ts';
import { getPublishingSettings, putPublishingSettings } from './settings.ts';
import { getSlots, nextFreeSlot, putSlots, SLOT_TIME } from './slots.ts';

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
const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with a zone' });
const createBody = z.object({
  ...draftFields,
  scheduledAt: isoTime.optional(),
  slot: z.literal('next', 'must be "next"').optional(),
  writtenBy: uuid.optional(),
  intent: z.enum(['draft', 'submit'], 'must be "draft" or "submit"').default('submit'),
});
const keptImage = z.object({ mediaId: uuid, alt: z.string().max(5000).optional() });
const patchBody = z.object({
  text: draftFields.text.optional(),
  thread: z.boolean().optional(),
  images: z
    .array(z.union([keptImage, image]))
    .max(10)
    .optional(),
  channelIds: draftFields.channelIds.optional(),
  variants: z
    .array(z.object({ channelId: uuid, parts: z.array(z.string().max(20_000)).min(1).max(50) }))
    .optional(),
  scheduledAt: isoTime.nullable().optional(),
  slot: z.literal('next', 'must be "next"').optional(),
  writtenBy: uuid.optional(),
});
const slotsBody = z.object({
  slots: z
    .array(
      z.object({
        weekday: z
          .number()
          .int()
          .min(1, 'must be 1 (Monday) to 7 (Sunday)')
          .max(7, 'must be 1 (Monday) to 7 (Sunday)'),
        time: z.string().regex(SLOT_TIME, 'must be HH:MM (24-hour)'),
      }),
    )
    .max(200),
});

const tag = { tags: ['publishing'] };
const channelParams = z.object({ channelId: uuid });
const postParams = z.object({ postId: uuid });

export const publishingRoutes: FastifyPluginAsyncZod<{ database: Database } & PublishingDeps> = async (
  app,
  { database, ...deps },
) => {
  const { db } = database;

  // A draft that goes against a blocking guideline is understood but cannot be processed: 422, with the hits.
  app.setErrorHandler((err: Error, request, reply) => {
    if (err instanceof DomainError && err.code === GUIDELINE_BLOCKED)
      return reply.code(422).send(errorBody(err.code, err.message, err.details));
    return handleError(err, request, reply);
  });

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
        description:
          'Each channel’s variant and what keeps it from publishing, and the guideline check’s hits; nothing is stored.',
        body: z.object(draftFields),
      },
    },
    async (request) => previewPost(db, deps, actorOf(request).orgId, request.body),
  );

  app.post(
    '/api/posts',
    {
      config: { access: 'content.write' },
      schema: {
        ...tag,
        description:
          'intent "draft": stored, nothing queued. "submit" (default): waits for approval when the organisation requires it, else queued. slot "next": each channel at its next free queue slot.',
        body: createBody,
      },
    },
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
          from: isoTime.optional(),
          to: isoTime.optional(),
          channelId: uuid.optional(),
          state: z.enum(POST_STATES).optional(),
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
          channelId: q.channelId,
          state: q.state,
          limit: q.limit,
        }),
      };
    },
  );

  app.patch(
    '/api/posts/:postId',
    {
      config: { access: 'content.write' },
      schema: {
        ...tag,
        params: postParams,
        body: patchBody,
        description:
          'Edits a post while nothing of it has gone out. Only scheduledAt/slot: a reschedule (approval kept). Anything else: a content change, which takes an approval back. images: new uploads, or { mediaId, alt? } to keep one.',
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { scheduledAt, ...rest } = request.body;
      await updatePost(db, deps, actor, request.params.postId, {
        ...rest,
        ...(scheduledAt !== undefined && {
          scheduledAt: scheduledAt === null ? null : new Date(scheduledAt),
        }),
      });
      return getPost(db, actor.orgId, request.params.postId);
    },
  );

  app.post(
    '/api/posts/:postId/submit',
    {
      config: { access: 'content.write' },
      schema: {
        ...tag,
        params: postParams,
        body: z
          .object({
            slot: z.literal('next', 'must be "next"').optional(),
            comment: z.string().max(5000).optional(),
          })
          .default({}),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await submitPost(db, deps, actor, request.params.postId, request.body);
      return getPost(db, actor.orgId, request.params.postId);
    },
  );

  app.post(
    '/api/posts/:postId/approve',
    {
      config: { access: 'content.approve' },
      schema: {
        ...tag,
        params: postParams,
        body: z.object({ comment: z.string().max(5000).optional() }).default({}),
        description:
          'Approves a post waiting for approval and queues it. Approvers cannot approve posts they wrote or submitted unless the organisation allows it; admins can.',
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await approvePost(db, actor, request.params.postId, request.body);
      return getPost(db, actor.orgId, request.params.postId);
    },
  );

  app.post(
    '/api/posts/:postId/send-back',
    {
      config: { access: 'content.approve' },
      schema: {
        ...tag,
        params: postParams,
        body: z.object({
          comment: z.string().trim().min(1, 'say what should change').max(5000),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await sendBackPost(db, actor, request.params.postId, request.body.comment);
      return getPost(db, actor.orgId, request.params.postId);
    },
  );

  app.post(
    '/api/posts/:postId/comments',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        params: postParams,
        body: z.object({ text: z.string().trim().min(1, 'is empty').max(5000) }),
        description: 'A comment in the approval thread; for members who write or approve.',
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await commentOnPost(db, actor, request.params.postId, request.body.text);
      reply.code(201);
      return getPost(db, actor.orgId, request.params.postId);
    },
  );

  app.get(
    '/api/approvals',
    {
      config: { access: 'org.read' },
      schema: { ...tag, description: 'Posts waiting for approval, the longest-waiting first.' },
    },
    async (request) => ({ posts: await listApprovals(db, actorOf(request).orgId) }),
  );

  app.get('/api/publishing/settings', { config: { access: 'org.read' }, schema: tag }, async (request) =>
    getPublishingSettings(db, actorOf(request).orgId),
  );

  app.put(
    '/api/publishing/settings',
    {
      config: { access: 'settings.manage' },
      schema: {
        ...tag,
        body: z.object({
          requireApproval: z.boolean().optional(),
          allowSelfApproval: z.boolean().optional(),
        }),
      },
    },
    async (request) => putPublishingSettings(db, actorOf(request), request.body),
  );

  app.get(
    '/api/channels/:channelId/slots',
    { config: { access: 'org.read' }, schema: { ...tag, params: channelParams } },
    async (request) => getSlots(db, actorOf(request).orgId, request.params.channelId),
  );

  app.put(
    '/api/channels/:channelId/slots',
    {
      config: { access: 'content.write' },
      schema: {
        ...tag,
        params: channelParams,
        body: slotsBody,
        description: 'Weekly queue slots (weekday 1 = Monday, time HH:MM) in the organisation’s time zone.',
      },
    },
    async (request) => putSlots(db, actorOf(request), request.params.channelId, request.body.slots),
  );

  app.get(
    '/api/channels/:channelId/next-slot',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        params: channelParams,
        querystring: z.object({ after: isoTime.optional() }),
        description: 'The first slot (after now, or after `after`) no other post on the channel is due at.',
      },
    },
    async (request) => ({
      at: await nextFreeSlot(db, actorOf(request).orgId, request.params.channelId, {
        ...(request.query.after && { after: new Date(request.query.after) }),
      }),
    }),
  );

  const ledgerQuery = z.object({
    from: isoTime.optional(),
    to: isoTime.optional(),
    channelId: uuid.optional(),
  });
  const ledgerOf = (orgId: string, q: z.infer<typeof ledgerQuery>) =>
    ledger(db, orgId, {
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      channelId: q.channelId,
    });

  app.get(
    '/api/ledger',
    {
      config: { access: 'org.read' },
      schema: {
        ...tag,
        querystring: ledgerQuery,
        description: 'Everything that went out: whose words, who approved, on whose account.',
      },
    },
    async (request) => ({ entries: await ledgerOf(actorOf(request).orgId, request.query) }),
  );

  app.get(
    '/api/ledger.csv',
    { config: { access: 'org.read' }, schema: { ...tag, querystring: ledgerQuery } },
    async (request, reply) => {
      const entries = await ledgerOf(actorOf(request).orgId, request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="stemme-ledger.csv"')
        .send(ledgerCsv(entries));
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
