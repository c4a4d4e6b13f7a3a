// Session, CSRF and role checks, run for every request before its body is even parsed.
import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.ts';
import { newToken } from '../security/tokens.ts';
import { type Actor, resolveSession, SESSION_TTL_MS, type SessionContext } from '../team/auth.ts';
import { type Action, can } from '../team/policy.ts';
import { errorBody } from './errors.ts';

/** Who may call a route: anyone, any signed-in person, or a member whose role allows the action. */
export type Access = 'public' | 'user' | Action;

export interface RouteRule {
  method: string;
  url: string;
  access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule, as the server itself registered them (for the access test). */
    routeRules: RouteRule[];
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session: SessionContext | null;
  }
}

export const SESSION_COOKIE = 'stemme_session';
export const CSRF_COOKIE = 'stemme_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The actor of a route whose access is an Action: the guard has already made sure it exists. */
export function actorOf(request: FastifyRequest): Actor {
  const s = request.session;
  if (!s?.orgId || !s.role)
    throw new Error(`route ${request.routeOptions.url} used actorOf without an org access rule`);
  return { userId: s.userId, orgId: s.orgId, role: s.role };
}

export function sessionOf(request: FastifyRequest): SessionContext {
  if (!request.session)
    throw new Error(`route ${request.routeOptions.url} used sessionOf without a user access rule`);
  return request.session;
}

export function registerGuard(app: FastifyInstance, opts: { db: Db; secureCookies: boolean }) {
  app.decorateRequest('session', null);
  app.decorate('routeRules', [] as RouteRule[]);

  // A route without an access rule is a bug: refuse to start rather than serve it open.
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeRules.push({ method, url, access: route.config?.access });
    }
    if (url.startsWith('/api/') && !url.startsWith('/api/docs') && !route.config?.access) {
      throw new Error(`route ${route.method} ${url} has no access rule (config.access)`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    // Double-submit CSRF token: a readable cookie that scripts of this origin echo in a header.
    let csrf = request.cookies[CSRF_COOKIE];
    if (!csrf) {
      csrf = newToken();
      reply.setCookie(CSRF_COOKIE, csrf, {
        httpOnly: false,
        sameSite: 'strict',
        secure: opts.secureCookies,
        path: '/',
      });
    }
    const access = request.routeOptions.config?.access;
    if (!access) return;

    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await resolveSession(opts.db, token) : null;

    if (access !== 'public' && !request.session) {
      return reply.code(401).send(errorBody('unauthenticated', 'Please sign in'));
    }
    if (UNSAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      const sent = Array.isArray(header) ? header[0] : header;
      if (!sent || !request.cookies[CSRF_COOKIE] || !sameToken(sent, request.cookies[CSRF_COOKIE])) {
        return reply
          .code(403)
          .send(errorBody('csrf', `Missing or wrong ${CSRF_HEADER} header; reload the page and try again`));
      }
    }
    if (access === 'public' || access === 'user') return;
    const role = request.session?.role ?? null;
    if (!request.session?.orgId || !role) {
      return reply.code(403).send(errorBody('no_organisation', 'Choose an organisation first'));
    }
    if (!can(role, access)) {
      return reply
        .code(403)
        .send(errorBody('forbidden', `Your role (${role}) may not do this`, { required: access, role }));
    }
  });
}
