// A real Bluesky PDS for tests and benchmarks: a local PLC directory (in memory) and an @atproto/pds on free
// ports, with its SQLite files and blobs in a temp dir that is removed on stop. Starts in about two seconds.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';

export interface LocalPds {
  /** The PDS's base URL, what a user would type as "PDS URL". */
  url: string;
  plcUrl: string;
  /** Called before the PDS handles each request (crash trials kill a client the moment its write arrives). */
  onRequest(listener: (method: string, url: string) => void): void;
  /** Creates an account (handle must end in .test) and an app password for it. */
  createAccount(
    name: string,
  ): Promise<{ did: string; handle: string; password: string; appPassword: string }>;
  stop(): Promise<void>;
}

/** A secp256k1 private key as 64 hex digits, the form the PDS wants for its PLC rotation key. */
function k256PrivateKeyHex(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.d) throw new Error('no private scalar in the generated key');
  return Buffer.from(jwk.d, 'base64url').toString('hex').padStart(64, '0');
}

export async function startLocalPds(): Promise<LocalPds> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemme-pds-'));
  // The PDS and its libraries write temp files through os.tmpdir(); keep them inside our dir.
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  process.env.LOG_ENABLED ??= 'false';
  process.env.PDS_DEV_MODE = 'true';
  // CommonJS packages; loaded lazily so suites that do not need a PDS do not pay for them.
  const plc = await import('@did-plc/server');
  const pds = await import('@atproto/pds');

  const plcServer = plc.PlcServer.create({ db: plc.Database.mock(), port: 0 });
  const plcListener = await plcServer.start();
  const plcUrl = `http://localhost:${(plcListener.address() as AddressInfo).port}`;

  // The PDS must know its own port before it starts (it is part of its DID document and public URL).
  const port = await freeTcpPort();
  const env = {
    devMode: true,
    port,
    hostname: 'localhost',
    dataDirectory: dir,
    blobstoreDiskLocation: path.join(dir, 'blobs'),
    blobstoreDiskTmpLocation: path.join(dir, 'blobs-tmp'),
    didPlcUrl: plcUrl,
    serviceHandleDomains: ['.test'],
    inviteRequired: false,
    jwtSecret: randomBytes(16).toString('hex'),
    adminPassword: randomBytes(16).toString('hex'),
    plcRotationKeyK256PrivateKeyHex: k256PrivateKeyHex(),
    // No AppView, crawlers or moderation service: nothing may leave this machine.
    crawlers: [],
    rateLimitsEnabled: false,
  } satisfies import('@atproto/pds').ServerEnvironment;
  const server = await pds.PDS.create(pds.envToCfg(env), pds.envToSecrets(env));
  const http = await server.start();
  const url = `http://localhost:${port}`;

  let n = 0;
  return {
    url,
    plcUrl,
    onRequest(listener) {
      // Prepended, so it runs before the PDS's own handler has read a byte of the request.
      http.prependListener('request', (req: { method?: string; url?: string }) =>
        listener(req.method ?? '', req.url ?? ''),
      );
    },
    async createAccount(name) {
      const handle = `${name}${++n}.test`;
      const password = randomBytes(12).toString('hex');
      const agent = new AtpAgent({ service: url });
      const created = await agent.createAccount({ handle, email: `${name}${n}@example.test`, password });
      const appPassword = await agent.com.atproto.server.createAppPassword({ name: 'stemme' });
      return { did: created.data.did, handle, password, appPassword: appPassword.data.password };
    },
    async stop() {
      await server.destroy();
      await plcServer.destroy();
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freeTcpPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
