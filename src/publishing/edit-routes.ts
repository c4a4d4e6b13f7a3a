// HTTP for editing a published post's text (where the network allows it) and reading its edit history.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { actorOf } from '../http/guard.ts';
import type { PublishingDeps } from './channels.ts';
import { editPublishedText, listRevisions } from './edit.ts';

const uuid = z.uuid('must be a UUID');
const params = z.object({ postId: uuid, targetId: uuid });
const tag = { tags: ['publishing'] };

export const editRoutes: FastifyPluginAsyncZod<{ database: Database } & PublishingDeps> = async (
  app,
  { database, ...deps },
) => {
  const { db } = database;

  app.put(
    '/api/posts/:postId/targets/:targetId/text',
    {
      config: { access: 'content.write' },
      schema: {
        ...tag,
        description:
          'Changes the text of a published post on its network (Mastodon, the sandbox; Bluesky does not allow it: 409). Every edit is kept in the history.',
        params,
        body: z.object({
          text: z.string().max(20_000, 'must be at most 20,000 characters'),
          part: z.number().int().min(0, 'must be 0 or more').max(49).optional(),
        }),
      },
    },
    async (request) =>
      editPublishedText(
        db,
        deps,
        actorOf(request),
        request.params.postId,
        request.params.targetId,
        request.body,
      ),
  );

  app.get(
    '/api/posts/:postId/targets/:targetId/revisions',
    { config: { access: 'org.read' }, schema: { ...tag, params } },
    async (request) => ({
      revisions: await listRevisions(
        db,
        actorOf(request).orgId,
        request.params.postId,
        request.params.targetId,
      ),
    }),
  );
};
