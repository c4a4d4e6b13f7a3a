// Without a database: the escalation rule (the 30-minute window doubles since the last notice, only while the
// surge holds), the throttle of storm.updated webhooks, and the follow-up emails in each of the four languages.
import { describe, expect, it } from 'vitest';
import type { StormNoticeRow } from '../storms/schema.ts';
import { escalates, UPDATE_WEBHOOK_EVERY_MS, webhookUpdateDue } from './follow-ups.ts';
import { noticeEmail } from './notice-email.ts';

describe('escalation rule', () => {
  it('fires when the window reaches twice the last notice, only in a surge', () => {
    expect(escalates({ notifiedCount: 12, peakCount: 20 }, 23, true)).toBe(false);
    expect(escalates({ notifiedCount: 12, peakCount: 20 }, 24, true)).toBe(true);
    expect(escalates({ notifiedCount: 12, peakCount: 20 }, 40, false)).toBe(false);
    // Storms from before escalations were tracked count from their peak.
    expect(escalates({ notifiedCount: null, peakCount: 20 }, 39, true)).toBe(false);
    expect(escalates({ notifiedCount: null, peakCount: 20 }, 40, true)).toBe(true);
  });

  it('sends storm.updated at most every ten minutes, at once on escalation, only when the rule wants it', () => {
    const openedAt = new Date('2026-03-02T09:00:00Z');
    const at = (ms: number) => new Date(openedAt.getTime() + ms);
    const rule = { emailRecipients: [], webhookIds: ['h'], emailOn: [], webhookOn: ['updated' as const] };
    const storm = { openedAt, updateSentAt: null };
    expect(webhookUpdateDue(rule, storm, at(UPDATE_WEBHOOK_EVERY_MS - 1), false)).toBe(false);
    expect(webhookUpdateDue(rule, storm, at(UPDATE_WEBHOOK_EVERY_MS), false)).toBe(true);
    expect(webhookUpdateDue(rule, storm, at(1_000), true)).toBe(true);
    const sent = { openedAt, updateSentAt: at(UPDATE_WEBHOOK_EVERY_MS) };
    expect(webhookUpdateDue(rule, sent, at(UPDATE_WEBHOOK_EVERY_MS + 60_000), false)).toBe(false);
    expect(webhookUpdateDue({ ...rule, webhookOn: ['opened'] }, storm, at(3_600_000), true)).toBe(false);
    expect(webhookUpdateDue({ ...rule, webhookIds: [] }, storm, at(3_600_000), true)).toBe(false);
    expect(webhookUpdateDue(null, storm, at(3_600_000), true)).toBe(false);
  });
});

describe('follow-up emails', () => {
  const base: StormNoticeRow = {
    id: '11111111-1111-4111-8111-111111111111',
    orgId: '22222222-2222-4222-8222-222222222222',
    alertId: '33333333-3333-4333-8333-333333333333',
    stormId: '44444444-4444-4444-8444-444444444444',
    kind: 'escalated',
    windowCount: 31,
    previousCount: 14,
    expected: 1.2,
    peakCount: 31,
    mentionCount: 45,
    negativeShare: 0.87,
    emailRecipients: ['a@example.no'],
    emailStatus: 'pending',
    emailError: null,
    createdAt: new Date('2026-03-02T09:20:00Z'),
  };
  const storm = {
    monitorName: 'Henrik Dahl',
    openedAt: new Date('2026-03-02T09:00:00Z'),
    lastSurgeAt: new Date('2026-03-02T10:10:00Z'),
  };

  it('says the storm grew, from what to what, in each language', () => {
    const expected: Record<string, RegExp[]> = {
      en: [/^Storm growing: Henrik Dahl \(31 mentions in 30 minutes\)$/, /up from 14 at the last alert/],
      nb: [/^Stormen vokser: Henrik Dahl \(31 omtaler/, /opp fra 14 ved forrige varsel/],
      da: [/^Stormen vokser: Henrik Dahl \(31 omtaler/, /op fra 14 ved sidste varsel/],
      de: [/^Sturm wächst: Henrik Dahl \(31 Erwähnungen/, /nach 14 bei der letzten Meldung/],
    };
    for (const [lang, [subject, body]] of Object.entries(expected)) {
      const mail = noticeEmail(base, storm, lang, 'Europe/Oslo', 'https://stemme.example.no');
      expect(mail.subject, lang).toMatch(subject!);
      expect(mail.text, lang).toMatch(body!);
      expect(mail.text).toContain('87 %');
      expect(mail.text).toContain(`https://stemme.example.no/listen/alerts/${base.alertId}`);
    }
  });

  it('says the storm is over: from when to when, peak and total, in each language', () => {
    const closed = { ...base, kind: 'closed' as const, previousCount: null };
    const expected: Record<string, RegExp[]> = {
      en: [
        /^Storm over: Henrik Dahl$/,
        /ran from Mar 2, 2026, 10:00 AM until Mar 2, 2026, 11:10 AM/,
        /Peak 31 .* 45 mentions in all/,
      ],
      nb: [
        /^Stormen er over: Henrik Dahl$/,
        /varte fra 2\. mars 2026, 10:00 til 2\. mars 2026, 11:10/,
        /Toppen var 31/,
      ],
      da: [/^Stormen er ovre: Henrik Dahl$/, /varede fra/, /45 omtaler i alt/],
      de: [/^Sturm vorbei: Henrik Dahl$/, /dauerte von/, /45 Erwähnungen insgesamt/],
    };
    for (const [lang, patterns] of Object.entries(expected)) {
      const mail = noticeEmail(closed, storm, lang, 'Europe/Oslo');
      expect(mail.subject, lang).toMatch(patterns[0]!);
      for (const p of patterns.slice(1)) expect(mail.text, lang).toMatch(p);
      expect(mail.text).not.toContain('/listen/alerts/');
    }
  });
});
