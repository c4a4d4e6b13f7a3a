// The worked example: the health check on a filled-in plan and on an empty one, and the strategy carried whole by
// `stemme org export` / `stemme org import`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../test/databases.ts';
import { addMember, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import type { Database } from '../db/connect.ts';
import type { App } from '../http/app.ts';
import { exportOrg, importOrg } from '../team/transfer.ts';
import { seedDemoStrategy } from './demo.ts';
import { renderMarkdown } from './export/markdown.ts';
import { exportPlan, planHealth } from './reports.ts';
import { getPlanDocument, listPlans } from './service.ts';

describeEachDb('the demo plan', (get) => {
  let app: App;
  let orgId: string;
  let planId: string;
  let admin: Client;
  let other: Database | undefined;

  beforeAll(async () => {
    app = await testApp(get());
    const onboarded = await onboardAdmin(app);
    orgId = onboarded.orgId;
    admin = onboarded.admin;
    await addMember(app, onboarded.admin, 'editor', 'jonas@example.no');
    planId = await seedDemoStrategy(get().db, { userId: onboarded.userId, orgId, role: 'admin' });
  });
  afterAll(async () => {
    await app?.close();
    await other?.close();
  });

  it('scores well, and what it still finds is read from live data: monitors, guidelines, channels', async () => {
    const report = await planHealth(get().db, orgId, planId, 'en');
    expect(report.score).toBeGreaterThanOrEqual(85);
    expect(report.counts.critical).toBe(0);
    // Every check could look: Listening, Publishing and Guidelines are all read live.
    expect(report.findings.filter((f) => f.unavailable)).toEqual([]);
    // The demo's monitor covers the leader's name and the brand.
    expect(report.findings.filter((f) => f.check === 'monitors')).toEqual([]);
    // Version 1 of the guidelines is out; the admin published (and so read) it, Jonas has not yet.
    const acks = report.findings.find((f) => f.check === 'guidelines-acknowledged')!;
    expect(acks.title).toBe('1 of 2 members have not acknowledged guidelines version 1');
    expect(acks.fix).toBe('/guidelines?tab=acknowledgements');
    // The leader has no account of their own connected, so the ledger cannot tell their own words: it says so.
    expect(report.findings.find((f) => f.check === 'authorship')).toMatchObject({
      severity: 'info',
      title: "No connected channel is Ingrid Admin's own",
    });
    // Publishing is real: the demo's planned channels have no connected account yet, and it says so per channel.
    const notConnected = report.findings.filter((f) => f.check === 'channels-connected');
    expect(notConnected.length).toBeGreaterThan(0);
    expect(notConnected.every((f) => f.severity === 'info' && f.subject?.kind === 'channel')).toBe(true);
  });

  it('scores an empty organisation low, with the first steps first', async () => {
    // A second organisation, started by someone on their own.
    const { client: solo } = await addMember(app, admin, 'viewer', 'solo@example.no');
    const created = await solo.post<{ org: { id: string } }>('/api/orgs', { name: 'Solo AS' });
    const emptyOrg = created.body.org.id;
    const plans = await listPlans(get().db, emptyOrg);
    const report = await planHealth(get().db, emptyOrg, plans[0]!.id, 'nb');
    expect(report.score).toBeLessThan(40);
    expect(report.findings.slice(0, 4).map((f) => f.check)).toEqual([
      'purpose',
      'goals-exist',
      'audiences-exist',
      'team-size',
    ]);
    expect(report.findings[0]!.title).toBe('Planen har ikke noe formål ennå');
  });

  it('exports a document with every section filled', async () => {
    const doc = await exportPlan(get().db, orgId, planId, 'en');
    const md = renderMarkdown(doc.blocks);
    for (const text of [
      '# Social media strategy: Fjordkraft Kommunikasjon',
      '| **Public** | @fjellvind@mastodon.social (Mastodon) | @fjellvind.no (Bluesky) |',
      '| Median response time | @fjellvind.no | 240 minutes | 60 minutes |',
      '- **Party politics and energy policy** – for example: “Vote for”, “The government should”',
      '- **Leader:** Ingrid Admin',
      '| Ingrid Admin | Writes own posts and answers a few questions each week | 2 | Keen to do it |',
    ])
      expect(md).toContain(text);
  });

  it('travels whole through org export and import', async () => {
    const exported = await exportOrg(get().db, orgId);
    expect(exported.tables.strategy_plans).toHaveLength(1);
    expect(exported.tables.strategy_kpis).toHaveLength(2);
    other = await freshDatabase('pglite');
    const result = await importOrg(other.db, JSON.parse(JSON.stringify(exported)));
    expect(result.orgId).toBe(orgId);
    const again = await exportOrg(other.db, orgId);
    expect({ ...again, exportedAt: 0 }).toEqual({ ...exported, exportedAt: 0 });
    const doc = await getPlanDocument(other.db, orgId, planId);
    expect(doc.channels.map((c) => [c.handle, c.x, c.y])).toEqual([
      ['@fjellvind.no', 0.72, 0.82],
      ['@fjellvind@mastodon.social', 0.3, 0.68],
    ]);
    expect(doc.responsibilities.every((r) => r.isMember)).toBe(true);
  });
});
