// The audit log's lines for alert rules and webhooks, in every UI language: the entries are made by the real API
// (rule saved twice, webhook added, edited, its secret replaced, removed) and read back from /api/audit, then
// rendered by the audit log's own detailsText with the bundled translations. Every recorded field must come out
// in the language's words: a field shown as the raw `key: value` fallback, an i18n key or a raw event or
// boolean fails, so a field added to these audit entries later fails here until it is translated.
import type { TFunction } from 'i18next';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.ts';
import { type Client, onboardAdmin, testApp } from '../../../test/http.ts';
import { translators as loadTranslators } from '../../../test/i18n.ts';
import { LOCALES } from '../../../web/src/api.ts';
import { detailsText, targetText } from '../../../web/src/pages/settings/auditText.ts';
import type { App } from '../../http/app.ts';

interface Entry {
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

const RAW_VALUES = /\b(opened|escalated|updated|closed|true|false)\b/;

describeEachDb('audit log lines of alert rules and webhooks', (get) => {
  let app: App;
  let admin: Client;
  let entries: Entry[];
  let translators: Map<string, TFunction>;

  beforeAll(async () => {
    translators = await loadTranslators();

    app = await testApp(get(), { allowPrivateNetworks: true });
    ({ admin } = await onboardAdmin(app));
    const monitor = await admin.post<{ id: string }>('/api/monitors', {
      name: 'Nettnøytralitet',
      query: 'nettnøytralitet',
    });
    const hook = await admin.post<{ id: string }>('/api/alert-webhooks', {
      name: 'Vakt',
      url: 'http://127.0.0.1:9/first',
    });
    expect(hook.status).toBe(201);
    const rule = `/api/monitors/${monitor.body.id}/alert-rule`;
    const first = await admin.put(rule, {
      sensitivity: 'high',
      emailRecipients: ['vakt@fjellnett.no', 'leder@fjellnett.no'],
      webhookIds: [hook.body.id],
      emailOn: ['opened', 'escalated', 'closed'],
      webhookOn: ['opened', 'updated'],
    });
    expect(first.status).toBe(200);
    const second = await admin.put(rule, {
      sensitivity: 'low',
      emailRecipients: ['vakt@fjellnett.no'],
      webhookIds: [],
      emailOn: [],
    });
    expect(second.status).toBe(200);
    const hookPath = `/api/alert-webhooks/${hook.body.id}`;
    const edited = await admin.patch(hookPath, {
      name: 'Kommunikasjonsvakt',
      url: 'http://127.0.0.1:9/second',
      active: false,
    });
    expect(edited.status).toBe(200);
    expect((await admin.post(`${hookPath}/rotate-secret`, {})).status).toBe(200);
    expect((await admin.delete(hookPath)).status).toBeLessThan(300);
    const audit = await admin.get<{ entries: Entry[] }>('/api/audit?limit=50');
    // Oldest first.
    entries = audit.body.entries.filter((e) => e.action.startsWith('alerts.')).reverse();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const lines = (locale: string) =>
    entries.map((e) => detailsText(translators.get(locale)!, e, (iso) => iso));
  const targets = (locale: string) => entries.map((e) => targetText(translators.get(locale)!, e, new Map()));

  it('names every field and value of the alert entries in English and Norwegian', () => {
    expect(entries.map((e) => e.action)).toEqual([
      'alerts.webhook_created',
      'alerts.rule_updated',
      'alerts.rule_updated',
      'alerts.webhook_updated',
      'alerts.webhook_secret_rotated',
      'alerts.webhook_deleted',
    ]);
    // The Target column names the webhook, or the monitor the rule is for (not an id).
    expect(targets('en')).toEqual([
      'Vakt',
      'Nettnøytralitet',
      'Nettnøytralitet',
      'Kommunikasjonsvakt',
      'Kommunikasjonsvakt',
      'Kommunikasjonsvakt',
    ]);
    expect(lines('en')).toEqual([
      'address: 127.0.0.1:9',
      'Sensitivity: high · 2 email recipients · 1 webhook · Email on: start, marked growth, end · Webhooks get: start, updates',
      'Sensitivity: low · 1 email recipient · 0 webhooks · Email on: nothing · Webhooks get: start, updates',
      'renamed from “Vakt” · address: 127.0.0.1:9 · paused',
      '',
      '',
    ]);
    expect(lines('nb')).toEqual([
      'adresse: 127.0.0.1:9',
      'Følsomhet: høy · 2 e-postmottakere · 1 webhook · E-post ved: start, kraftig vekst, slutt · Webhookene får: start, oppdateringer',
      'Følsomhet: lav · 1 e-postmottaker · 0 webhooks · E-post ved: ingenting · Webhookene får: start, oppdateringer',
      'omdøpt fra «Vakt» · adresse: 127.0.0.1:9 · satt på pause',
      '',
      '',
    ]);
  });

  it.each(LOCALES)('leaves no field untranslated in %s', (locale) => {
    const en = lines('en');
    lines(locale).forEach((line, i) => {
      const { action, details } = entries[i]!;
      for (const key of Object.keys(details)) {
        // Ids are left out on purpose; anything else shown as `key: value` is untranslated.
        if (key.endsWith('Id')) continue;
        expect(line, `${action} ${key}`).not.toContain(`${key}: `);
      }
      expect(line, action).not.toMatch(/\b(settings|listen|audit)\.[a-z]/);
      expect(line, action).not.toMatch(RAW_VALUES);
      if (locale !== 'en' && Object.keys(details).some((k) => k !== 'name' && k !== 'monitor'))
        expect(line, `${action} in ${locale}`).not.toBe(en[i]);
    });
  });
});
