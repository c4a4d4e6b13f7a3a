// HTTP for onboarding, sign-in, sessions, organisations, members, invitations and the audit log.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { actorOf, CSRF_COOKIE, clearSessionCookie, sessionOf, setSessionCookie } from '../http/guard.ts';
import { listAudit, recordAudit } from './audit.ts';
import { authenticate, createSession, endSession, needsOnboarding, onboard, switchOrg } from './auth.ts';
import {
  acceptInvitation,
  createInvitation,
  describeInvitation,
  listPendingInvitations,
  revokeInvitation,
} from './invitations.ts';
import { changeRole, listMembers, removeMember } from './members.ts';
import { createOrg, getOrg, isTimeZone, sessionInfo, updateOrg, updateProfile } from './orgs.ts';
import { LOCALES, ROLES } from './schema.ts';

const email = z.email('must be an email address').max(320);
const password = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(1024, 'must be at most 1024 characters');
const personName = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const orgName = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const locale = z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` });
const role = z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` });
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Oslo');
const uuidParam = (name: string) => z.object({ [name]: z.uuid(`must be a UUID`) });
const tag = (t: string) => ({ tags: [t] });

export const teamRoutes: FastifyPluginAsyncZod<{
  database: Database;
  config: Pick<Config, 'secureCookies' | 'publicUrl'>;
}> = async (app, { database, config }) => {
  const { db } = database;
  const loginLimit = { max: 10, timeWindow: '1 minute' };

  async function respondWithSession(
    reply: import('fastify').FastifyReply,
    userId: string,
    orgId: string | null,
  ) {
    const info = await sessionInfo(db, userId, orgId);
    return { ...info, csrfToken: reply.request.cookies[CSRF_COOKIE] ?? null };
  }

  app.get('/api/setup', { config: { access: 'public' }, schema: { ...tag('setup') } }, async () => ({
    needsOnboarding: await needsOnboarding(db),
  }));

  app.post(
    '/api/setup',
    {
      config: { access: 'public', rateLimit: loginLimit },
      schema: {
        ...tag('setup'),
        description: 'Creates the first organisation and its admin; refused once one exists.',
        body: z.object({
          orgName,
          name: personName,
          email,
          password,
          locale: locale.default('en'),
          timeZone: timeZone.default('Europe/Oslo'),
        }),
      },
    },
    async (request, reply) => {
      const { org, user } = await onboard(db, request.body, request.ip);
      const token = await createSession(db, user.id, {
        orgId: org.id,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(reply, token, config.secureCookies);
      reply.code(201);
      return respondWithSession(reply, user.id, org.id);
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: loginLimit },
      schema: {
        ...tag('auth'),
        body: z.object({
          email: z.string().trim().min(1, 'is required'),
          password: z.string().min(1, 'is required'),
        }),
      },
    },
    async (request, reply) => {
      const userId = await authenticate(db, request.body.email, request.body.password, request.ip);
      const token = await createSession(db, userId, { userAgent: request.headers['user-agent'] });
      const info = await sessionInfo(db, userId, null);
      const orgId = info.orgs[0]?.id ?? null;
      for (const org of info.orgs) {
        await recordAudit(db, { orgId: org.id, actorId: userId, action: 'auth.login', ip: request.ip });
      }
      setSessionCookie(reply, token, config.secureCookies);
      return respondWithSession(reply, userId, orgId);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'user' }, schema: tag('auth') },
    async (request, reply) => {
      const session = sessionOf(request);
      await endSession(db, session.tokenHash);
      if (session.orgId)
        await recordAudit(db, {
          orgId: session.orgId,
          actorId: session.userId,
          action: 'auth.logout',
          ip: request.ip,
        });
      clearSessionCookie(reply, config.secureCookies);
      return reply.code(204).send();
    },
  );

  app.get('/api/session', { config: { access: 'user' }, schema: tag('auth') }, async (request, reply) => {
    const session = sessionOf(request);
    return respondWithSession(reply, session.userId, session.orgId);
  });

  app.put(
    '/api/session/org',
    {
      config: { access: 'user' },
      schema: { ...tag('auth'), body: z.object({ orgId: z.uuid('must be a UUID') }) },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      await switchOrg(db, session, request.body.orgId);
      return respondWithSession(reply, session.userId, request.body.orgId);
    },
  );

  app.patch(
    '/api/me',
    {
      config: { access: 'user' },
      schema: { ...tag('auth'), body: z.object({ name: personName.optional(), locale: locale.optional() }) },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      await updateProfile(db, session.userId, request.body);
      return respondWithSession(reply, session.userId, session.orgId);
    },
  );

  app.post(
    '/api/orgs',
    {
      config: { access: 'user' },
      schema: {
        ...tag('organisation'),
        body: z.object({ name: orgName, timeZone: timeZone.optional(), defaultLocale: locale.optional() }),
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const org = await createOrg(db, session, request.body, request.ip);
      reply.code(201);
      return respondWithSession(reply, session.userId, org.id);
    },
  );

  app.get('/api/org', { config: { access: 'org.read' }, schema: tag('organisation') }, async (request) =>
    getOrg(db, actorOf(request).orgId),
  );

  app.patch(
    '/api/org',
    {
      config: { access: 'settings.manage' },
      schema: {
        ...tag('organisation'),
        body: z.object({
          name: orgName.optional(),
          timeZone: timeZone.optional(),
          defaultLocale: locale.optional(),
        }),
      },
    },
    async (request) => updateOrg(db, actorOf(request), request.body, request.ip),
  );

  app.get('/api/team/members', { config: { access: 'org.read' }, schema: tag('team') }, async (request) => ({
    members: await listMembers(db, actorOf(request).orgId),
  }));

  app.patch(
    '/api/team/members/:userId',
    {
      config: { access: 'team.manage' },
      schema: { ...tag('team'), params: uuidParam('userId'), body: z.object({ role }) },
    },
    async (request) => {
      const actor = actorOf(request);
      const userId = String(request.params.userId);
      await changeRole(db, actor, userId, request.body.role, request.ip);
      const member = (await listMembers(db, actor.orgId)).find((m) => m.userId === userId);
      if (!member)
        throw new DomainError('not_found', 'member_not_found', 'No such member in this organisation');
      return member;
    },
  );

  app.delete(
    '/api/team/members/:userId',
    { config: { access: 'team.manage' }, schema: { ...tag('team'), params: uuidParam('userId') } },
    async (request, reply) => {
      await removeMember(db, actorOf(request), String(request.params.userId), request.ip);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/team/invitations',
    { config: { access: 'team.manage' }, schema: tag('team') },
    async (request) => ({
      invitations: await listPendingInvitations(db, actorOf(request).orgId),
    }),
  );

  app.post(
    '/api/team/invitations',
    {
      config: { access: 'team.manage' },
      schema: { ...tag('team'), body: z.object({ email: z.union([email, z.literal('')]).optional(), role }) },
    },
    async (request, reply) => {
      const inv = await createInvitation(
        db,
        actorOf(request),
        { email: request.body.email || undefined, role: request.body.role },
        request.ip,
      );
      const origin = config.publicUrl ?? `${request.protocol}://${request.host}`;
      reply.code(201);
      return {
        id: inv.id,
        url: `${origin}/invite/${inv.token}`,
        email: inv.email,
        role: inv.role,
        expiresAt: inv.expiresAt,
      };
    },
  );

  app.delete(
    '/api/team/invitations/:id',
    { config: { access: 'team.manage' }, schema: { ...tag('team'), params: uuidParam('id') } },
    async (request, reply) => {
      await revokeInvitation(db, actorOf(request), String(request.params.id), request.ip);
      return reply.code(204).send();
    },
  );

  const tokenParam = z.object({ token: z.string().min(20, 'is not an invitation token').max(200) });

  app.get(
    '/api/invitations/:token',
    { config: { access: 'public' }, schema: { ...tag('team'), params: tokenParam } },
    async (request) => describeInvitation(db, request.params.token),
  );

  app.post(
    '/api/invitations/:token/accept',
    {
      config: { access: 'public', rateLimit: loginLimit },
      schema: {
        ...tag('team'),
        description:
          'Signed in: joins with the current account (empty body). Signed out: creates an account.',
        params: tokenParam,
        body: z
          .object({ name: personName.optional(), email: email.optional(), password: password.optional() })
          .default({}),
      },
    },
    async (request, reply) => {
      const session = request.session;
      const { name, email: mail, password: pass } = request.body;
      let who: Parameters<typeof acceptInvitation>[2];
      if (session) {
        who = { kind: 'user', userId: session.userId };
      } else {
        const missing = Object.entries({ name, email: mail, password: pass }).filter(([, v]) => !v);
        if (missing.length > 0) {
          const fields = Object.fromEntries(missing.map(([k]) => [k, 'is required']));
          throw new DomainError('invalid', 'validation', `${missing[0]![0]}: is required`, {
            in: 'body',
            fields,
          });
        }
        who = { kind: 'new', name: name!, email: mail!, password: pass! };
      }
      const { userId, orgId } = await acceptInvitation(db, request.params.token, who, request.ip);
      if (session) {
        await switchOrg(db, session, orgId);
      } else {
        const token = await createSession(db, userId, { orgId, userAgent: request.headers['user-agent'] });
        setSessionCookie(reply, token, config.secureCookies);
      }
      return respondWithSession(reply, userId, orgId);
    },
  );

  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        ...tag('team'),
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: z.coerce.date().optional(),
        }),
      },
    },
    async (request) => ({ entries: await listAudit(db, actorOf(request).orgId, request.query) }),
  );
};
