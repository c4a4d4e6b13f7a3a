// The health check reads Publishing's real channels: a planned channel without a connected account is found,
// and connecting that account makes the finding go away.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { type Client, onboardAdmin, testApp } from '../../test/http.ts';
import type { App } from '../http/app.ts';
import { channels } from '../publishing/schema.ts';
import type { HealthReport } from './health/report.ts';

describeEachDb('strategy health check on live publishing data', (get) => {
  let app: App;
  let admin: Client;
  let orgId: string;
  let planId: string;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin, orgId } = await onboardAdmin(app));
    planId = (await admin.get<{ plans: { id: string }[] }>('/api/strategy/plans')).body.plans[0]!.id;
  });
  afterAll(async () => app?.close());

  const connectedFindings = async () => {
    const report = await admin.get<HealthReport>(`/api/strategy/plans/${planId}/health`);
    return report.body.findings.filter((f) => f.check === 'channels-connected');
  };

  it('finds a planned channel nobody has connected, and forgets it once the account is connected', async () => {
    expect((await connectedFindings()).every((f) => !f.unavailable)).toBe(true);
    const planned = await admin.post(`/api/strategy/plans/${planId}/channels`, {
      network: 'bluesky',
      handle: '@Ingrid.stemme.test',
    });
    expect(planned.status).toBe(201);
    const before = await connectedFindings();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ unavailable: false, subject: { name: '@Ingrid.stemme.test' } });

    // A connected account as Publishing stores it (connecting for real needs a PDS: see src/publishing tests).
    await get().db.insert(channels).values({
      orgId,
      network: 'bluesky',
      name: 'Ingrid',
      handle: 'ingrid.stemme.test',
      remoteAccountId: 'did:plc:ingrid',
      accountUrl: 'https://bsky.app/profile/ingrid.stemme.test',
    });
    expect(await connectedFindings()).toEqual([]);
  });
});
