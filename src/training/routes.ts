// HTTP for training. Every member (org.read) can run drills and practise: training is for everyone. Adding or
// removing a team's own drills needs content.write. A run belongs to its trainee alone.
//
// Drill time: the run advances when it is read or acted on (GET /api/training/runs/:id, reply, delete,
// finish), posting every beat whose time has come. No job and no timer: the timeline is a function of the
// stored start time, so it is the same after a restart, and tests move time with an injected clock or the
// test-only skip route (registered only under NODE_ENV=test or STEMME_TEST_CLOCK=1).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { actorOf } from '../http/guard.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { LOCALES, type Locale } from '../team/schema.ts';
import {
  checkRunText,
  deleteDrill,
  deleteReplyInRun,
  findDrill,
  finishRun,
  importDrill,
  listDrills,
  listRuns,
  replyInRun,
  runView,
  skipAhead,
  startPractice,
  startRun,
  type TrainingDeps,
} from './service.ts';

const tags = ['training'];
const uuid = z.uuid('must be a UUID');
const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a drill slug');
const locale = z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` });
const replyText = z.string().trim().min(1, 'must not be empty').max(2000, 'at most 2000 characters');

/** Whether the test clock route exists: never in production. */
export function testClockEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'test' || env.STEMME_TEST_CLOCK === '1';
}

export const trainingRoutes: FastifyPluginAsyncZod<{
  database: Database;
  secretBox: SecretBox;
  now?: (() => Date) | undefined;
  testClock?: boolean | undefined;
}> = async (app, opts) => {
  const deps: TrainingDeps = {
    db: opts.database.db,
    secretBox: opts.secretBox,
    now: opts.now ?? (() => new Date()),
  };
  const { db } = deps;
  const localeOf = (q: { locale?: Locale | undefined }) => q.locale ?? 'en';

  app.get(
    '/api/training/drills',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description:
          'Built-in drills and the team’s own, with title, description and length in one language.',
        querystring: z.object({ locale: locale.optional() }),
      },
    },
    async (request) => ({ drills: await listDrills(db, actorOf(request).orgId, localeOf(request.query)) }),
  );

  app.get(
    '/api/training/drills/:slug',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'The drill as its JSON file (to copy and adapt).',
        params: z.object({ slug }),
      },
    },
    async (request, reply) => {
      const { scenario } = await findDrill(db, actorOf(request).orgId, request.params.slug);
      reply.header('content-disposition', `inline; filename="${scenario.slug}.json"`);
      return scenario;
    },
  );

  app.post(
    '/api/training/drills',
    {
      config: { access: 'content.write' },
      schema: {
        tags,
        description:
          'Imports a drill file (the same JSON as src/training/drills/*.json). The same slug again replaces the team’s version.',
        body: z.object({ file: z.string().trim().min(1).max(200).default('drill.json'), drill: z.unknown() }),
      },
    },
    async (request, reply) => {
      const result = await importDrill(db, actorOf(request), request.body.file, request.body.drill);
      reply.code(result.created ? 201 : 200);
      return result;
    },
  );

  app.delete(
    '/api/training/drills/:slug',
    { config: { access: 'content.write' }, schema: { tags, params: z.object({ slug }) } },
    async (request, reply) => {
      await deleteDrill(db, actorOf(request), request.params.slug);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/training/runs',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'Your own recent runs.',
        querystring: z.object({ locale: locale.optional() }),
      },
    },
    async (request) => ({ runs: await listRuns(db, actorOf(request), localeOf(request.query)) }),
  );

  app.post(
    '/api/training/runs',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'Starts a drill.',
        body: z.object({ drill: slug, locale: locale.default('en') }),
      },
    },
    async (request, reply) => {
      const view = await startRun(deps, actorOf(request), request.body);
      reply.code(201);
      return view;
    },
  );

  app.post(
    '/api/training/practice',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'Free practice: publishes your post in the sandbox; a simulated audience answers it.',
        body: z.object({
          text: z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters'),
          locale: locale.default('en'),
        }),
      },
    },
    async (request, reply) => {
      const view = await startPractice(deps, actorOf(request), request.body);
      reply.code(201);
      return view;
    },
  );

  app.get(
    '/api/training/runs/:runId',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'The run: reading it posts every beat that is due. Poll it to see the audience appear.',
        params: z.object({ runId: uuid }),
      },
    },
    async (request) => runView(deps, actorOf(request), request.params.runId),
  );

  app.post(
    '/api/training/runs/:runId/check',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'What a reply would be told before it is sent: guideline hits, drill elements, tone.',
        params: z.object({ runId: uuid }),
        body: z.object({ text: replyText }),
      },
    },
    async (request) => checkRunText(deps, actorOf(request), request.params.runId, request.body.text),
  );

  app.post(
    '/api/training/runs/:runId/replies',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'Replies to a post in the run; published to the sandbox network, timed and checked.',
        params: z.object({ runId: uuid }),
        body: z.object({ to: uuid, text: replyText }),
      },
    },
    async (request, reply) => {
      const result = await replyInRun(deps, actorOf(request), request.params.runId, request.body);
      reply.code(201);
      return result;
    },
  );

  app.delete(
    '/api/training/runs/:runId/replies/:replyId',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'Deletes your reply from the sandbox network; the run remembers it for the debrief.',
        params: z.object({ runId: uuid, replyId: uuid }),
      },
    },
    async (request) => deleteReplyInRun(deps, actorOf(request), request.params.runId, request.params.replyId),
  );

  app.post(
    '/api/training/runs/:runId/finish',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'Ends the run and returns it with its debrief.',
        params: z.object({ runId: uuid }),
      },
    },
    async (request) => finishRun(deps, actorOf(request), request.params.runId),
  );

  if (opts.testClock ?? testClockEnabled()) {
    app.post(
      '/api/training/runs/:runId/skip',
      {
        config: { access: 'org.read' },
        schema: {
          tags,
          hide: true,
          description: 'Test clock only: moves the run’s time forward.',
          params: z.object({ runId: uuid }),
          body: z.object({ seconds: z.number().int().min(1).max(3600) }),
        },
      },
      async (request) => skipAhead(deps, actorOf(request), request.params.runId, request.body.seconds),
    );
  }
};
