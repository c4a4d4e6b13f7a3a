// Assembles the web server: plugins, the guard, every capability's routes, the API reference and the SPA.
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { queryRows } from '../db/connect.ts';
import { guidelinesRoutes } from '../guidelines/routes.ts';
import { jobRoutes } from '../jobs/routes.ts';
import { alertRoutes } from '../listening/alerts/routes.ts';
import { listeningRoutes } from '../listening/routes.ts';
import { storiesRoutes } from '../listening/stories/routes.ts';
import { maskTokensInUrl } from '../log.ts';
import { defaultNetworks, type NetworkRegistry } from '../networks/registry.ts';
import { sandboxRoutes } from '../networks/sandbox/routes.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { editRoutes } from '../publishing/edit-routes.ts';
import { mastodonOAuthRoutes } from '../publishing/mastodon-oauth-routes.ts';
import { publishingRoutes } from '../publishing/routes.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { strategyRoutes } from '../strategy/routes.ts';
import { teamRoutes } from '../team/routes.ts';
import { trainingRoutes } from '../training/routes.ts';
import { errorBody, handleError } from './errors.ts';
import { registerGuard } from './guard.ts';

export interface AppDeps {
  database: Database;
  config: Pick<Config, 'secureCookies' | 'publicUrl' | 'trustProxy'> &
    Partial<Pick<Config, 'allowPrivateNetworks'>>;
  secretBox: SecretBox;
  logger: FastifyBaseLogger;
  /** The built SPA (web/dist); when absent the API still runs. */
  webDir?: string | undefined;
  /** The networks channels can connect to; tests may swap one. */
  networks?: NetworkRegistry;
  /** The clock training drills run on; tests may inject one. */
  now?: () => Date;
}

export type App = FastifyInstance;

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Stemme API',
        version: '0.1.0',
        description: 'Strategy, publishing, listening, engagement, measurement.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'stemme_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerGuard(app, { db: deps.database.db, secureCookies: deps.config.secureCookies });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await queryRows(deps.database.db, sql`select 1 as ok`);
      return { status: 'ready', database: deps.database.kind };
    } catch {
      return reply.code(503).send(errorBody('not_ready', 'The database does not answer'));
    }
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(teamRoutes, { database: deps.database, config: deps.config });
  await app.register(strategyRoutes, { database: deps.database });
  await app.register(guidelinesRoutes, { database: deps.database });
  await app.register(jobRoutes, { database: deps.database });
  await app.register(listeningRoutes, {
    database: deps.database,
    urlPolicy: { allowPrivate: deps.config.allowPrivateNetworks ?? false },
  });
  await app.register(storiesRoutes, { database: deps.database });
  await app.register(alertRoutes, {
    database: deps.database,
    secretBox: deps.secretBox,
    urlPolicy: { allowPrivate: deps.config.allowPrivateNetworks ?? false },
  });
  const publishing = {
    secretBox: deps.secretBox,
    networks: deps.networks ?? defaultNetworks,
    urlPolicy: { allowPrivate: deps.config.allowPrivateNetworks ?? false },
  };
  await app.register(publishingRoutes, { database: deps.database, ...publishing });
  await app.register(editRoutes, { database: deps.database, ...publishing });
  await app.register(notificationRoutes, { database: deps.database });
  await app.register(sandboxRoutes, { database: deps.database });
  await app.register(mastodonOAuthRoutes, {
    database: deps.database,
    publicUrl: deps.config.publicUrl,
    ...publishing,
  });

  await app.register(trainingRoutes, { database: deps.database, secretBox: deps.secretBox, now: deps.now });

  const webDir = deps.webDir;
  const hasWeb = webDir !== undefined && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (request.method === 'GET' && hasWeb && !url.startsWith('/api/') && !path.extname(url)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .code(404)
      .send(errorBody('not_found', `No route for ${request.method} ${maskTokensInUrl(url)}`));
  });
  return app;
}
