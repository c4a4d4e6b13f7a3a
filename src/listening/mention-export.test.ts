// The mentions stream as CSV over real HTTP on PGlite and PostgreSQL: columns and content (who set a sentiment,
// the monitors, the story), quoting that a CSV reader reads back exactly (quotes, commas, line breaks, æøå) and
// cells a spreadsheet would run as formulas made text; the same filters as /api/mentions; a viewer may export;
// another organisation sees none of it; and an export over the cap says where it was cut.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { addMember, adminInAnotherOrg, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import type { App } from '../http/app.ts';
import { MENTION_CSV_COLUMNS, mentionsCsv } from './mention-export.ts';
import { type IncomingPost, ingest } from './pipeline.ts';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const ARTICLE = 'https://nyheter.example/fjellvind-pris';

/** A strict RFC 4180 reader: every cell quoted (as the export writes them), CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const row: string[] = [];
    for (;;) {
      expect(text[i], `a quoted cell at ${i}`).toBe('"');
      let cell = '';
      i++;
      for (;;) {
        const c = text[i];
        if (c === undefined) throw new Error('unterminated cell');
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          cell += c;
          i++;
        }
      }
      row.push(cell);
      if (text[i] === ',') {
        i++;
        continue;
      }
      expect(text.slice(i, i + 2), `a record ends with CRLF at ${i}`).toBe('\r\n');
      i += 2;
      break;
    }
    rows.push(row);
  }
  return rows;
}

/** The export's records after the BOM and the header, checked; each as an object by column. */
function records(body: string): Record<string, string>[] {
  const header = `\uFEFF${MENTION_CSV_COLUMNS.join(',')}\r\n`;
  expect(body.slice(0, header.length)).toBe(header);
  const text = body.slice(header.length);
  return parseCsv(text).map((r) => Object.fromEntries(MENTION_CSV_COLUMNS.map((c, i) => [c, r[i] ?? ''])));
}

const POSTS: IncomingPost[] = [
  {
    source: 'bluesky',
    id: 'at://did:plc:kari/app.bsky.feed.post/e1',
    author: 'kari.example',
    text: `Fjellvind sier "vi senker prisen", men kundene i Tromsø, Bodø og Alta venter.\nHelt fantastisk, takk skal dere ha! ${ARTICLE}`,
    links: [ARTICLE],
    lang: 'nb',
    publishedAt: ago(1 * HOUR),
  },
  {
    source: 'mastodon',
    id: 'https://social.example/users/hans/statuses/e2',
    url: 'https://social.example/@hans/e2',
    author: '@hans@social.example',
    text: '=HYPERLINK("http://evil.example","Fjellvind") klikk her',
    lang: 'nb',
    publishedAt: ago(2 * HOUR),
  },
  {
    source: 'mastodon',
    id: 'https://social.example/users/greta/statuses/e3',
    url: 'https://social.example/@greta/e3',
    author: 'greta@social.example',
    text: 'Fjellvind macht einen großartigen Job, wir sind sehr zufrieden.',
    lang: 'de',
    publishedAt: ago(30 * HOUR),
  },
  {
    source: 'bluesky',
    id: 'at://did:plc:per/app.bsky.feed.post/e4',
    author: 'per.example',
    text: '+47 kunder uten strøm i natt, sier Fjellvind. Skandale.',
    lang: 'nb',
    publishedAt: ago(3 * HOUR),
  },
];

describeEachDb('mentions as CSV', (get) => {
  let app: App;
  let admin: Client;
  let viewer: Client;
  let outsider: Client;
  let orgId: string;
  let monitorId: string;
  let storyOfFirst: string;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin, orgId } = await onboardAdmin(app));
    ({ client: viewer } = await addMember(app, admin, 'viewer', 'vera@example.no'));
    outsider = await adminInAnotherOrg(app);
    const fjellvind = await admin.post<{ id: string }>('/api/monitors', {
      name: 'Fjellvind',
      query: 'Fjellvind',
    });
    const kunder = await admin.post<{ id: string }>('/api/monitors', { name: 'Kunder', query: 'kunde*' });
    expect([fjellvind.status, kunder.status]).toEqual([201, 201]);
    monitorId = kunder.body.id;
    await ingest(get().db, orgId, POSTS);
    const list = await viewer.get<{ mentions: { id: string; text: string }[] }>('/api/mentions?q=takk skal');
    const first = list.body.mentions[0]!;
    const set = await admin.patch<{ storyId: string }>(`/api/mentions/${first.id}`, {
      sentiment: 'negative',
    });
    expect(set.status).toBe(200);
    storyOfFirst = set.body.storyId;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('exports every column, read back exactly, newest first, formulas made text; a viewer may', async () => {
    const res = await viewer.get<string>('/api/mentions/export.csv');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/csv; charset=utf-8/);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="stemme-mentions-/);
    expect(res.body.slice(1).split('\r\n')[0]).toBe(
      'time,source,author,title,text,url,language,sentiment,sentiment_set_by,monitors,story_id',
    );
    const rows = records(res.body);
    expect(rows.map((r) => r.author)).toEqual([
      'kari.example',
      "'@hans@social.example",
      'per.example',
      'greta@social.example',
    ]);
    const [kari, hans, per, greta] = rows;
    expect(kari).toEqual({
      time: POSTS[0]!.publishedAt!.toISOString(),
      source: 'bluesky',
      author: 'kari.example',
      title: '',
      text: POSTS[0]!.text,
      url: expect.any(String),
      language: 'nb',
      sentiment: 'negative',
      sentiment_set_by: 'Ingrid Admin',
      monitors: 'Fjellvind;Kunder',
      story_id: storyOfFirst,
    });
    expect(kari!.text).toContain('\n');
    expect(kari!.text).toContain('"vi senker prisen"');
    // Cells a spreadsheet would run: a leading ' makes them text.
    expect(hans!.text).toBe(`'${POSTS[1]!.text}`);
    expect(hans!.url).toBe('https://social.example/@hans/e2');
    expect(per!.text).toBe(`'${POSTS[3]!.text}`);
    expect(per!.sentiment_set_by).toBe('');
    expect(greta).toMatchObject({ language: 'de', monitors: 'Fjellvind', source: 'mastodon' });
    expect(greta!.story_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes the filters of the mentions stream', async () => {
    const authors = async (query: string) => {
      const res = await viewer.get<string>(`/api/mentions/export.csv?${query}`);
      expect(res.status, `${query}: ${res.body}`).toBe(200);
      return records(res.body).map((r) => r.author);
    };
    expect(await authors('source=mastodon')).toEqual(["'@hans@social.example", 'greta@social.example']);
    expect(await authors('lang=de')).toEqual(['greta@social.example']);
    expect(await authors('sentiment=negative')).toContain('kari.example');
    expect(await authors('sentiment=negative')).not.toContain('greta@social.example');
    expect(await authors(`monitor=${monitorId}`)).toEqual(['kari.example', 'per.example']);
    expect(await authors(`from=${encodeURIComponent(ago(10 * HOUR).toISOString())}`)).toHaveLength(3);
    expect(await authors(`to=${encodeURIComponent(ago(10 * HOUR).toISOString())}`)).toEqual([
      'greta@social.example',
    ]);
    expect(await authors('author=hans')).toEqual(["'@hans@social.example"]);
    expect(await authors('q=skandale')).toEqual(['per.example']);
    expect(await authors('q=finnes+ikke')).toEqual([]);
    const bad = await viewer.get<{ message: string }>('/api/mentions/export.csv?sentiment=sint');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('sentiment');
  });

  it('keeps organisations apart', async () => {
    const mine = await outsider.get<string>('/api/mentions/export.csv');
    expect(mine.status).toBe(200);
    expect(records(mine.body)).toEqual([]);
    const theirs = await outsider.get(`/api/mentions/export.csv?monitor=${monitorId}`);
    expect(theirs.status).toBe(404);
  });

  it('says where it was cut when the filters hold more than the cap', async () => {
    const read = async (cap: number) => {
      let text = '';
      for await (const piece of await mentionsCsv(get().db, orgId, {}, cap)) text += piece;
      return parseCsv(text.slice(1 + MENTION_CSV_COLUMNS.join(',').length + 2));
    };
    const cut = await read(2);
    expect(cut).toHaveLength(3);
    expect(cut[2]).toEqual([
      'cut at 2 rows: the filters hold more; narrow them (time, monitor) for the rest',
    ]);
    expect(cut.slice(0, 2).map((r) => r[2])).toEqual(['kari.example', "'@hans@social.example"]);
    // Exactly the cap: all of it, and no cut line.
    const whole = await read(4);
    expect(whole).toHaveLength(4);
    expect(whole.every((r) => r.length === MENTION_CSV_COLUMNS.length)).toBe(true);
  });
});
