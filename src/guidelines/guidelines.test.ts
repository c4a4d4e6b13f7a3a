// Guidelines through the real HTTP API, on PGlite and PostgreSQL: the template, proposals and comments, versions
// with their diffs, acknowledgements, rules and the checker in Norwegian, Danish, German and English.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../test/databases.ts';
import { addMember, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import type { App } from '../http/app.ts';
import { exportOrg, importOrg } from '../team/transfer.ts';
import type { GuidelineHit } from './check.ts';
import type { GuidelineSection } from './schema.ts';
import { acknowledgements, currentVersion } from './service.ts';

type Proposal = {
  id: string;
  title: string;
  sections: GuidelineSection[];
  status: string;
  baseVersion: number | null;
  stale: boolean;
  comments: { body: string; author: string; sectionKey: string | null }[];
  diff: { op: string; text: string }[];
};
type Version = {
  number: number;
  sections: GuidelineSection[];
  summary: string;
  publishedBy: string;
  proposedBy: string;
  diff: { op: string; text: string }[];
};
type Overview = { current: Version | null; acknowledged: boolean; openProposals: number };
type Acks = {
  version: number;
  members: { name: string; acknowledgedAt: string | null }[];
  acknowledged: number;
};
type Hits = { hits: GuidelineHit[] };

describeEachDb('guidelines', (get) => {
  let app: App;
  let admin: Client;
  let editor: Client;
  let approver: Client;
  let viewer: Client;
  let orgId: string;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin, orgId } = await onboardAdmin(app));
    ({ client: editor } = await addMember(app, admin, 'editor', 'jonas@example.no'));
    ({ client: approver } = await addMember(app, admin, 'approver', 'aud@example.no'));
    ({ client: viewer } = await addMember(app, admin, 'viewer', 'vera@example.no'));
  });
  afterAll(async () => app?.close());

  const sections = (p: { sections: GuidelineSection[] }) => p.sections;

  it('starts from the template in the organisation’s language, or another on request', async () => {
    const empty = await viewer.get<Overview>('/api/guidelines');
    expect(empty.body).toMatchObject({ current: null, acknowledged: false, openProposals: 0 });
    const nb = await viewer.get<{ locale: string; sections: GuidelineSection[] }>('/api/guidelines/template');
    expect(nb.body.locale).toBe('nb');
    expect(nb.body.sections[0]!.title).toBe('Hva vi vil oppnå');
    const de = await viewer.get<{ sections: GuidelineSection[] }>('/api/guidelines/template?locale=de');
    expect(de.body.sections[0]!.title).toBe('Was wir erreichen wollen');
    expect((await viewer.get('/api/guidelines/template?locale=sv')).status).toBe(400);
  });

  it('a writer proposes from the template, every member comments, only an admin publishes', async () => {
    expect((await viewer.post('/api/guidelines/proposals', {})).status).toBe(403);
    const created = await editor.post<Proposal>('/api/guidelines/proposals', {});
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', baseVersion: null, stale: false });
    expect(created.body.title).toBe('Våre retningslinjer for sosiale medier');
    expect(sections(created.body).map((s) => s.key)).toContain('tone');
    expect(created.body.diff.every((l) => l.op === 'add')).toBe(true);

    const id = created.body.id;
    const commented = await viewer.post<Proposal>(`/api/guidelines/proposals/${id}/comments`, {
      body: 'Kan vi si noe om svartid?',
      sectionKey: 'tone',
    });
    expect(commented.status).toBe(201);
    expect(commented.body.comments).toEqual([
      expect.objectContaining({
        body: 'Kan vi si noe om svartid?',
        author: 'viewer person',
        sectionKey: 'tone',
      }),
    ]);
    const badSection = await viewer.post(`/api/guidelines/proposals/${id}/comments`, {
      body: 'x',
      sectionKey: 'nope',
    });
    expect(badSection.status).toBe(400);
    expect(badSection.body.message).toMatch(/^sectionKey: /);
    expect((await viewer.post(`/api/guidelines/proposals/${id}/comments`, { body: '  ' })).status).toBe(400);

    // The editor reworks the tone section; keys stay, a new section gets one.
    const tone = sections(created.body).find((s) => s.key === 'tone')!;
    const edited = await editor.patch<Proposal>(`/api/guidelines/proposals/${id}`, {
      summary: 'Første versjon',
      sections: [
        ...sections(created.body).map((s) =>
          s.key === 'tone' ? { ...s, body: `${tone.body}\nVi skriver aldri «garantert gevinst».` } : s,
        ),
        { title: 'Svartid', body: 'Vi svarer innen en arbeidsdag.' },
      ],
    });
    expect(edited.status).toBe(200);
    const added = sections(edited.body).at(-1)!;
    expect(added.key).toMatch(/^s-[0-9a-f]{8}$/);

    expect((await editor.post(`/api/guidelines/proposals/${id}/publish`, {})).status).toBe(403);
    expect((await approver.post(`/api/guidelines/proposals/${id}/publish`, {})).status).toBe(403);
    const published = await admin.post<Version>(`/api/guidelines/proposals/${id}/publish`, {});
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      number: 1,
      summary: 'Første versjon',
      publishedBy: 'Ingrid Admin',
      proposedBy: 'editor person',
    });
    expect(published.body.diff.some((l) => l.op === 'add' && l.text.includes('garantert gevinst'))).toBe(
      true,
    );

    // Closed now: no more edits or comments, no second publish.
    expect((await editor.patch(`/api/guidelines/proposals/${id}`, { title: 'x' })).status).toBe(409);
    expect((await viewer.post(`/api/guidelines/proposals/${id}/comments`, { body: 'sent' })).status).toBe(
      409,
    );
    expect((await admin.post(`/api/guidelines/proposals/${id}/publish`, {})).status).toBe(409);
  });

  it('every member acknowledges the current version; admins see who has', async () => {
    const before = await viewer.get<Overview>('/api/guidelines');
    expect(before.body.current?.number).toBe(1);
    expect(before.body.acknowledged).toBe(false);
    expect((await admin.get<Overview>('/api/guidelines')).body.acknowledged).toBe(true);

    expect((await viewer.get('/api/guidelines/acknowledgements')).status).toBe(403);
    expect((await approver.get('/api/guidelines/acknowledgements')).status).toBe(403);
    const none = await admin.get<Acks>('/api/guidelines/acknowledgements');
    expect(none.body).toMatchObject({ version: 1, acknowledged: 1 });

    const wrong = await viewer.post('/api/guidelines/acknowledge', { version: 2 });
    expect(wrong.status).toBe(409);
    expect(wrong.body.message).toMatch(/^version: /);
    const ack = await viewer.post<Overview>('/api/guidelines/acknowledge', { version: 1 });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledged).toBe(true);
    // Twice is fine.
    expect((await viewer.post('/api/guidelines/acknowledge', { version: 1 })).status).toBe(200);

    const list = await admin.get<Acks>('/api/guidelines/acknowledgements');
    const by = Object.fromEntries(list.body.members.map((m) => [m.name, m.acknowledgedAt !== null]));
    expect(by).toEqual({
      'Ingrid Admin': true,
      'editor person': false,
      'approver person': false,
      'viewer person': true,
    });
    expect(list.body.acknowledged).toBe(2);
  });

  it('a new version shows its diff, asks everyone again, and a stale proposal cannot undo it', async () => {
    const a = await editor.post<Proposal>('/api/guidelines/proposals', { title: 'Kortere tone' });
    const b = await approver.post('/api/guidelines/proposals', {});
    expect(b.status).toBe(403);
    const c = await editor.post<Proposal>('/api/guidelines/proposals', { title: 'Annet forslag' });
    expect(a.body.baseVersion).toBe(1);
    expect(a.body.diff.every((l) => l.op === 'same')).toBe(true);
    const changed = await editor.patch<Proposal>(`/api/guidelines/proposals/${a.body.id}`, {
      sections: sections(a.body).map((s) => (s.key === 'tone' ? { ...s, body: 'Vennlig og kort.' } : s)),
    });
    expect(changed.body.diff.some((l) => l.op === 'remove')).toBe(true);
    expect(changed.body.diff).toContainEqual({ op: 'add', text: 'Vennlig og kort.' });

    const v2 = await admin.post<Version>(`/api/guidelines/proposals/${a.body.id}/publish`, {
      summary: 'Strammere tone',
    });
    expect(v2.body).toMatchObject({ number: 2, summary: 'Strammere tone' });
    expect(v2.body.diff).toContainEqual({ op: 'add', text: 'Vennlig og kort.' });
    const again = await viewer.get<Version>('/api/guidelines/versions/2');
    expect(again.body.diff).toEqual(v2.body.diff);
    const versions = await viewer.get<{ versions: { number: number; summary: string }[] }>(
      '/api/guidelines/versions',
    );
    expect(versions.body.versions.map((v) => v.number)).toEqual([2, 1]);
    expect((await viewer.get('/api/guidelines/versions/9')).status).toBe(404);
    expect((await viewer.get('/api/guidelines/versions/abc')).status).toBe(400);

    // The viewer acknowledged v1, not v2.
    expect((await viewer.get<Overview>('/api/guidelines')).body.acknowledged).toBe(false);

    const stale = await viewer.get<Proposal>(`/api/guidelines/proposals/${c.body.id}`);
    expect(stale.body.stale).toBe(true);
    const refused = await admin.post(`/api/guidelines/proposals/${c.body.id}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'proposal_stale' });
    expect((await editor.delete(`/api/guidelines/proposals/${c.body.id}`)).status).toBe(204);
    const list = await viewer.get<{ proposals: { id: string; status: string; comments: number }[] }>(
      '/api/guidelines/proposals',
    );
    expect(list.body.proposals.find((p) => p.id === c.body.id)?.status).toBe('withdrawn');
    expect(list.body.proposals.at(-1)?.comments).toBe(1);
  });

  it('rules: admins and approvers write them, everyone reads them, bad ones are refused with the field named', async () => {
    const rule = {
      kind: 'banned_phrase',
      severity: 'block',
      sectionKey: 'tone',
      params: { phrases: ['garantert gevinst'] },
    };
    expect((await editor.post('/api/guidelines/rules', rule)).status).toBe(403);
    expect((await viewer.post('/api/guidelines/rules', rule)).status).toBe(403);
    const created = await approver.post<{ id: string; params: { phrases: string[] } }>(
      '/api/guidelines/rules',
      rule,
    );
    expect(created.status).toBe(201);
    const empty = await approver.post('/api/guidelines/rules', {
      kind: 'banned_phrase',
      params: { phrases: [' '] },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('params.phrases: needs at least one phrase');
    const noTags = await admin.post('/api/guidelines/rules', {
      kind: 'disclosure',
      params: { triggers: ['Acme'] },
    });
    expect(noTags.body.message).toMatch(/^params\.tags: /);
    expect((await admin.post('/api/guidelines/rules', { kind: 'nope', params: {} })).status).toBe(400);
    const ghost = await admin.post('/api/guidelines/rules', { ...rule, sectionKey: 'no-such-section' });
    expect(ghost.status).toBe(400);
    expect(ghost.body.message).toBe('sectionKey: no such section in the current version of the guidelines');

    const patched = await admin.patch<{ params: { phrases: string[] }; severity: string }>(
      `/api/guidelines/rules/${created.body.id}`,
      { params: { phrases: ['garantert gevinst', 'bør'] } },
    );
    expect(patched.body.params.phrases).toEqual(['garantert gevinst', 'bør']);
    expect(patched.body.severity).toBe('block');
    const list = await viewer.get<{ rules: { id: string }[] }>('/api/guidelines/rules');
    expect(list.body.rules.map((r) => r.id)).toEqual([created.body.id]);
  });

  it('checks a Norwegian text: each hit explains itself with its guideline section', async () => {
    const res = await viewer.post<Hits>('/api/guidelines/check', {
      text: 'Bli med! Dette er GARANTERT   gevinst, du bor jo her.',
    });
    expect(res.status).toBe(200);
    expect(res.body.hits).toHaveLength(1);
    const [hit] = res.body.hits;
    expect(hit).toMatchObject({
      kind: 'banned_phrase',
      severity: 'block',
      match: 'GARANTERT   gevinst',
      index: 18,
      sectionKey: 'tone',
      source: { label: 'Tone', text: 'Vennlig og kort.', version: 2 },
    });
    // "bør" is banned, "bor" is not; the Norwegian letter stays itself.
    const bor = await viewer.post<Hits>('/api/guidelines/check', { text: 'Du BØR lese dette' });
    expect(bor.body.hits.map((h) => h.match)).toEqual(['BØR']);
  });

  it('checks Danish disclosure, German tone and English phrases, and the strategy’s out-of-bounds topics', async () => {
    await admin.post('/api/guidelines/rules', {
      kind: 'disclosure',
      severity: 'block',
      sectionKey: 'openness',
      params: { triggers: ['Carlsberg', 'Tivoli'], tags: ['#reklame', '#annonce', '#anzeige', '#ad'] },
    });
    await admin.post('/api/guidelines/rules', { kind: 'caps', params: { maxShare: 0.25, minWords: 4 } });
    await admin.post('/api/guidelines/rules', {
      kind: 'exclamations',
      sectionKey: 'tone',
      params: { max: 2 },
    });
    await admin.post('/api/guidelines/rules', {
      kind: 'banned_phrase',
      params: { phrases: ['Schnäppchen', 'free money'] },
      note: 'We do not sell with hype.',
    });

    const da = await viewer.post<Hits>('/api/guidelines/check', {
      text: 'Tak til Carlsberg for støtten i år.',
    });
    expect(da.body.hits).toEqual([
      expect.objectContaining({
        kind: 'missing_disclosure',
        severity: 'block',
        match: 'Carlsberg',
        sectionKey: 'openness',
      }),
    ]);
    expect(da.body.hits[0]!.source.label).toBe('Vær åpen om bindinger');
    const tagged = await viewer.post<Hits>('/api/guidelines/check', {
      text: 'Tak til Carlsberg for støtten i år. #Reklame',
    });
    expect(tagged.body.hits).toEqual([]);

    const de = await viewer.post<Hits>('/api/guidelines/check', {
      text: 'JETZT ZUSCHLAGEN: ein echtes Schnäppchen!!! Nur heute!',
    });
    const kinds = de.body.hits.map((h) => `${h.kind}:${h.match}`);
    expect(kinds).toEqual(expect.arrayContaining(['tone:JETZT', 'tone:!', 'banned_phrase:Schnäppchen']));
    const caps = de.body.hits.find((h) => h.kind === 'tone' && h.match === 'JETZT')!;
    expect(caps.spans).toHaveLength(2);
    expect(caps.measured).toEqual({ value: 0.29, limit: 0.25 });
    const marks = de.body.hits.find((h) => h.match === '!')!;
    expect(marks.measured).toEqual({ value: 4, limit: 2 });
    expect(marks.source).toMatchObject({ label: 'Tone', version: 2 });
    const hype = de.body.hits.find((h) => h.kind === 'banned_phrase')!;
    expect(hype.source).toEqual({ label: 'We do not sell with hype.', text: 'We do not sell with hype.' });
    const calm = await viewer.post<Hits>('/api/guidelines/check', {
      text: 'Ein echtes Schnappchen an der Straße.',
    });
    expect(calm.body.hits).toEqual([]);

    const en = await viewer.post<Hits>('/api/guidelines/check', { text: 'Carefree money? No: FREE money.' });
    expect(en.body.hits.map((h) => h.match)).toEqual(['FREE money']);

    const plans = await admin.get<{ plans: { id: string }[] }>('/api/strategy/plans');
    await admin.post(`/api/strategy/plans/${plans.body.plans[0]!.id}/topics`, {
      stance: 'out',
      name: 'Lønnsforhandlinger',
      examples: ['tariffoppgjøret'],
      note: 'Det tar ledelsen, ikke oss.',
    });
    const topic = await viewer.post<Hits>('/api/guidelines/check', {
      text: 'Hva mener dere om Tariffoppgjøret?',
    });
    expect(topic.body.hits).toEqual([
      expect.objectContaining({
        kind: 'out_of_bounds_topic',
        severity: 'warn',
        match: 'Tariffoppgjøret',
        sectionKey: 'topics',
        source: { label: 'Lønnsforhandlinger', text: 'Det tar ledelsen, ikke oss.' },
      }),
    ]);
  });

  it('counts posts per channel in the day or week of the draft, in the organisation’s time zone', async () => {
    const channel = await admin.post<{ id: string }>('/api/channels', {
      network: 'sandbox',
      handle: 'fjord',
    });
    expect(channel.status).toBe(201);
    const other = await admin.post<{ id: string }>('/api/channels', { network: 'sandbox', handle: 'fjell' });
    // Thursday 1 January 2099, 23:30 in Oslo (22:30 UTC).
    const post = await admin.post('/api/posts', {
      text: 'Godt nyttår',
      channelIds: [channel.body.id],
      scheduledAt: '2099-01-01T23:30:00+01:00',
    });
    expect(post.status).toBe(201);
    const daily = await admin.post<{ id: string }>('/api/guidelines/rules', {
      kind: 'frequency',
      sectionKey: 'rhythm',
      params: { max: 1, window: 'day' },
    });
    const check = (scheduledAt: string, channelIds = [channel.body.id, other.body.id]) =>
      viewer.post<Hits>('/api/guidelines/check', { text: 'Hei', channelIds, scheduledAt });

    const same = await check('2099-01-01T23:50:00+01:00');
    expect(same.body.hits).toEqual([
      expect.objectContaining({
        kind: 'frequency',
        channelId: channel.body.id,
        measured: { value: 2, limit: 1, window: 'day' },
        source: expect.objectContaining({ label: 'Hvor ofte vi publiserer' }),
      }),
    ]);
    // Still 1 January in UTC, but 2 January in Oslo: a new day.
    expect((await check('2099-01-02T00:30:00+01:00')).body.hits).toEqual([]);

    await admin.patch(`/api/guidelines/rules/${daily.body.id}`, { params: { max: 1, window: 'week' } });
    // Sunday is the same ISO week, Monday the next.
    expect((await check('2099-01-04T12:00:00+01:00')).body.hits.map((h) => h.kind)).toEqual(['frequency']);
    expect((await check('2099-01-05T12:00:00+01:00')).body.hits).toEqual([]);
    // A rule for another channel only.
    await admin.patch(`/api/guidelines/rules/${daily.body.id}`, {
      params: { max: 1, window: 'week', channelIds: [other.body.id] },
    });
    expect((await check('2099-01-04T12:00:00+01:00')).body.hits).toEqual([]);
    const foreign = await admin.patch(`/api/guidelines/rules/${daily.body.id}`, {
      params: { max: 1, channelIds: ['11111111-1111-4111-8111-111111111111'] },
    });
    expect(foreign.status).toBe(400);
    expect((await admin.delete(`/api/guidelines/rules/${daily.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/guidelines/rules/${daily.body.id}`)).status).toBe(404);
  });

  it('travels whole through org export and import', async () => {
    const exported = await exportOrg(get().db, orgId);
    expect(exported.tables.guideline_versions).toHaveLength(2);
    expect(exported.tables.guideline_rules?.length).toBeGreaterThan(0);
    const other = await freshDatabase('pglite');
    try {
      await importOrg(other.db, JSON.parse(JSON.stringify(exported)));
      expect((await currentVersion(other.db, orgId))?.number).toBe(2);
      const acks = await acknowledgements(other.db, orgId);
      expect(acks.members.filter((m) => m.acknowledgedAt).map((m) => m.name)).toEqual(['Ingrid Admin']);
    } finally {
      await other.close();
    }
  });
});
