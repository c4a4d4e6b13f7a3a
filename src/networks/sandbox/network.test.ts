// The sandbox network against the connector contract, on PGlite and PostgreSQL.
import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.ts';
import { createOrg } from '../../jobs/test-support.ts';
import { failureOf, newKey, runConnectorContract } from '../contract.ts';
import { revokeSandboxAccount, sandboxKind } from './network.ts';

describeEachDb('sandbox network', (get) => {
  runConnectorContract({
    name: 'sandbox',
    async make() {
      const db = get().db;
      const orgId = await createOrg(db);
      const ctx = { db, orgId };
      const { credentials } = await sandboxKind.connect({ handle: 'kari' }, ctx);
      return {
        network: await sandboxKind.open(credentials, {}, ctx),
        openWithBadCredentials: () =>
          sandboxKind.open({ ...(credentials as object), token: 'not-the-token' }, {}, ctx),
      };
    },
  });

  it('a revoked token is an auth failure, and connecting again restores it', async () => {
    const db = get().db;
    const orgId = await createOrg(db, 'Revokers');
    const ctx = { db, orgId };
    const first = await sandboxKind.connect({ handle: 'ola' }, ctx);
    const accountId = first.account.remoteAccountId;
    const net = await sandboxKind.open(first.credentials, {}, ctx);
    const variant = { parts: [{ text: 'hello', images: [] }] };
    await revokeSandboxAccount(db, orgId, accountId);
    expect(await failureOf(() => net.publish(variant, newKey()))).toBe('auth');
    const again = await sandboxKind.connect({ handle: 'ola' }, ctx);
    expect(again.account.remoteAccountId).toBe(accountId);
    const renewed = await sandboxKind.open(again.credentials, {}, ctx);
    expect((await renewed.publish(variant, newKey())).parts).toHaveLength(1);
  });
});
