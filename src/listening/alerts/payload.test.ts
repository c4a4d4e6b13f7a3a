// Webhook signatures and the alert email, without a database: the signature covers timestamp and exact body and
// refuses stale timestamps; the email says what, how big, why and the top posts in the organisation's language.
import { describe, expect, it } from 'vitest';
import type { StormAlertRow } from '../storms/schema.ts';
import { alertEmail } from './email.ts';
import { sign, verify } from './payload.ts';

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const body = '{"event":"storm.opened","alert":{"count":14}}';
  it('verifies the exact body within the tolerance and nothing else', () => {
    const now = 1_780_000_000;
    const header = sign(secret, body, now);
    expect(header).toMatch(/^t=1780000000,v1=[0-9a-f]{64}$/);
    expect(verify(secret, body, header, now + 10)).toBe(true);
    expect(verify(secret, `${body} `, header, now)).toBe(false);
    expect(verify('whsec_other', body, header, now)).toBe(false);
    expect(verify(secret, body, header, now + 301)).toBe(false);
    expect(verify(secret, body, undefined, now)).toBe(false);
    expect(verify(secret, body, 't=abc,v1=00', now)).toBe(false);
  });
});

describe('alert email', () => {
  const alert: StormAlertRow = {
    id: '11111111-1111-4111-8111-111111111111',
    orgId: '22222222-2222-4222-8222-222222222222',
    stormId: '33333333-3333-4333-8333-333333333333',
    monitorId: '44444444-4444-4444-8444-444444444444',
    monitorName: 'Henrik Dahl',
    count: 14,
    expected: 1.2,
    negativeShare: 0.93,
    baselineNegativeShare: 0.2,
    reasons: [
      { kind: 'volume', count: 14, expected: 1.2, ratio: 11.7, z: 11.7 },
      { kind: 'negative', share: 0.93, baselineShare: 0.2, negatives: 13 },
      { kind: 'influential', authors: [{ name: 'Marte Teknologi', weight: 9 }] },
    ],
    topPosts: [
      {
        mentionId: 'm1',
        source: 'bluesky',
        author: 'Marte Teknologi',
        text: 'Henrik Dahl er arrogant om nettnøytralitet.',
        url: 'https://bsky.app/x',
        sentiment: 'negative',
        at: '2026-03-02T09:01:00.000Z',
        authorWeight: 9,
      },
    ],
    emailStatus: 'pending',
    emailError: null,
    emailRecipients: ['a@example.no'],
    createdAt: new Date('2026-03-02T09:02:00Z'),
  };

  it('says what, how big, why and the top posts, in each of the four languages', () => {
    const expectations: Record<string, RegExp[]> = {
      en: [/Storm alert: Henrik Dahl \(14 mentions/, /about 1\.2 are usual/, /influential voices/],
      nb: [/Stormvarsel: Henrik Dahl \(14 omtaler/, /rundt 1\.2/, /innflytelsesrike stemmer/],
      da: [/Stormvarsel: Henrik Dahl \(14 omtaler/, /omkring 1\.2/, /indflydelsesrige stemmer/],
      de: [/Sturmwarnung: Henrik Dahl \(14 Erwähnungen/, /etwa 1\.2/, /einflussreiche Stimmen/],
    };
    for (const [lang, patterns] of Object.entries(expectations)) {
      const mail = alertEmail(alert, lang, 'Europe/Oslo', 'https://stemme.example.no/');
      const all = `${mail.subject}\n${mail.text}`;
      for (const p of patterns) expect(all, lang).toMatch(p);
      expect(mail.text).toContain('93 %');
      expect(mail.text).toContain('Marte Teknologi (bluesky): Henrik Dahl er arrogant');
      expect(mail.text).toContain(`https://stemme.example.no/listen/alerts/${alert.id}`);
    }
  });
});
