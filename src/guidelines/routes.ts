// HTTP for the guidelines. Who may do what:
// - every member (org.read): read versions and proposals, comment, acknowledge, read the rules, try a text;
// - writers (content.write: admins, editors): propose changes, edit and withdraw proposals;
// - admins (settings.manage): publish a proposal as the next version, see who has acknowledged;
// - admins and approvers (content.approve): create, change and delete rules — approvers are the ones who see
//   the checker's hits on drafts, so they keep the rules behind them in shape.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { actorOf } from '../http/guard.ts';
import { LOCALES } from '../team/schema.ts';
import { checkDraft } from './check.ts';
import {
  acknowledgeBody,
  checkBody,
  commentCreate,
  proposalCreate,
  proposalPatch,
  publishBody,
  ruleCreate,
  rulePatch,
} from './input.ts';
import { createRule, deleteRule, listRules, updateRule } from './rules.ts';
import {
  acknowledge,
  acknowledgements,
  addComment,
  createProposal,
  getProposal,
  getVersion,
  listProposals,
  listVersions,
  overview,
  publishProposal,
  templateFor,
  updateProposal,
  withdrawProposal,
} from './service.ts';

const tags = ['guidelines'];
const uuid = z.uuid('must be a UUID');
const idParams = z.object({ id: uuid });

export const guidelinesRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  const { db } = database;

  app.get(
    '/api/guidelines',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'The current version, and whether the signed-in member has acknowledged it.',
      },
    },
    async (request) => overview(db, actorOf(request)),
  );

  app.get(
    '/api/guidelines/template',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description:
          "The starting template (what we want to achieve, what to watch out for), in the org's language.",
        querystring: z.object({
          locale: z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` }).optional(),
        }),
      },
    },
    async (request) => templateFor(db, actorOf(request).orgId, request.query.locale),
  );

  app.get(
    '/api/guidelines/versions',
    {
      config: { access: 'org.read' },
      schema: { tags, description: 'Every published version, newest first.' },
    },
    async (request) => ({ versions: await listVersions(db, actorOf(request).orgId) }),
  );

  app.get(
    '/api/guidelines/versions/:number',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'One version with the diff against the version before it.',
        params: z.object({ number: z.coerce.number().int('must be a whole number').min(1).max(1_000_000) }),
      },
    },
    async (request) => getVersion(db, actorOf(request).orgId, request.params.number),
  );

  app.post(
    '/api/guidelines/acknowledge',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'The signed-in member has read the given (current) version.',
        body: acknowledgeBody,
      },
    },
    async (request) => acknowledge(db, actorOf(request), request.body.version),
  );

  app.get(
    '/api/guidelines/acknowledgements',
    {
      config: { access: 'settings.manage' },
      schema: { tags, description: 'Who has and has not acknowledged the current version.' },
    },
    async (request) => acknowledgements(db, actorOf(request).orgId),
  );

  app.get(
    '/api/guidelines/proposals',
    { config: { access: 'org.read' }, schema: { tags, description: 'Proposals, newest first.' } },
    async (request) => ({ proposals: await listProposals(db, actorOf(request).orgId) }),
  );

  app.post(
    '/api/guidelines/proposals',
    {
      config: { access: 'content.write' },
      schema: {
        tags,
        description:
          'Proposes a change; without sections it starts from the current version (or the template).',
        body: proposalCreate,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await createProposal(db, actor, request.body);
      reply.code(201);
      return getProposal(db, actor.orgId, row.id);
    },
  );

  app.get(
    '/api/guidelines/proposals/:id',
    {
      config: { access: 'org.read' },
      schema: { tags, description: 'A proposal, its comments and its diff.', params: idParams },
    },
    async (request) => getProposal(db, actorOf(request).orgId, request.params.id),
  );

  app.patch(
    '/api/guidelines/proposals/:id',
    { config: { access: 'content.write' }, schema: { tags, params: idParams, body: proposalPatch } },
    async (request) => updateProposal(db, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/guidelines/proposals/:id',
    {
      config: { access: 'content.write' },
      schema: {
        tags,
        description: 'Withdraws an open proposal (it stays, marked withdrawn).',
        params: idParams,
      },
    },
    async (request, reply) => {
      await withdrawProposal(db, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/guidelines/proposals/:id/comments',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'Any member comments on an open proposal.',
        params: idParams,
        body: commentCreate,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await addComment(db, actor, request.params.id, request.body);
      reply.code(201);
      return getProposal(db, actor.orgId, request.params.id);
    },
  );

  app.post(
    '/api/guidelines/proposals/:id/publish',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        description: 'Publishes the proposal as the next version.',
        params: idParams,
        body: publishBody,
      },
    },
    async (request, reply) => {
      const version = await publishProposal(db, actorOf(request), request.params.id, request.body.summary);
      reply.code(201);
      return version;
    },
  );

  app.get(
    '/api/guidelines/rules',
    { config: { access: 'org.read' }, schema: { tags, description: 'The machine-checkable rules.' } },
    async (request) => ({ rules: await listRules(db, actorOf(request).orgId) }),
  );

  app.post(
    '/api/guidelines/rules',
    { config: { access: 'content.approve' }, schema: { tags, body: ruleCreate } },
    async (request, reply) => {
      const rule = await createRule(db, actorOf(request), request.body);
      reply.code(201);
      return rule;
    },
  );

  app.patch(
    '/api/guidelines/rules/:id',
    { config: { access: 'content.approve' }, schema: { tags, params: idParams, body: rulePatch } },
    async (request) => updateRule(db, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/guidelines/rules/:id',
    { config: { access: 'content.approve' }, schema: { tags, params: idParams } },
    async (request, reply) => {
      await deleteRule(db, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/guidelines/check',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        description: 'Checks a text against the topics and rules, as publishing does with a draft.',
        body: checkBody,
      },
    },
    async (request) => ({
      hits: await checkDraft(db, actorOf(request).orgId, {
        text: request.body.text,
        channelIds: request.body.channelIds ?? [],
        scheduledAt: request.body.scheduledAt ? new Date(request.body.scheduledAt) : undefined,
      }),
    }),
  );
};
