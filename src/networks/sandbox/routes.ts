// HTTP for the sandbox network's training switch: make a sandbox channel's access stop working, as a real network
// does when a token is revoked, to practise (and demonstrate) "reconnect needed" and the owner's notification.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connect.ts';
import { fieldError } from '../../errors.ts';
import { actorOf } from '../../http/guard.ts';
import { getChannelRow } from '../../publishing/channels.ts';
import { recordAudit } from '../../team/audit.ts';
import { revokeSandboxAccount } from './network.ts';

export const sandboxRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  const { db } = database;

  app.post(
    '/api/channels/:channelId/sandbox/revoke',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['publishing'],
        description:
          'Training: the sandbox account stops accepting its token, so the next publish fails with an auth error, the channel needs reconnecting and its owner is notified. Reconnecting issues a new token.',
        params: z.object({ channelId: z.uuid('must be a UUID') }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const channel = await getChannelRow(db, actor.orgId, request.params.channelId);
      if (channel.network !== 'sandbox')
        throw fieldError('channelId', 'only a sandbox channel can be revoked for practice', 'not_sandbox');
      await revokeSandboxAccount(db, actor.orgId, channel.remoteAccountId);
      await recordAudit(db, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: 'channel.sandbox_revoke',
        target: channel.id,
        details: { name: channel.name, handle: channel.handle },
      });
      return reply.code(204).send();
    },
  );
};
