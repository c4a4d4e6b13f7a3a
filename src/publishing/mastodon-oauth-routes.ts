// HTTP for connecting Mastodon with OAuth: start (register the app, get the authorize URL), the callback the
// instance redirects to, and the paste-the-code fallback.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { actorOf } from '../http/guard.ts';
import type { PublishingDeps } from './channels.ts';
import { finishFromCallback, finishWithCode, startMastodonAuthorization } from './mastodon-oauth.ts';

const tag = { tags: ['publishing'] };
const uuid = z.uuid('must be a UUID');

/** Settings → Channels, with what happened for the page to say. */
function backToChannels(params: Record<string, string>): string {
  return `/settings?${new URLSearchParams(params).toString()}#channels`;
}

export const mastodonOAuthRoutes: FastifyPluginAsyncZod<
  { database: Database; publicUrl?: string | undefined } & PublishingDeps
> = async (app, { database, publicUrl, ...deps }) => {
  const { db } = database;

  app.post(
    '/api/oauth/mastodon',
    {
      config: { access: 'settings.manage' },
      schema: {
        ...tag,
        description:
          'Starts connecting (or, with channelId, reconnecting) a Mastodon account: registers Stemme on the instance and returns its authorize URL, and the URL of the page that shows a code to paste instead.',
        body: z.object({
          instanceUrl: z.string().trim().min(1, 'is required').max(300),
          channelId: uuid.optional(),
          ownerUserId: uuid.nullable().optional(),
          name: z.string().trim().min(1).max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const origin = publicUrl ?? `${request.protocol}://${request.host}`;
      const started = await startMastodonAuthorization(db, deps, actorOf(request), request.body, origin);
      reply.code(201);
      return started;
    },
  );

  app.get(
    '/api/oauth/mastodon/callback',
    {
      config: { access: 'settings.manage' },
      schema: {
        ...tag,
        description:
          'Where the instance sends the browser back: exchanges the code, connects the channel and redirects to Settings → Channels.',
        querystring: z.object({
          state: z.string().min(1, 'is required').max(200),
          code: z.string().max(500).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(1000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      try {
        const done = await finishFromCallback(db, deps, actorOf(request), {
          state: q.state,
          ...(q.code !== undefined && { code: q.code }),
          ...(q.error !== undefined && { error: q.error }),
          ...(q.error_description !== undefined && { errorDescription: q.error_description }),
        });
        return reply.redirect(
          backToChannels({
            mastodon: done.reconnected ? 'reconnected' : 'connected',
            channel: done.channel.id,
          }),
        );
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return reply.redirect(backToChannels({ mastodon: 'failed', reason: err.code, message: err.message }));
      }
    },
  );

  app.post(
    '/api/oauth/mastodon/:authorizationId/code',
    {
      config: { access: 'settings.manage' },
      schema: {
        ...tag,
        description:
          'The paste-the-code fallback: the code the instance showed, for the authorization started here.',
        params: z.object({ authorizationId: uuid }),
        body: z.object({ code: z.string().trim().min(1, 'is required').max(500) }),
      },
    },
    async (request) =>
      finishWithCode(db, deps, actorOf(request), request.params.authorizationId, request.body.code),
  );
};
