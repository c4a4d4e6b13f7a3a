// Who boosted the stored Mastodon statuses (reblogged-by.ts), against the contract server on PGlite and
// PostgreSQL: only the organisations' statuses of the look-back window read through that instance are asked
// about, newest first up to the cap; a booster's repost is stored for each organisation that has the status and
// for no other; a rate limit ends the run at once, and a later run picks up where it left off.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/databases.ts';
import { queryRows } from '../../../db/connect.ts';
import { pipelineSink } from '../../pipeline.ts';
import { account, MastodonTimelineServer } from './contract-server.ts';
import { lookForBoosts } from './reblogged-by.ts';
import { statusPosts } from './status.ts';

const kari = account('kari', 'fjord.social', 'Kari Nordmann');
const ola = account('ola', 'chaos.social', 'Ola Nordmann');
const HOUR = 3_600_000;

describeEachDb('Mastodon boosts looked up per status', (get) => {
  let server: MastodonTimelineServer;
  const orgs: Record<string, string> = {};

  beforeAll(async () => {
    server = new MastodonTimelineServer();
    await server.start();
    const db = get().db;
    for (const name of ['Fjordkraft', 'Nettverk']) {
      const [o] = await queryRows<{ id: string }>(
        db,
        sql`insert into orgs (name) values (${name}) returning id`,
      );
      orgs[name] = o!.id;
    }
    await db.execute(sql`insert into monitors (org_id, name, query, sources)
      values (${orgs.Fjordkraft!}, 'Strøm', 'strømpris*', '{mastodon}'), (${orgs.Nettverk!}, 'Fiber', 'fiber', '{}')`);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** Publishes statuses and hands them to one organisation's pipeline, as the poll job would. */
  async function stored(orgId: string, texts: string[], age = 0) {
    const made = texts.map((t) =>
      server.publish(kari, `<p>${t}</p>`, { createdAt: new Date(Date.now() - age).toISOString() }),
    );
    const posts = made.flatMap((s) => statusPosts(s, 'original', server.url).map((p) => p.post));
    await pipelineSink(get().db, orgId).write({ posts, deletes: [] });
    return made;
  }
  const asked = (from: number) =>
    server.requests
      .slice(from)
      .filter((r) => r.path.endsWith('/reblogged_by'))
      .map((r) => r.path.split('/')[4]);
  const reposts = async (orgId: string) =>
    (
      await queryRows<{ external_id: string }>(
        get().db,
        sql`select external_id from mentions where org_id = ${orgId} and external_id like '%#reblogged_by/%'
          order by external_id`,
      )
    ).map((r) => r.external_id);

  it('asks about the recent statuses newest first up to the cap, and stores each boost for its organisation only', async () => {
    const db = get().db;
    const [old] = await stored(orgs.Fjordkraft!, ['Strømprisene var høye i fjor'], 72 * HOUR);
    const recent = await stored(orgs.Fjordkraft!, ['Strømprisen stiger igjen', 'Strømprisen faller i natt']);
    const [other] = await stored(orgs.Nettverk!, ['Fiber til hele bygda']);
    for (const s of [old!, ...recent, other!]) server.publish(ola, '', { reblog: s });
    const from = server.requests.length;
    const r = await lookForBoosts({ db, instance: server.url, allowPrivate: true, maxStatuses: 2 });
    // Two asked (the cap): the other organisation's status and the newest of Fjordkraft's; the 72-hour-old one
    // is outside the window.
    expect(r).toMatchObject({ statuses: 2, boosts: 2, stored: 2, failed: 0 });
    expect(asked(from).sort()).toEqual([other!.id, recent[1]!.id].sort());
    expect(await reposts(orgs.Fjordkraft!)).toEqual([`${recent[1]!.uri}#reblogged_by/ola@chaos.social`]);
    expect(await reposts(orgs.Nettverk!)).toEqual([`${other!.uri}#reblogged_by/ola@chaos.social`]);
    // Without the cap, the rest of the window; what is stored stays stored once.
    const again = await lookForBoosts({ db, instance: server.url, allowPrivate: true });
    expect(again).toMatchObject({ statuses: 3, boosts: 3, stored: 1, failed: 0 });
    expect(await reposts(orgs.Fjordkraft!)).toHaveLength(2);
    expect((await reposts(orgs.Fjordkraft!)).some((id) => id.startsWith(old!.uri))).toBe(false);
  });

  it('a rate limit ends the run at the first answer; the next run stores what it missed', async () => {
    const db = get().db;
    const [s] = await stored(orgs.Nettverk!, ['Fiberen kom endelig til Vik']);
    server.publish(kari, '', { reblog: s });
    server.rebloggedByFails = 429;
    const from = server.requests.length;
    const limited = await lookForBoosts({ db, instance: server.url, allowPrivate: true });
    server.rebloggedByFails = null;
    expect(limited).toMatchObject({ statuses: 0, stored: 0, failed: 1 });
    expect(asked(from)).toHaveLength(1);
    const later = await lookForBoosts({ db, instance: server.url, allowPrivate: true });
    expect(later.stored).toBe(1);
    expect(await reposts(orgs.Nettverk!)).toContain(`${s!.uri}#reblogged_by/kari@fjord.social`);
  });
});
