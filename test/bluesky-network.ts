// A real local Bluesky network for listening tests: PLC directory, PDS and AppView from @atproto/dev-env,
// without the moderation service and the extra PDS that dev-env's full TestNetwork also starts. The AppView
// keeps its tables in a fresh PostgreSQL schema that stop() drops; the PDS keeps its files in a temp dir that
// stop() removes. Start it once per test file.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import pg from 'pg';

export const BLUESKY_TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestAccount {
  did: string;
  handle: string;
  agent: AtpAgent;
  /** Creates a post and returns its at:// URI and record key. */
  post(text: string, extra?: Record<string, unknown>): Promise<{ uri: string; rkey: string; cid: string }>;
  deletePost(rkey: string): Promise<void>;
}

export interface BlueskyTestNetwork {
  plcUrl: string;
  /** http://localhost:PORT; the repo event stream is ws://localhost:PORT/xrpc/com.atproto.sync.subscribeRepos. */
  pdsUrl: string;
  pdsPort: number;
  appviewUrl: string;
  /** How long start took, in milliseconds. */
  startMs: number;
  createAccount(name: string): Promise<TestAccount>;
  /** Waits until the AppView has indexed everything the PDS has sequenced so far. */
  indexed(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startBlueskyNetwork(): Promise<BlueskyTestNetwork> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemme-bsky-'));
  // The AppView accepts only letters and underscores in a schema name.
  const schema = `stemme_bsky_${randomBytes(8)
    .toString('hex')
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x')}`;
  process.env.LOG_ENABLED ??= 'false';
  // CommonJS and heavy; loaded lazily so only the suites that use it pay for it.
  const dev = await import('@atproto/dev-env');
  const getPort = async () => {
    const net = await import('node:net');
    return new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as import('node:net').AddressInfo;
        s.close(() => resolve(port));
      });
      s.on('error', reject);
    });
  };

  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  // Closed in this order: the AppView (its subscription reads the PDS), the PDS, then the directory.
  const closers: { bsky?: () => Promise<void>; pds?: () => Promise<void>; plc?: () => Promise<void> } = {};
  const cleanUp = async () => {
    for (const close of [closers.bsky, closers.pds, closers.plc]) await close?.().catch(() => {});
    await dropSchema(schema);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  let plc: import('@atproto/dev-env').TestPlc;
  let pds: import('@atproto/dev-env').TestPds;
  let bsky: import('@atproto/dev-env').TestBsky;
  try {
    plc = await dev.TestPlc.create({});
    closers.plc = () => plc.close();
    const pdsPort = await getPort();
    bsky = await dev.TestBsky.create({
      port: await getPort(),
      plcUrl: plc.url,
      pdsPort,
      repoProvider: `ws://localhost:${pdsPort}`,
      dbPostgresUrl: BLUESKY_TEST_DATABASE_URL,
      dbPostgresSchema: schema,
      redisHost: '127.0.0.1:6379',
    });
    closers.bsky = () => bsky.close();
    pds = await dev.TestPds.create({
      port: pdsPort,
      didPlcUrl: plc.url,
      bskyAppViewUrl: bsky.url,
      bskyAppViewDid: bsky.ctx.cfg.serverDid,
      dataDirectory: path.join(dir, 'data'),
      blobstoreDiskLocation: path.join(dir, 'blobs'),
      blobstoreDiskTmpLocation: path.join(dir, 'blobs-tmp'),
      crawlers: [],
    });
    closers.pds = () => pds.close();
    // The PDS's .test handles are not in DNS: the AppView asks the PDS for them instead.
    dev.mockNetworkUtilities(pds, bsky);
  } catch (err) {
    await cleanUp();
    throw err;
  }
  const startMs = performance.now() - started;

  let n = 0;
  return {
    plcUrl: plc.url,
    pdsUrl: pds.url,
    pdsPort: pds.port,
    appviewUrl: bsky.url,
    startMs,
    async createAccount(name) {
      const handle = `${name}${++n}.test`;
      const agent = new AtpAgent({ service: pds.url });
      const created = await agent.createAccount({
        handle,
        email: `${name}${n}@example.test`,
        password: randomBytes(12).toString('hex'),
      });
      const did = created.data.did;
      return {
        did,
        handle,
        agent,
        async post(text, extra = {}) {
          const res = await agent.com.atproto.repo.createRecord({
            repo: did,
            collection: 'app.bsky.feed.post',
            record: { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString(), ...extra },
          });
          const rkey = res.data.uri.split('/').pop() ?? '';
          return { uri: res.data.uri, rkey, cid: res.data.cid };
        },
        async deletePost(rkey) {
          await agent.com.atproto.repo.deleteRecord({ repo: did, collection: 'app.bsky.feed.post', rkey });
        },
      };
    },
    async indexed(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      const last = await pds.ctx.sequencer.curr();
      if (!last) return;
      while (Date.now() < deadline) {
        await bsky.sub.processAll();
        const at = await bsky.sub.runner.getCursor();
        if (at && at >= last) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`the AppView did not index up to seq ${last} within ${timeoutMs} ms`);
    },
    async stop() {
      await cleanUp();
    },
  };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: BLUESKY_TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/**
 * A TCP proxy in front of a local server, to break connections on purpose: dropAll() resets every open
 * connection, refuse(true) resets new ones as they arrive (the server seems down) until refuse(false).
 */
export interface TcpProxy {
  url(scheme?: string): string;
  connections: number;
  dropAll(): void;
  refuse(on: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const net = await import('node:net');
  const open = new Set<import('node:net').Socket>();
  let refusing = false;
  const proxy = {
    connections: 0,
    url: (scheme = 'http') => `${scheme}://127.0.0.1:${port}`,
    dropAll() {
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    refuse(on: boolean) {
      refusing = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        proxy.dropAll();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    proxy.connections++;
    const upstream = net.connect(targetPort, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as import('node:net').AddressInfo).port;
  return proxy;
}

/** Polls until the check passes, or fails with the message after the timeout. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
