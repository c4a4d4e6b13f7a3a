// A local stand-in for a Jetstream instance (and the PLC directory its DIDs resolve through), for contract tests:
// it speaks Jetstream's documented protocol — GET /subscribe upgraded to a WebSocket, `wantedCollections` and
// `cursor` (unix microseconds) in the query, JSON events of kind commit / identity / account — and records every
// subscribe request. No Jetstream server runs from npm.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** The event shapes from Jetstream's README. */
export type JetstreamEvent =
  | {
      did: string;
      time_us: number;
      kind: 'commit';
      commit:
        | {
            rev: string;
            operation: 'create' | 'update';
            collection: string;
            rkey: string;
            record: Record<string, unknown>;
            cid: string;
          }
        | { rev: string; operation: 'delete'; collection: string; rkey: string };
    }
  | {
      did: string;
      time_us: number;
      kind: 'identity';
      identity: { did: string; handle?: string; seq: number; time: string };
    }
  | {
      did: string;
      time_us: number;
      kind: 'account';
      account: { active: boolean; did: string; seq: number; time: string; status?: string };
    };

export class JetstreamContractServer {
  readonly log: JetstreamEvent[] = [];
  /** The query of every subscribe request, in order. */
  readonly requests: URLSearchParams[] = [];
  readonly didDocuments = new Map<string, Record<string, unknown>>();
  private readonly clients = new Map<WebSocket, { collections: string[] }>();
  /** The most subscribers connected at the same time. */
  maxOpen = 0;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private refusing = false;
  private clock = 1_764_000_000_000_000;
  private seq = 1000;
  url = '';

  async start(): Promise<void> {
    this.wss = new WebSocketServer({ noServer: true });
    this.server = createServer((req, res) => {
      // The PLC directory: GET /<did> answers the DID document.
      const did = decodeURIComponent((req.url ?? '/').slice(1));
      const doc = this.didDocuments.get(did);
      res.writeHead(doc ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(doc ?? { message: 'DID not registered' }));
    });
    this.server.on('upgrade', (req: IncomingMessage, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (this.refusing || url.pathname !== '/subscribe') {
        socket.destroy();
        return;
      }
      this.wss?.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url.searchParams));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get plcUrl(): string {
    return this.url.replace(/^ws/, 'http');
  }

  private accept(ws: WebSocket, query: URLSearchParams): void {
    this.requests.push(query);
    const collections = query.getAll('wantedCollections');
    this.clients.set(ws, { collections });
    this.maxOpen = Math.max(this.maxOpen, this.clients.size);
    ws.on('close', () => this.clients.delete(ws));
    // Playback: everything at or after the cursor; without a cursor the stream starts live.
    const cursor = query.get('cursor');
    if (cursor !== null) {
      for (const evt of this.log) if (evt.time_us >= Number(cursor)) this.send(ws, collections, evt);
    }
  }

  private send(ws: WebSocket, collections: string[], evt: JetstreamEvent): void {
    if (evt.kind === 'commit' && collections.length > 0 && !collections.includes(evt.commit.collection))
      return;
    ws.send(JSON.stringify(evt));
  }

  /** Registers an account in the directory (a DID document with its handle). */
  account(did: string, handle: string): void {
    this.didDocuments.set(did, {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      alsoKnownAs: [`at://${handle}`],
      verificationMethod: [],
      service: [
        { id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: 'https://pds.example' },
      ],
    });
  }

  /** Clients connected now. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** Appends an event (time_us set by the server's clock, a millisecond apart) and sends it to live clients. */
  emit(evt: DistributiveOmit<JetstreamEvent, 'time_us'>): JetstreamEvent {
    this.clock += 1000;
    const full = { ...evt, time_us: this.clock } as JetstreamEvent;
    this.log.push(full);
    for (const [ws, c] of this.clients) this.send(ws, c.collections, full);
    return full;
  }

  /** A record created in a repo (its $type is the collection). */
  create(did: string, collection: string, rkey: string, record: Record<string, unknown>): JetstreamEvent {
    return this.emit({
      did,
      kind: 'commit',
      commit: {
        rev: `3l${rkey}`,
        operation: 'create',
        collection,
        rkey,
        record: { $type: collection, ...record },
        cid: `bafyrei${rkey}`,
      },
    });
  }

  post(did: string, rkey: string, text: string, extra: Record<string, unknown> = {}): JetstreamEvent {
    return this.create(did, 'app.bsky.feed.post', rkey, {
      createdAt: new Date().toISOString(),
      text,
      ...extra,
    });
  }

  /** A repost record ({ subject: { uri, cid }, createdAt }) in the reposter's repo, as Jetstream sends it. */
  repost(
    did: string,
    rkey: string,
    subject: { uri: string; cid: string },
    createdAt = new Date().toISOString(),
  ): JetstreamEvent {
    return this.create(did, 'app.bsky.feed.repost', rkey, { subject, createdAt });
  }

  /** A record deleted from its repo (a delete commit carries no record and no cid). */
  deleteRecord(did: string, collection: string, rkey: string): JetstreamEvent {
    return this.emit({
      did,
      kind: 'commit',
      commit: { rev: `3ld${rkey}`, operation: 'delete', collection, rkey },
    });
  }

  nextSeq(): number {
    return ++this.seq;
  }

  dropAll(): void {
    for (const ws of this.clients.keys()) ws.terminate();
  }

  refuse(on: boolean): void {
    this.refusing = on;
  }

  async stop(): Promise<void> {
    this.dropAll();
    this.wss?.close();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
