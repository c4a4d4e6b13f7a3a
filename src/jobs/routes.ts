// HTTP for admins to see their organisation's jobs (dead ones above all) and send a dead job back to the queue.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { actorOf } from '../http/guard.ts';
import { listJobs, retryJob } from './admin.ts';
import { JOB_STATES } from './schema.ts';

export const jobRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  const { db } = database;

  app.get(
    '/api/jobs',
    {
      config: { access: 'jobs.manage' },
      schema: {
        tags: ['jobs'],
        querystring: z.object({
          state: z.enum(JOB_STATES, { message: `must be one of ${JOB_STATES.join(', ')}` }).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (request) => ({ jobs: await listJobs(db, { orgId: actorOf(request).orgId, ...request.query }) }),
  );

  app.post(
    '/api/jobs/:id/retry',
    {
      config: { access: 'jobs.manage' },
      schema: { tags: ['jobs'], params: z.object({ id: z.uuid('must be a UUID') }) },
    },
    async (request) => retryJob(db, { orgId: actorOf(request).orgId, id: request.params.id }),
  );
};
