// HTTP for the strategy workspace: plans, the rows inside them, the health check and the exported document.
// Reading needs org.read (every member); changing the strategy needs content.write (admins and editors).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { actorOf } from '../http/guard.ts';
import { LOCALES } from '../team/schema.ts';
import { renderPdf } from './export/pdf.ts';
import {
  audienceCreate,
  audiencePatch,
  channelCreate,
  channelPatch,
  goalCreate,
  goalPatch,
  kpiCreate,
  kpiPatch,
  planPatch,
  responsibilityCreate,
  responsibilityPatch,
  topicCreate,
  topicPatch,
  watchTermCreate,
  watchTermPatch,
} from './input.ts';
import { exportMarkdown, exportPlan, planHealth } from './reports.ts';
import { createItem, deleteItem, type SectionName, updateItem } from './sections.ts';
import { createPersonalPlan, deletePlan, getPlanDocument, listPlans, updatePlan } from './service.ts';

const tags = ['strategy'];
const uuid = z.uuid('must be a UUID');
const localeQuery = z.object({
  locale: z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` }).optional(),
});

/** Each kind of row: its URL segment, the parent it is created under, and its schemas. */
const ROW_ROUTES: {
  name: SectionName;
  segment: string;
  parent: 'plans' | 'goals';
  create: z.ZodType<Record<string, unknown>>;
  patch: z.ZodType<Record<string, unknown>>;
}[] = [
  { name: 'goals', segment: 'goals', parent: 'plans', create: goalCreate, patch: goalPatch },
  { name: 'kpis', segment: 'kpis', parent: 'goals', create: kpiCreate, patch: kpiPatch },
  { name: 'audiences', segment: 'audiences', parent: 'plans', create: audienceCreate, patch: audiencePatch },
  { name: 'channels', segment: 'channels', parent: 'plans', create: channelCreate, patch: channelPatch },
  { name: 'topics', segment: 'topics', parent: 'plans', create: topicCreate, patch: topicPatch },
  {
    name: 'watchTerms',
    segment: 'watch-terms',
    parent: 'plans',
    create: watchTermCreate,
    patch: watchTermPatch,
  },
  {
    name: 'responsibilities',
    segment: 'responsibilities',
    parent: 'plans',
    create: responsibilityCreate,
    patch: responsibilityPatch,
  },
];

export const strategyRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  const { db } = database;

  app.get(
    '/api/strategy/plans',
    {
      config: { access: 'org.read' },
      schema: { tags, description: "The organisation's plan (created on first use) and any personal plans." },
    },
    async (request) => ({ plans: await listPlans(db, actorOf(request).orgId) }),
  );

  app.post(
    '/api/strategy/plans',
    {
      config: { access: 'content.write' },
      schema: {
        tags,
        description: 'Starts a personal plan for a member.',
        body: z.object({ personUserId: uuid }),
      },
    },
    async (request, reply) => {
      const plan = await createPersonalPlan(db, actorOf(request), request.body.personUserId);
      reply.code(201);
      return getPlanDocument(db, plan.orgId, plan.id);
    },
  );

  app.get(
    '/api/strategy/plans/:planId',
    {
      config: { access: 'org.read' },
      schema: { tags, description: 'The whole plan with every section.', params: z.object({ planId: uuid }) },
    },
    async (request) => getPlanDocument(db, actorOf(request).orgId, request.params.planId),
  );

  app.patch(
    '/api/strategy/plans/:planId',
    {
      config: { access: 'content.write' },
      schema: { tags, params: z.object({ planId: uuid }), body: planPatch },
    },
    async (request) => updatePlan(db, actorOf(request), request.params.planId, request.body),
  );

  app.delete(
    '/api/strategy/plans/:planId',
    {
      config: { access: 'content.write' },
      schema: {
        tags,
        description: "Deletes a personal plan; the organisation's plan stays.",
        params: z.object({ planId: uuid }),
      },
    },
    async (request, reply) => {
      await deletePlan(db, actorOf(request), request.params.planId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/strategy/plans/:planId/health',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description:
          "Scores the plan against the seeds' advice; each finding with its source and where to fix it.",
        params: z.object({ planId: uuid }),
        querystring: localeQuery,
      },
    },
    async (request) => planHealth(db, actorOf(request).orgId, request.params.planId, request.query.locale),
  );

  app.get(
    '/api/strategy/plans/:planId/export.md',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'The plan as a Markdown document.',
        params: z.object({ planId: uuid }),
        querystring: localeQuery,
      },
    },
    async (request, reply) => {
      const plan = await exportPlan(db, actorOf(request).orgId, request.params.planId, request.query.locale);
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${plan.filename}.md"`)
        .send(exportMarkdown(plan));
    },
  );

  app.get(
    '/api/strategy/plans/:planId/export.pdf',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'The plan as a PDF document.',
        params: z.object({ planId: uuid }),
        querystring: localeQuery,
      },
    },
    async (request, reply) => {
      const plan = await exportPlan(db, actorOf(request).orgId, request.params.planId, request.query.locale);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${plan.filename}.pdf"`)
        .send(await renderPdf(plan.blocks));
    },
  );

  for (const row of ROW_ROUTES) {
    const parentParam = row.parent === 'plans' ? 'planId' : 'goalId';
    app.post(
      `/api/strategy/${row.parent}/:${parentParam}/${row.segment}`,
      {
        config: { access: 'content.write' },
        schema: { tags, params: z.object({ [parentParam]: uuid }), body: row.create },
      },
      async (request, reply) => {
        const params = request.params as Record<string, string>;
        const parent = row.parent === 'plans' ? { planId: params.planId! } : { goalId: params.goalId! };
        const created = await createItem(db, actorOf(request), row.name, parent, request.body);
        reply.code(201);
        return created;
      },
    );
    app.patch(
      `/api/strategy/${row.segment}/:id`,
      {
        config: { access: 'content.write' },
        schema: { tags, params: z.object({ id: uuid }), body: row.patch },
      },
      async (request) => updateItem(db, actorOf(request), row.name, request.params.id, request.body),
    );
    app.delete(
      `/api/strategy/${row.segment}/:id`,
      { config: { access: 'content.write' }, schema: { tags, params: z.object({ id: uuid }) } },
      async (request, reply) => {
        await deleteItem(db, actorOf(request), row.name, request.params.id);
        return reply.code(204).send();
      },
    );
  }
};
