// The SSRF guard against real local HTTP servers: refused by default, pinned to the checked address,
// and re-checked on every redirect.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl, classifyAddress, type HostResolver, safeRequest, UnsafeUrlError } from './ssrf.ts';

let server: http.Server;
let base: string;
let port: number;
const seenHosts: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seenHosts.push(req.headers.host ?? '');
    if (req.url === '/hop') {
      res.writeHead(302, { location: '/ok' }).end();
    } else if (req.url === '/loop') {
      res.writeHead(302, { location: '/loop' }).end();
    } else if (req.url === '/to-private') {
      res.writeHead(302, { location: 'http://10.0.0.1/internal' }).end();
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`ok ${req.headers.authorization ?? ''}`);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function text(res: { body: NodeJS.ReadableStream }): Promise<string> {
  let s = '';
  for await (const chunk of res.body) s += chunk.toString();
  return s;
}

async function refusal(p: Promise<unknown>): Promise<UnsafeUrlError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnsafeUrlError);
  return err as UnsafeUrlError;
}

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['64:ff9b::a00:1', 'reserved'],
    ['2002:a00:1::', 'reserved'],
  ])('%s is %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it('lets public unicast through', () => {
    expect(classifyAddress('8.8.8.8')).toBeNull();
    expect(classifyAddress('2606:4700:4700::1111')).toBeNull();
  });
});

describe('checkUrl', () => {
  it('refuses loopback by default, with a readable reason naming the class', async () => {
    const err = await refusal(checkUrl(`${base}/ok`));
    expect(err.reason).toBe('address');
    expect(err.addressClass).toBe('loopback');
    expect(err.message).toMatch(/127\.0\.0\.1, a loopback address/);
  });

  it('refuses localhost by name and obfuscated IPv4 forms', async () => {
    expect((await refusal(checkUrl('http://localhost/'))).addressClass).toBe('loopback');
    expect((await refusal(checkUrl('http://0x7f.1/'))).addressClass).toBe('loopback');
    expect((await refusal(checkUrl('http://2130706433/'))).addressClass).toBe('loopback');
    expect((await refusal(checkUrl('http://[::ffff:7f00:1]/'))).addressClass).toBe('loopback');
  });

  it('refuses other schemes and bad URLs', async () => {
    expect((await refusal(checkUrl('file:///etc/passwd'))).reason).toBe('scheme');
    expect((await refusal(checkUrl('gopher://example.com/'))).reason).toBe('scheme');
    expect((await refusal(checkUrl('not a url'))).reason).toBe('invalid_url');
  });

  it('refuses a host when any of its records is private', async () => {
    const resolve: HostResolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    const err = await refusal(checkUrl('http://mixed.example/', { resolve }));
    expect(err.address).toBe('10.0.0.5');
  });

  it('refuses cloud metadata even when private networks are allowed', async () => {
    const err = await refusal(checkUrl('http://169.254.169.254/latest/meta-data/', { allowPrivate: true }));
    expect(err.addressClass).toBe('cloud metadata');
    const resolve: HostResolver = async () => [{ address: '169.254.169.254', family: 4 }];
    await refusal(checkUrl('http://metadata.google.internal/', { allowPrivate: true, resolve }));
    const allowed = await checkUrl('http://169.254.169.254/', { allowedAddresses: ['169.254.169.254'] });
    expect(allowed.addresses[0]?.address).toBe('169.254.169.254');
  });

  it('accepts a public host', async () => {
    const resolve: HostResolver = async () => [{ address: '93.184.216.34', family: 4 }];
    const checked = await checkUrl('https://public.example/feed', { resolve });
    expect(checked.addresses).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });

  it('reports an unresolvable host', async () => {
    const resolve: HostResolver = async () => {
      throw new Error('ENOTFOUND');
    };
    expect((await refusal(checkUrl('http://nowhere.invalid/', { resolve }))).reason).toBe('unresolvable');
  });
});

describe('safeRequest', () => {
  it('reaches loopback only when allowPrivate is set explicitly', async () => {
    await refusal(safeRequest(`${base}/ok`));
    const res = await safeRequest(`${base}/ok`, { allowPrivate: true });
    expect(res.status).toBe(200);
    expect(await text(res)).toBe('ok ');
  });

  it('connects to the address it checked, not a second DNS answer (no rebinding)', async () => {
    let calls = 0;
    // First answer is vetted; a rebinding DNS would answer differently on the connect-time lookup.
    const resolve: HostResolver = async () => {
      calls++;
      return [{ address: calls === 1 ? '127.0.0.1' : '203.0.113.9', family: 4 }];
    };
    const res = await safeRequest(`http://feed.example:${port}/ok`, { allowPrivate: true, resolve });
    expect(res.status).toBe(200);
    await text(res);
    expect(calls).toBe(1);
    expect(seenHosts.at(-1)).toBe(`feed.example:${port}`);
  });

  it('follows redirects, re-checking each hop', async () => {
    const res = await safeRequest(`${base}/hop`, { allowPrivate: true });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/ok`);
    await text(res);
  });

  it('refuses a redirect to a private address when private networks are not allowed', async () => {
    // The first hop is trusted by exact address (as an admin might trust one host); the redirect is not.
    const err = await refusal(safeRequest(`${base}/to-private`, { allowedAddresses: ['127.0.0.1'] }));
    expect(err.reason).toBe('address');
    expect(err.address).toBe('10.0.0.1');
    expect(err.addressClass).toBe('private');
  });

  it('stops after maxRedirects', async () => {
    const err = await refusal(safeRequest(`${base}/loop`, { allowPrivate: true, maxRedirects: 3 }));
    expect(err.reason).toBe('too_many_redirects');
  });

  it('drops credentials on a cross-origin redirect', async () => {
    const other = http.createServer((_req, res) => res.writeHead(302, { location: `${base}/ok` }).end());
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const otherPort = (other.address() as AddressInfo).port;
    try {
      const res = await safeRequest(`http://127.0.0.1:${otherPort}/`, {
        allowPrivate: true,
        headers: { authorization: 'Bearer secret' },
      });
      expect(await text(res)).toBe('ok ');
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });
});
