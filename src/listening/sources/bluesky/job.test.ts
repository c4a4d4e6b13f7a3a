// The live sources wired into the listening pipeline, on PGlite and PostgreSQL: the stream job (here over the
// Jetstream contract server) stores a post only for the organisations whose active monitors listen to the
// source and match it, removes it again when the source deletes it, and resumes from its cursor on the next
// run; the Mastodon job polls the hashtags the monitors ask for.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { until } from '../../../../test/bluesky-network.ts';
import { describeEachDb } from '../../../../test/databases.ts';
import { type Db, queryRows } from '../../../db/connect.ts';
import { type JobDefinition, silentLogger } from '../../../jobs/definition.ts';
import { Worker } from '../../../jobs/worker.ts';
import { orgs } from '../../../team/schema.ts';
import { mentions, monitors } from '../../schema.ts';
import { account, MastodonTimelineServer } from '../mastodon/contract-server.ts';
import { JetstreamContractServer } from './jetstream-contract-server.ts';
import {
  BLUESKY_STREAM_JOB,
  liveSourceConfig,
  liveSourceJobs,
  MASTODON_BOOSTS_JOB,
  MASTODON_POLL_JOB,
  MASTODON_STREAM_JOB,
  monitoredHashtags,
  searchKeywords,
} from './job.ts';
import { listeningStreams } from './schema.ts';

const ALICE = 'did:plc:alice0000000000000000000';
let jet: JetstreamContractServer;
let masto: MastodonTimelineServer;

beforeAll(async () => {
  jet = new JetstreamContractServer();
  await jet.start();
  jet.account(ALICE, 'alice.example');
  masto = new MastodonTimelineServer();
  await masto.start();
});

afterAll(async () => {
  await jet?.stop();
  await masto?.stop();
});

it('reads its settings from the environment, every source off by default', () => {
  expect(liveSourceConfig({})).toEqual({});
  expect(liveSourceJobs(liveSourceConfig({}))).toEqual([]);
  expect(
    liveSourceConfig({
      STEMME_BLUESKY_JETSTREAM_URL: 'wss://jetstream2.us-east.bsky.network',
      STEMME_MASTODON_INSTANCES: 'https://mastodon.social, https://fosstodon.org',
    }),
  ).toEqual({
    jetstreamUrl: 'wss://jetstream2.us-east.bsky.network',
    mastodonInstances: ['https://mastodon.social', 'https://fosstodon.org'],
  });
});

it('searches a monitor by its required terms: every match contains one of them', () => {
  expect(searchKeywords('telenor OR telia')).toEqual(['telenor', 'telia']);
  expect(searchKeywords('nettnøytralitet AND telenor')).toEqual(['nettnøytralitet']);
  expect(searchKeywords('#valg OR @nrk.no')).toEqual(['#valg', '@nrk.no']);
  expect(searchKeywords('telen* NOT reklame')).toEqual(['telen']);
  expect(searchKeywords('NOT reklame')).toEqual([]);
  expect(searchKeywords('author:nrk.no')).toEqual([]);
  expect(searchKeywords('"unclosed')).toEqual([]);
});

async function runJob(job: JobDefinition<unknown>, db: Db, stopWhen?: () => Promise<boolean>) {
  const ac = new AbortController();
  const running = job.run(
    {},
    { jobId: 'test', orgId: null, attempt: 1, maxAttempts: 3, signal: ac.signal, log: silentLogger, db },
  );
  if (stopWhen) {
    try {
      await until(stopWhen, 'the job to deliver');
    } finally {
      ac.abort();
    }
  }
  await running;
}

describeEachDb('live sources feed the pipeline', (get) => {
  const orgIds: Record<string, string> = {};

  async function stored(org: string) {
    const rows = await get()
      .db.select({ externalId: mentions.externalId, source: mentions.source, author: mentions.author })
      .from(mentions)
      .where(eq(mentions.orgId, orgIds[org]!));
    return rows;
  }

  beforeAll(async () => {
    const db = get().db;
    for (const name of ['A', 'B', 'C', 'D']) {
      const [row] = await db.insert(orgs).values({ name }).returning({ id: orgs.id });
      orgIds[name] = row!.id;
    }
    await db.insert(monitors).values([
      { orgId: orgIds.A!, name: 'Nett', query: 'nettnøytralitet OR telenor', sources: ['bluesky'] },
      { orgId: orgIds.B!, name: 'Valg', query: '#valg', sources: [] },
      { orgId: orgIds.C!, name: 'Bare RSS', query: 'telenor', sources: ['rss'] },
      { orgId: orgIds.D!, name: 'Av', query: 'telenor', sources: [], active: false },
    ]);
  });

  it('the Bluesky stream job stores matching posts per organisation, removes deleted ones, resumes from its cursor', async () => {
    const db = get().db;
    const [job] = liveSourceJobs({
      jetstreamUrl: jet.url,
      plcUrl: jet.plcUrl,
      urlPolicy: { allowPrivate: true },
      holdMs: 60_000,
    });
    expect(job?.name).toBe(BLUESKY_STREAM_JOB);
    const uri = (rkey: string) => `at://${ALICE}/app.bsky.feed.post/${rkey}`;
    const tag = (text: string, t: string) => {
      const start = Buffer.byteLength(text.slice(0, text.indexOf(`#${t}`)));
      return [
        {
          index: { byteStart: start, byteEnd: start + Buffer.byteLength(`#${t}`) },
          features: [{ $type: 'app.bsky.richtext.facet#tag', tag: t }],
        },
      ];
    };
    // Each run subscribes afresh; posts arrive once the subscription is there.
    const subscribed = jet.requests.length;
    const first = runJob(
      job!,
      db,
      async () => (await stored('A')).length > 0 && (await stored('B')).length > 0,
    );
    await until(() => jet.requests.length > subscribed, 'the subscription');
    await new Promise((r) => setTimeout(r, 100));
    jet.post(ALICE, '3lone', 'Telenor bryter nettnøytraliteten, sier Nkom');
    jet.post(ALICE, '3ltwo', 'Godt oppmøte ved #valg i dag', {
      facets: tag('Godt oppmøte ved #valg i dag', 'valg'),
    });
    jet.post(ALICE, '3lthree', 'Ingenting å se her');
    await first;

    expect(await stored('A')).toEqual([
      { externalId: uri('3lone'), source: 'bluesky', author: 'alice.example' },
    ]);
    expect(await stored('B')).toEqual([
      { externalId: uri('3ltwo'), source: 'bluesky', author: 'alice.example' },
    ]);
    expect(await stored('C')).toEqual([]);
    expect(await stored('D')).toEqual([]);
    // The whole pipeline ran on them, not only the store: language, author, story and the match a storm is
    // judged by.
    const [piped] = await queryRows<{ lang: string; authors: number; members: number; matches: number }>(
      db,
      sql`select m.lang,
          (select count(*)::int from authors a where a.org_id = m.org_id and a.handle = 'alice.example') as authors,
          (select count(*)::int from story_members s where s.mention_id = m.id) as members,
          (select count(*)::int from mention_matches x where x.mention_id = m.id) as matches
        from mentions m where m.org_id = ${orgIds.A!}`,
    );
    expect(piped).toEqual({ lang: 'nb', authors: 1, members: 1, matches: 1 });

    // Deleted at the source while no run held the stream: the next run resumes (rewound) and removes it.
    jet.emit({
      did: ALICE,
      kind: 'commit',
      commit: { rev: '3ldel', operation: 'delete', collection: 'app.bsky.feed.post', rkey: '3lone' },
    });
    const before = jet.requests.length;
    // The contract server's log is shared by both database runs, and a rewound replay brings the other run's
    // posts too: wait for this post to be gone rather than for A to be empty.
    await runJob(job!, db, async () => !(await stored('A')).some((r) => r.externalId === uri('3lone')));
    expect(jet.requests[before]?.get('cursor')).toBeTruthy();
    expect(await stored('B')).toHaveLength(1);
  });

  it('under two workers, one holds the stream at a time; runs end and resume from the cursor without losing posts', async () => {
    const db = get().db;
    const jobs = liveSourceJobs({
      jetstreamUrl: jet.url,
      plcUrl: jet.plcUrl,
      urlPolicy: { allowPrivate: true },
      holdMs: 400,
    });
    // A fresh stream key, so this run starts live rather than from the earlier test's cursor.
    await db.delete(listeningStreams);
    const workers = ['w1', 'w2'].map(
      (id) => new Worker({ database: get(), jobs, pollIntervalMs: 30, id, logger: silentLogger }),
    );
    jet.maxOpen = 0;
    const before = jet.requests.length;
    for (const w of workers) w.start();
    const rkeys: string[] = [];
    try {
      await until(() => jet.requests.length > before, 'the first run to subscribe');
      // Posts keep coming for about three seconds, across several runs and the pauses between them.
      for (let i = 0; i < 12; i++) {
        const rkey = `3lw${i}`;
        jet.post(ALICE, rkey, `Telenor og nettnøytralitet, del ${i}`);
        rkeys.push(rkey);
        await new Promise((r) => setTimeout(r, 250));
      }
      const want = rkeys.map((k) => `at://${ALICE}/app.bsky.feed.post/${k}`);
      await until(
        async () => {
          const have = new Set((await stored('A')).map((r) => r.externalId));
          return want.every((u) => have.has(u));
        },
        'every post stored for A',
        15_000,
      );
    } finally {
      await Promise.all(workers.map((w) => w.stop({ graceMs: 5000 })));
    }
    expect(jet.maxOpen).toBe(1);
    const runs = jet.requests.slice(before);
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.slice(1).every((q) => q.get('cursor'))).toBe(true);
    const [state] = await db.select().from(listeningStreams);
    expect(Number(state?.cursor)).toBe(jet.log.at(-1)!.time_us);
  });

  it('the Mastodon job polls the hashtags the monitors ask for and stores what they match', async () => {
    const db = get().db;
    expect(await monitoredHashtags(db)).toEqual(['valg']);
    const kari = account('kari', 'fjord.social', 'Kari Nordmann');
    const status = masto.publish(
      kari,
      '<p>Stem i dag! <a href="https://fjord.social/tags/valg" class="mention hashtag" rel="tag">#<span>valg</span></a></p>',
      {
        tags: [{ id: '1', name: 'valg', url: 'https://fjord.social/tags/valg' }],
      },
    );
    // Deleted on the instance after it was stored: the boosts look below skips it.
    const gone = masto.publish(kari, '<p>Snart #valg</p>', {
      tags: [{ id: '1', name: 'valg', url: 'https://fjord.social/tags/valg' }],
    });
    const jobs = liveSourceJobs({ mastodonInstances: [masto.url], urlPolicy: { allowPrivate: true } });
    expect(jobs.map((j) => j.name)).toEqual([MASTODON_POLL_JOB, MASTODON_BOOSTS_JOB]);
    const mark = masto.requests.length;
    await runJob(jobs[0]!, db);
    expect(masto.requests.slice(mark).map((r) => r.path)).toEqual(['/api/v1/timelines/tag/valg']);
    const rows = await db
      .select({ externalId: mentions.externalId })
      .from(mentions)
      .where(and(eq(mentions.orgId, orgIds.B!), eq(mentions.source, 'mastodon')));
    // The server is shared by both database runs: a first poll takes every #valg status it has.
    const valg = masto.statuses.filter((s) => s.tags.some((t) => t.name === 'valg')).map((s) => s.uri);
    expect(valg).toContain(status.uri);
    expect(rows.map((r) => r.externalId).sort()).toEqual(valg.sort());
    expect((await stored('A')).filter((r) => r.source === 'mastodon')).toEqual([]);

    // Boosts are on no timeline: the boosts job asks who boosted each recent stored status, and each booster's
    // boost is stored as their repost for the organisation that has the status (once, however often it asks).
    masto.remove(gone.id);
    const ola = account('ola', 'chaos.social', 'Ola Nordmann');
    masto.publish(ola, '', { reblog: status });
    masto.publish(kari, '', { reblog: status });
    const boosts = jobs.find((j) => j.name === MASTODON_BOOSTS_JOB)!;
    const asked = masto.requests.length;
    await runJob(boosts, db);
    const paths = masto.requests.slice(asked).map((r) => r.path);
    expect(paths).toContain(`/api/v1/statuses/${status.id}/reblogged_by`);
    expect(paths).toContain(`/api/v1/statuses/${gone.id}/reblogged_by`);
    const reposts = async () =>
      db
        .select({ externalId: mentions.externalId, author: mentions.author, text: mentions.text })
        .from(mentions)
        .where(and(eq(mentions.orgId, orgIds.B!), sql`${mentions.externalId} like ${`${status.uri}#%`}`));
    const first = await reposts();
    expect(first.map((r) => r.externalId).sort()).toEqual([
      `${status.uri}#reblogged_by/kari@fjord.social`,
      `${status.uri}#reblogged_by/ola@chaos.social`,
    ]);
    expect(first.find((r) => r.author === 'ola@chaos.social')?.text).toBe('Stem i dag! #valg');
    const [ref] = await queryRows<{ target: string }>(
      db,
      sql`select r.target from mention_refs r join mentions m on m.id = r.mention_id
        where m.org_id = ${orgIds.B!} and m.external_id = ${`${status.uri}#reblogged_by/ola@chaos.social`}
          and r.kind = 'repost'`,
    );
    expect(ref?.target).toBeTruthy();
    await runJob(boosts, db);
    expect(await reposts()).toHaveLength(2);
    expect((await stored('A')).filter((r) => r.source === 'mastodon')).toEqual([]);
  });

  it('the Mastodon stream job follows the hashtags on the streaming API found through the instance', async () => {
    const db = get().db;
    const jobs = liveSourceJobs({
      mastodonInstances: [masto.url],
      mastodonStreaming: true,
      urlPolicy: { allowPrivate: true },
      holdMs: 60_000,
    });
    const job = jobs.find((j) => j.name === MASTODON_STREAM_JOB)!;
    const messages = masto.streamMessages.length;
    const kari = account('kari', 'fjord.social', 'Kari Nordmann');
    let status: { uri: string } | undefined;
    const running = runJob(job, db, async () => {
      if (!status && masto.streamMessages.length > messages) {
        status = masto.publish(
          kari,
          '<p>Direkte fra <a href="https://fjord.social/tags/valg" class="mention hashtag" rel="tag">#valg</a></p>',
          {
            tags: [{ id: '1', name: 'valg', url: 'https://fjord.social/tags/valg' }],
          },
        );
      }
      if (!status) return false;
      const rows = await stored('B');
      return rows.some((r) => r.externalId === status?.uri);
    });
    await running;
    expect(masto.requests.some((r) => r.path === '/api/v2/instance')).toBe(true);
    expect(masto.streamMessages.slice(messages)).toContainEqual({
      type: 'subscribe',
      stream: 'hashtag',
      tag: 'valg',
    });
  });
});
