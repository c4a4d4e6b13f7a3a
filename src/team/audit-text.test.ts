// The audit log's lines for every action the server records, in every UI language. Each action is done through
// the real API (sign-ins, the team, the organisation, channels, posts through the worker, training, guidelines,
// monitors, alert rules and webhooks, feeds, the strategy), the entries are read back from /api/audit and
// rendered by the audit log's own targetText and detailsText with the bundled translations. A target shown as an
// id, a detail shown as the raw `key: value` fallback, an i18n key, a raw value (true/false, a stage, a field
// name, a recorded time) fails; so does an action the server records that this test does not produce.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { addMember, Client, onboardAdmin, PASSWORD, testApp } from '../../test/http.ts';
import { translators as loadTranslators } from '../../test/i18n.ts';
import { LOCALES } from '../../web/src/api.ts';
import { byLocale } from '../../web/src/i18n/resources.ts';
import { AUDIT_ACTIONS, detailsText, targetText } from '../../web/src/pages/settings/auditText.ts';
import type { App } from '../http/app.ts';
import type { Worker } from '../jobs/worker.ts';
import { ingest } from '../listening/pipeline.ts';
import { TINY_PNG } from '../networks/contract.ts';
import {
  registryWith,
  type Step,
  scriptedSandbox,
  settled,
  startWorker,
} from '../publishing/test-support.ts';
import { builtInDrills } from '../training/drills.ts';

interface Entry {
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** The actions the server's code gives recordAudit (`action: …`) or auditPlan. */
function actionsInSource(): Set<string> {
  const families = new Set(Object.keys(byLocale.en.audit));
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
        const text = readFileSync(path, 'utf8');
        if (!/recordAudit\(|auditPlan\(/.test(text)) continue;
        // `action: 'x.y'` (or a choice of two), and the action given to auditPlan(…).
        for (const m of text.matchAll(/action:([^,\n]+)|auditPlan\(([^;]+)\)/g))
          for (const [, family, verb] of (m[1] ?? m[2] ?? '').matchAll(/'([a-z]+)\.([a-z_]+)'/g))
            if (families.has(family!)) found.add(`${family}.${verb}`);
      }
    }
  };
  walk(join(import.meta.dirname, '..'));
  return found;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
// What an untranslated line shows: an i18n key, an id cut short, a recorded time, a raw value or field name.
const RAW = [
  /\b(settings|audit|guidelines|publish|listen|strategy|roles)\.[a-z]/,
  /[0-9a-f]{8}…/,
  /\d{4}-\d\d-\d\dT\d\d:/,
  /\b(true|false|null|undefined)\b/,
  /\b(pending_approval|changes_requested|banned_phrase|block|warn)\b/,
  /\b[a-z]+[A-Z][a-zA-Z]*\b/, // scheduledAt, channelIds, ownerUserId …
  /\{\{|\[object/,
];
// Actions whose entry has no target: a sign-in, the organisation's own settings, the plan as a whole.
const NO_TARGET = new Set([
  'auth.login',
  'auth.logout',
  'auth.login_failed',
  'auth.locked',
  'org.updated',
  'publishing.settings_updated',
  'strategy.plan_updated',
]);

describeEachDb('audit log lines of every action', (get) => {
  let app: App;
  let admin: Client;
  let worker: Worker;
  let entries: Entry[];
  const script: Step[] = [];
  let translators: Map<string, TFunction>;
  const names = new Map<string, string>();

  beforeAll(async () => {
    translators = await loadTranslators();

    const networks = registryWith(scriptedSandbox(script));
    app = await testApp(get(), { allowPrivateNetworks: true, networks });
    worker = startWorker(get(), networks);
    const ok = (res: { status: number; body: unknown }, what: string) => {
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body as { id: string } & Record<string, unknown>;
    };

    // Signing in and out; the team; the organisation.
    let orgId: string;
    ({ admin, orgId } = await onboardAdmin(app));
    ok(await admin.post('/api/auth/logout'), 'logout');
    ok(await admin.post('/api/auth/login', { email: 'ingrid@example.no', password: PASSWORD }), 'login');
    const editor = await addMember(app, admin, 'editor', 'erik@example.no');
    const leaving = await addMember(app, admin, 'viewer', 'vera@example.no');
    const stranger = new Client(app);
    for (let i = 0; i < 5; i++)
      await stranger.post('/api/auth/login', { email: 'vera@example.no', password: 'feil passord her' });
    ok(await admin.patch(`/api/team/members/${leaving.userId}`, { role: 'approver' }), 'role');
    ok(await admin.delete(`/api/team/members/${leaving.userId}`), 'remove');
    const invitation = ok(
      await admin.post('/api/team/invitations', { email: 'kari@example.no', role: 'editor' }),
      'invite',
    );
    ok(await admin.delete(`/api/team/invitations/${invitation.id}`), 'revoke');
    ok(
      await admin.patch('/api/org', { name: 'Fjellnett', timeZone: 'Europe/Berlin', defaultLocale: 'da' }),
      'org',
    );

    // A channel and its queue slots; publishing needs approval, approvers may approve their own posts.
    const channel = ok(
      await admin.post('/api/channels', { network: 'sandbox', handle: 'fjellnett', name: 'Fjellnett' }),
      'connect',
    );
    ok(
      await admin.put(`/api/channels/${channel.id}/slots`, {
        slots: [
          { weekday: 1, time: '09:00' },
          { weekday: 3, time: '12:00' },
        ],
      }),
      'slots',
    );
    ok(
      await admin.put('/api/publishing/settings', { requireApproval: true, allowSelfApproval: true }),
      'settings',
    );

    // A post through approval: drafted, changed, moved, submitted, commented on, sent back, deleted.
    const draft = ok(
      await editor.client.post('/api/posts', {
        channelIds: [channel.id],
        text: 'Vi åpner nytt kontor i Tromsø i januar, og du er invitert til åpningen',
        intent: 'draft',
      }),
      'draft',
    );
    ok(await editor.client.patch(`/api/posts/${draft.id}`, { text: 'Nytt kontor i Tromsø!' }), 'update');
    ok(
      await editor.client.patch(`/api/posts/${draft.id}`, { scheduledAt: '2099-01-15T09:00:00Z' }),
      'reschedule',
    );
    ok(await editor.client.post(`/api/posts/${draft.id}/submit`, {}), 'submit');
    ok(await admin.post(`/api/posts/${draft.id}/comments`, { text: 'Bra, men nevn datoen' }), 'comment');
    ok(await admin.post(`/api/posts/${draft.id}/send-back`, { comment: 'Nevn datoen' }), 'send back');
    ok(await editor.client.delete(`/api/posts/${draft.id}`), 'delete draft');

    // A post the admin approves herself; the network refuses it once, it is retried, edited, deleted.
    script.push('permanent');
    const post = ok(
      await admin.post('/api/posts', { channelIds: [channel.id], text: 'Driftsmelding' }),
      'post',
    );
    ok(await admin.post(`/api/posts/${post.id}/approve`, {}), 'approve');
    const [failed] = await settled(admin, post.id, 20_000);
    expect(failed!.status).toBe('failed');
    ok(await admin.post(`/api/posts/${post.id}/targets/${failed!.id}/retry`, {}), 'retry');
    const [published] = await settled(admin, post.id, 20_000);
    expect(published!.status).toBe('published');
    ok(
      await admin.put(`/api/posts/${post.id}/targets/${published!.id}/text`, { text: 'Driftsmelding: løst' }),
      'edit',
    );
    ok(await admin.delete(`/api/posts/${post.id}`), 'delete published');

    // The practice switch: the token is revoked, a post is held back, reconnecting sends it.
    ok(await admin.put('/api/publishing/settings', { requireApproval: false }), 'settings off');
    ok(await admin.post(`/api/channels/${channel.id}/sandbox/revoke`, {}), 'revoke sandbox');
    // Images only: the log names it as a post without text.
    const held = ok(
      await admin.post('/api/posts', {
        channelIds: [channel.id],
        text: '',
        images: [{ data: TINY_PNG.toString('base64'), mimeType: 'image/png', alt: 'Kontoret' }],
      }),
      'held',
    );
    expect((await settled(admin, held.id, 20_000))[0]!.status).toBe('failed');
    ok(
      await admin.put(`/api/channels/${channel.id}/credentials`, { network: 'sandbox', handle: 'fjellnett' }),
      'reconnect',
    );
    expect((await settled(admin, held.id, 20_000))[0]!.status).toBe('published');
    ok(await admin.delete(`/api/channels/${channel.id}`), 'disconnect');

    // Training: a team's own drill imported, imported again, deleted.
    const drill = structuredClone(builtInDrills().get('ambassador-praise')!) as unknown as Record<
      string,
      unknown
    >;
    drill.slug = 'var-lansering';
    ok(await admin.post('/api/training/drills', { file: 'lansering.json', drill }), 'import');
    ok(await admin.post('/api/training/drills', { file: 'lansering.json', drill }), 'import again');
    ok(await admin.delete('/api/training/drills/var-lansering'), 'delete drill');

    // Guidelines: a proposal published, another withdrawn; a rule added, changed, deleted.
    const proposal = ok(await editor.client.post('/api/guidelines/proposals', {}), 'proposal');
    ok(await admin.post(`/api/guidelines/proposals/${proposal.id}/publish`, {}), 'publish');
    const other = ok(
      await editor.client.post('/api/guidelines/proposals', { title: 'Kortere tone' }),
      'proposal 2',
    );
    ok(await editor.client.delete(`/api/guidelines/proposals/${other.id}`), 'withdraw');
    const rule = ok(
      await admin.post('/api/guidelines/rules', {
        kind: 'banned_phrase',
        severity: 'warn',
        params: { phrases: ['garantert gevinst'] },
      }),
      'rule',
    );
    ok(await admin.patch(`/api/guidelines/rules/${rule.id}`, { severity: 'block' }), 'rule changed');
    ok(await admin.delete(`/api/guidelines/rules/${rule.id}`), 'rule deleted');

    // Listening: a monitor created, renamed and paused, its alert rule, a webhook, a feed; then removed.
    const monitor = ok(
      await admin.post('/api/monitors', { name: 'Kontoret', query: 'Tromsø AND kontor' }),
      'monitor',
    );
    ok(
      await admin.patch(`/api/monitors/${monitor.id}`, {
        name: 'Nytt kontor',
        query: 'Tromsø',
        active: false,
      }),
      'monitor changed',
    );
    const hook = ok(
      await admin.post('/api/alert-webhooks', { name: 'Vakt', url: 'http://127.0.0.1:9/hook' }),
      'hook',
    );
    ok(
      await admin.put(`/api/monitors/${monitor.id}/alert-rule`, {
        sensitivity: 'normal',
        emailRecipients: ['vakt@fjellnett.no'],
        webhookIds: [hook.id],
        emailOn: ['opened'],
        webhookOn: ['opened', 'closed'],
      }),
      'alert rule',
    );
    ok(
      await admin.patch(`/api/alert-webhooks/${hook.id}`, { name: 'Vaktlag', active: false }),
      'hook changed',
    );
    ok(await admin.post(`/api/alert-webhooks/${hook.id}/rotate-secret`, {}), 'rotate');
    ok(await admin.delete(`/api/alert-webhooks/${hook.id}`), 'hook deleted');
    ok(await admin.delete(`/api/monitors/${monitor.id}`), 'monitor deleted');
    const feed = ok(await admin.post('/api/feeds', { url: 'http://127.0.0.1:9/nyheter/rss.xml' }), 'feed');
    ok(await admin.delete(`/api/feeds/${feed.id}`), 'feed removed');
    // A mention the lexicon read as praise, set negative by hand.
    await ingest(get().db, orgId, [
      {
        source: 'bluesky',
        id: 'at://did:plc:kari/app.bsky.feed.post/1',
        text: 'Helt fantastisk at strømmen er borte igjen i Tromsø, takk skal dere ha',
        author: 'kari.example',
        publishedAt: new Date(),
      },
    ]);
    const stream = await admin.get<{ mentions: { id: string; sentiment: string }[] }>('/api/mentions');
    expect(stream.body.mentions[0]!.sentiment).toBe('positive');
    ok(
      await admin.patch(`/api/mentions/${stream.body.mentions[0]!.id}`, { sentiment: 'negative' }),
      'sentiment set',
    );

    // Strategy: the plan, an item added, changed and removed, a KPI, a personal plan.
    const plans = await admin.get<{ plans: { id: string; personUserId: string | null }[] }>(
      '/api/strategy/plans',
    );
    const planId = plans.body.plans.find((p) => p.personUserId === null)!.id;
    ok(
      await admin.patch(`/api/strategy/plans/${planId}`, {
        purpose: 'Vise at vi er til stede',
        vision: 'Nær',
      }),
      'plan',
    );
    const goal = ok(
      await admin.post(`/api/strategy/plans/${planId}/goals`, {
        title: 'Synlig kundeservice',
        objective: 'visible_customer_service',
      }),
      'goal',
    );
    ok(await admin.patch(`/api/strategy/goals/${goal.id}`, { title: 'Raskere svar' }), 'goal changed');
    ok(await admin.post(`/api/strategy/goals/${goal.id}/kpis`, { kind: 'ambassadors' }), 'kpi');
    ok(
      await admin.post(`/api/strategy/plans/${planId}/responsibilities`, {
        userId: editor.userId,
        responsibility: 'Svarer kunder',
        hoursPerWeek: 3,
        commitment: 'high',
      }),
      'responsibility',
    );
    ok(await admin.delete(`/api/strategy/goals/${goal.id}`), 'goal removed');
    const personal = ok(
      await admin.post('/api/strategy/plans', { personUserId: editor.userId }),
      'personal plan',
    ) as unknown as {
      plan: { id: string };
    };
    ok(await admin.delete(`/api/strategy/plans/${personal.plan.id}`), 'personal plan deleted');

    const members = await admin.get<{ members: { userId: string; name: string }[] }>('/api/team/members');
    for (const m of members.body.members) names.set(m.userId, m.name);
    const audit = await admin.get<{ entries: Entry[] }>('/api/audit?limit=200');
    // Oldest first.
    entries = audit.body.entries.reverse();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await app?.close();
  });

  const dateTime = (locale: string) => {
    const format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Oslo',
    });
    return (iso: string) => format.format(new Date(iso));
  };
  const line = (locale: string, e: Entry) => {
    const t = translators.get(locale)!;
    return { target: targetText(t, e, names), details: detailsText(t, e, dateTime(locale)) };
  };
  const all = (action: string) => entries.filter((e) => e.action === action);

  it('produces every action the server records, and the audit log knows each by name', () => {
    const inSource = actionsInSource();
    const recorded = new Set(entries.map((e) => e.action));
    expect(
      [...inSource].filter((a) => !recorded.has(a)),
      'recorded in the code, not made by this test',
    ).toEqual([]);
    expect([...inSource].sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect([...recorded].filter((a) => !inSource.has(a))).toEqual([]);
  });

  it('names targets and reads details as phrases in English and Norwegian', () => {
    const read = (locale: string, action: string, nth = 0) => line(locale, all(action)[nth]!);
    expect(read('en', 'monitor.created')).toEqual({
      target: 'Kontoret',
      details: 'Query: Tromsø AND kontor',
    });
    expect(read('nb', 'monitor.created')).toEqual({ target: 'Kontoret', details: 'Søk: Tromsø AND kontor' });
    expect(read('en', 'monitor.updated')).toEqual({
      target: 'Nytt kontor',
      details: 'renamed from “Kontoret” · paused · Changed: on/off, name, query',
    });
    expect(read('nb', 'monitor.updated')).toEqual({
      target: 'Nytt kontor',
      details: 'omdøpt fra «Kontoret» · satt på pause · Endret: av/på, navn, søk',
    });
    expect(read('nb', 'alerts.rule_updated').target).toBe('Nytt kontor');
    expect(read('en', 'feed.added')).toEqual({ target: '127.0.0.1:9/nyheter/rss.xml', details: '' });
    expect(read('en', 'mention.sentiment_set')).toEqual({
      target: '“Helt fantastisk at strømmen er borte igjen i Tromsø, takk skal dere ha”',
      details: 'Sentiment: Positive → Negative',
    });
    expect(read('nb', 'mention.sentiment_set').details).toBe('Stemning: Positiv → Negativ');
    expect(read('de', 'mention.sentiment_set').details).toBe('Stimmung: Positiv → Negativ');
    expect(read('nb', 'guidelines.rule_updated')).toEqual({
      target: 'Uttrykk vi ikke bruker',
      details: 'Når den slår til: Må rettes',
    });
    expect(read('en', 'guidelines.version_published').target).toBe('Version 1');
    const drillTitle = builtInDrills().get('ambassador-praise')!.title;
    for (const action of ['training.drill_imported', 'training.drill_updated', 'training.drill_deleted']) {
      expect(read('nb', action).target).toBe(drillTitle.nb);
      expect(read('de', action).target).toBe(drillTitle.de);
    }
    expect(read('en', 'post.create')).toEqual({
      target: '“Vi åpner nytt kontor i Tromsø i januar, og du er invitert…”',
      details: 'saved as a draft · on 1 channel',
    });
    expect(read('nb', 'post.update')).toEqual({
      target: '«Nytt kontor i Tromsø!»',
      details: 'Endret: tekst',
    });
    expect(read('nb', 'post.reschedule').details).toBe(
      'Endret: tidspunkt · flyttet: uten tidspunkt → 15. jan. 2099, 10:00',
    );
    expect(read('en', 'post.submit').details).toBe('sent for approval');
    expect(read('en', 'post.approve', 0).details).toMatch(/^own post · planned for /);
    expect(read('nb', 'post.retry')).toEqual({ target: '«Driftsmelding»', details: 'på Fjellnett' });
    expect(read('nb', 'post.delete', 0).details).toBe('avbrutt på 1 kanal før publisering');
    expect(read('nb', 'post.delete', 1).details).toBe('slettet fra 1 kanal');
    expect(read('nb', 'post.create', 2).target).toBe('et innlegg uten tekst');
    expect(read('nb', 'channel.connect')).toEqual({
      target: 'Fjellnett',
      details: 'sandkasse (øvelse) · konto fjellnett',
    });
    expect(read('nb', 'channel.reconnect').details).toBe('1 innlegg lagt i kø igjen');
    expect(read('nb', 'channel.slots_updated')).toEqual({ target: 'Fjellnett', details: '2 køtider i uken' });
    expect(read('nb', 'member.removed').target).toBe('viewer person');
    expect(read('de', 'org.updated').details).toBe(
      'Name: Fjellnett · Zeitzone: Europe/Berlin · Standardsprache: Dansk',
    );
    expect(read('nb', 'strategy.personal_plan_created')).toEqual({ target: 'editor person', details: '' });
    expect(read('nb', 'strategy.item_added', 2).target).toBe('editor person');
  });

  it.each(LOCALES)('leaves no target or detail untranslated in %s', (locale) => {
    for (const e of entries) {
      const { target, details } = line(locale, e);
      const what = `${e.action} ${JSON.stringify(e.details)} → ${target} | ${details}`;
      if (!NO_TARGET.has(e.action)) expect(target, what).not.toBe('');
      expect(target, what).not.toMatch(UUID);
      for (const text of [target, details]) for (const raw of RAW) expect(text, what).not.toMatch(raw);
      for (const key of Object.keys(e.details)) expect(details, `${what}: ${key}`).not.toContain(`${key}: `);
    }
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('says the details in its own words in %s', (locale) => {
    const same = entries
      .filter((e) => {
        const en = line('en', e).details;
        return en !== '' && en === line(locale, e).details;
      })
      .map((e) => `${e.action}: ${line('en', e).details}`);
    expect(same).toEqual([]);
  });
});
