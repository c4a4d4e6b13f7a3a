import { describe, expect, it } from 'vitest';
import { normalisePostRecord } from './record.ts';

const seenAt = new Date('2026-11-24T12:00:00Z');
const parent = 'at://did:plc:kari/app.bsky.feed.post/3kaa1';
const quoted = 'at://did:plc:ola/app.bsky.feed.post/3kbb2';
const ref = (uri: string) => ({ uri, cid: 'bafyreib2rxk3rh6kzwq' });

describe('normalisePostRecord', () => {
  it('keeps what a post replies to and what it quotes, for stories and influence', () => {
    const post = normalisePostRecord(
      {
        did: 'did:plc:jonas',
        rkey: '3kcc3',
        seenAt,
        record: {
          $type: 'app.bsky.feed.post',
          text: 'Enig med deg',
          createdAt: '2026-11-24T11:59:00Z',
          reply: { root: ref(parent), parent: ref(parent) },
          embed: {
            $type: 'app.bsky.embed.recordWithMedia',
            record: { $type: 'app.bsky.embed.record', record: ref(quoted) },
            media: { $type: 'app.bsky.embed.images', images: [] },
          },
        },
      },
      { handle: 'jonas.test', displayName: 'Jonas' },
    );
    expect(post).toMatchObject({ replyTo: parent, quoteOf: quoted, author: 'jonas.test' });
    expect(post?.links).toContain('https://bsky.app/profile/did:plc:ola/post/3kbb2');
  });

  it('leaves both empty for a plain post, and ignores a quoted record that is not a post', () => {
    const post = normalisePostRecord(
      {
        did: 'did:plc:jonas',
        rkey: '3kdd4',
        seenAt,
        record: {
          text: 'Hei',
          createdAt: '2026-11-24T11:59:00Z',
          embed: { $type: 'app.bsky.embed.record', record: ref('at://did:plc:ola/app.bsky.graph.list/x') },
        },
      },
      undefined,
    );
    expect(post).toMatchObject({ replyTo: null, quoteOf: null });
  });
});
