// A local stand-in for a Mastodon instance's public timelines and streaming API, for contract tests: the REST
// timelines (public, hashtag) with since_id / max_id / limit paging and Link headers, who boosted a status
// (/api/v1/statuses/:id/reblogged_by, the documented Account list), and the streaming WebSocket
// (/api/v1/streaming, subscribe / unsubscribe messages, update and delete events with the status as a JSON string
// payload), in the documented snake_case wire shapes. Every request and subscribe message is recorded. As on
// Mastodon, boosts are on neither: the public and hashtag timelines leave reblogs out, and the public and hashtag
// streams do not carry them (they go to followers' home timelines), nor their undoing.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { mastodon } from 'masto';
import { type WebSocket, WebSocketServer } from 'ws';

export interface RecordedRequest {
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** masto's camelCase types → Mastodon's snake_case wire. */
export function toWire(value: unknown): Json {
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), toWire(v)]),
    );
  return (value ?? null) as Json;
}

export function account(username: string, host: string, displayName: string): mastodon.v1.Account {
  return {
    id: String(109_000_000_000_000_000n + BigInt(username.length * 7919 + host.length)),
    username,
    acct: host === 'fjord.social' ? username : `${username}@${host}`,
    url: `https://${host}/@${username}`,
    displayName,
    note: '',
    avatar: `https://${host}/avatars/original/missing.png`,
    avatarStatic: `https://${host}/avatars/original/missing.png`,
    header: `https://${host}/headers/original/missing.png`,
    headerStatic: `https://${host}/headers/original/missing.png`,
    locked: false,
    fields: [],
    emojis: [],
    bot: false,
    group: false,
    createdAt: '2024-01-01T00:00:00.000Z',
    lastStatusAt: '2026-01-01',
    statusesCount: 1,
    followersCount: 10,
    followingCount: 5,
    roles: [],
    featureApproval: { automatic: [], manual: [], current_user: 'automatic' },
  } satisfies mastodon.v1.Account;
}

const cmp = (a: string, b: string) =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;

export class MastodonTimelineServer {
  /** The instance's statuses, oldest first. */
  readonly statuses: mastodon.v1.Status[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Streaming connections (URL and offered sub-protocol) and the messages clients sent. */
  readonly streamConnections: Array<{ url: string; protocol: string | undefined }> = [];
  readonly streamMessages: unknown[] = [];
  private readonly subscribers = new Map<WebSocket, Set<string>>();
  /** When set, reblogged_by answers with this HTTP status (a rate limit: 429) instead of the list. */
  rebloggedByFails: number | null = null;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private nextId = 113_000_000_000_000_000n;
  url = '';

  async start(): Promise<void> {
    this.wss = new WebSocketServer({ noServer: true });
    this.server = createServer((req, res) => this.rest(req, res));
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/api/v1/streaming') return void socket.destroy();
      this.wss?.handleUpgrade(req, socket, head, (ws) => {
        this.streamConnections.push({ url: req.url ?? '', protocol: req.headers['sec-websocket-protocol'] });
        const streams = new Set<string>();
        this.subscribers.set(ws, streams);
        ws.on('message', (data) => {
          const msg = JSON.parse(String(data)) as { type: string; stream: string; tag?: string };
          this.streamMessages.push(msg);
          const name = msg.tag ? `${msg.stream}:${msg.tag.toLowerCase()}` : msg.stream;
          if (msg.type === 'subscribe') streams.add(name);
          if (msg.type === 'unsubscribe') streams.delete(name);
        });
        ws.on('close', () => this.subscribers.delete(ws));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get streamingUrl(): string {
    return this.url.replace(/^http/, 'ws');
  }

  private rest(req: IncomingMessage, res: import('node:http').ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ path: url.pathname, query, authorization: req.headers.authorization });
    if (url.pathname === '/api/v2/instance') {
      // The part of the documented Instance entity a streaming client needs.
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      return void res.end(
        JSON.stringify({ domain: 'fjord.social', configuration: { urls: { streaming: this.streamingUrl } } }),
      );
    }
    const boosted = /^\/api\/v1\/statuses\/([^/]+)\/reblogged_by$/.exec(url.pathname);
    if (boosted) {
      // Accounts that boosted a status, newest boost first (limit: default 40, at most 80); 404 for a status the
      // instance does not have (deleted).
      const id = decodeURIComponent(boosted[1]!);
      if (this.rebloggedByFails) {
        res.writeHead(this.rebloggedByFails, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: 'Too many requests' }));
      }
      if (!this.statuses.some((s) => s.id === id && !s.reblog)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: 'Record not found' }));
      }
      const limit = Math.min(80, Number(query.limit ?? 40));
      const by = this.statuses
        .filter((s) => s.reblog?.id === id)
        .reverse()
        .slice(0, limit)
        .map((s) => s.account);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      return void res.end(JSON.stringify(toWire(by)));
    }
    let list: mastodon.v1.Status[];
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
    if (url.pathname === '/api/v1/timelines/public') list = this.statuses.filter((s) => !s.reblog);
    else if (tag) {
      const name = decodeURIComponent(tag[1]!).toLowerCase();
      list = this.statuses.filter((s) => !s.reblog && s.tags.some((t) => t.name.toLowerCase() === name));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'Record not found' }));
    }
    if (query.local === 'true') list = list.filter((s) => !s.account.acct.includes('@'));
    const limit = Math.min(40, Number(query.limit ?? 20));
    let page = list.filter(
      (s) =>
        (!query.since_id || cmp(s.id, query.since_id) > 0) &&
        (!query.max_id || cmp(s.id, query.max_id) < 0) &&
        (!query.min_id || cmp(s.id, query.min_id) > 0),
    );
    // min_id pages forward from the oldest; otherwise the newest come first.
    page = query.min_id ? page.slice(0, limit).reverse() : page.slice(-limit).reverse();
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (page.length > 0) {
      const base = `${this.url}${url.pathname}`;
      headers.link = `<${base}?max_id=${page.at(-1)!.id}>; rel="next", <${base}?min_id=${page[0]!.id}>; rel="prev"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify(toWire(page)));
  }

  /** Publishes a status: stored for the timelines and pushed to matching stream subscribers. */
  publish(
    by: mastodon.v1.Account,
    html: string,
    extra: Partial<mastodon.v1.Status> = {},
  ): mastodon.v1.Status {
    const id = String(this.nextId++);
    const host = new URL(by.url ?? 'https://fjord.social').host;
    // A boost's URI is its Announce activity's, and so is its URL (Mastodon has no page for a boost).
    const uri = `https://${host}/users/${by.username}/statuses/${id}${extra.reblog ? '/activity' : ''}`;
    const status = {
      id,
      uri,
      url: extra.reblog ? uri : `https://${host}/@${by.username}/${id}`,
      createdAt: new Date().toISOString(),
      editedAt: null,
      account: by,
      content: html,
      visibility: 'public',
      sensitive: false,
      spoilerText: '',
      mediaAttachments: [],
      application: { name: 'Web', website: null },
      mentions: [],
      tags: [],
      emojis: [],
      reblogsCount: 0,
      favouritesCount: 0,
      repliesCount: 0,
      quotesCount: 0,
      quoteApproval: { automatic: ['public'], manual: [], currentUser: 'automatic' },
      inReplyToId: null,
      inReplyToAccountId: null,
      reblog: null,
      poll: null,
      card: null,
      language: 'nb',
      ...extra,
    } satisfies mastodon.v1.Status;
    this.statuses.push(status);
    if (status.reblog) return status;
    const local = !by.acct.includes('@');
    const streams = ['public', ...(local ? ['public:local'] : [])];
    for (const t of status.tags) streams.push(`hashtag:${t.name.toLowerCase()}`);
    for (const s of streams) {
      const [stream, tag] = s.split(':');
      this.push(s, {
        stream: tag && stream === 'hashtag' ? ['hashtag', tag] : [s === 'public:local' ? 'public:local' : s],
        event: 'update',
        payload: JSON.stringify(toWire(status)),
      });
    }
    return status;
  }

  /** Deletes a status: gone from the timelines, a delete event (payload: the id) on every stream. */
  remove(id: string): void {
    const i = this.statuses.findIndex((s) => s.id === id);
    const status = this.statuses[i];
    if (!status) return;
    this.statuses.splice(i, 1);
    if (status.reblog) return;
    for (const ws of this.subscribers.keys()) {
      for (const s of this.subscribers.get(ws) ?? [])
        ws.send(JSON.stringify({ stream: s.split(':'), event: 'delete', payload: id }));
    }
  }

  private push(stream: string, message: Record<string, unknown>): void {
    for (const [ws, streams] of this.subscribers) if (streams.has(stream)) ws.send(JSON.stringify(message));
  }

  dropStreams(): void {
    for (const ws of this.subscribers.keys()) ws.terminate();
  }

  async stop(): Promise<void> {
    this.dropStreams();
    this.wss?.close();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
