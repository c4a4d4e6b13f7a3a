// What a person at a terminal sees: `npm start`'s process, its data dir, its config errors, and the CLI commands.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDatabase } from './databases.ts';
import { childEnv, HttpSession, repoRoot, runStemme, type Server, startStemme, tempDir } from './process.ts';

const PASSWORD = 'et langt og godt passord';
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
});

describe('configuration errors stop the start with one clear line and exit code 1', () => {
  it('a malformed port', async () => {
    const r = await runStemme(['start'], { PORT: 'eighty', STEMME_DATA_DIR: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^stemme: invalid configuration: PORT must be a number \(got "eighty"\)/);
  });

  it('an unreachable DATABASE_URL, without echoing its password', async () => {
    const r = await runStemme(['start'], { DATABASE_URL: 'postgres://stemme:s3cret@127.0.0.1:1/stemme' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^stemme: cannot reach PostgreSQL at postgres:\/\/stemme:\*\*\*@127\.0\.0\.1:1\/stemme/,
    );
    expect(r.stderr).not.toContain('s3cret');
  });

  it('several bad values are listed at once', async () => {
    const r = await runStemme(['migrate'], { PORT: '70000', LOG_LEVEL: 'loud', STEMME_DATA_DIR: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PORT must be between 1 and 65535');
    expect(r.stderr).toContain('LOG_LEVEL');
  });
});

describe('npm start on the embedded database', () => {
  const dataDir = tempDir();
  let orgId = '';

  it('starts, onboards, and keeps every byte across a stop and a start', async () => {
    const first = await startStemme({ STEMME_DATA_DIR: dataDir });
    servers.push(first);
    const s = new HttpSession(first.url);
    const setup = await s.call('POST', '/api/setup', {
      orgName: 'Nordlys Energi',
      name: 'Kari Nordmann',
      email: 'kari@nordlys.no',
      password: PASSWORD,
      locale: 'nb',
      timeZone: 'Europe/Oslo',
    });
    expect(setup.status).toBe(201);
    orgId = (setup.body.org as { id: string }).id;
    const invite = await s.call('POST', '/api/team/invitations', { role: 'editor' });
    const token = String(invite.body.url).split('/invite/')[1]!;
    const joiner = new HttpSession(first.url);
    expect(
      (
        await joiner.call('POST', `/api/invitations/${token}/accept`, {
          name: 'Ola',
          email: 'ola@nordlys.no',
          password: PASSWORD,
        })
      ).status,
    ).toBe(200);

    // A second process on the same data dir must refuse rather than corrupt it.
    const second = await runStemme(['start'], { STEMME_DATA_DIR: dataDir, PORT: '3' });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/data directory .* is in use by another Stemme process/);

    expect(await first.stop()).toBe(0);
    // Secrets never reach the log: not the password, not the session cookie, not the invitation token.
    const log = first.output();
    expect(log).toContain('Stemme is running');
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(token);
    expect(log).not.toContain(s.cookies.get('stemme_session')!);

    const again = await startStemme({ STEMME_DATA_DIR: dataDir });
    servers.push(again);
    const back = new HttpSession(again.url);
    expect((await back.call('GET', '/api/setup')).body).toEqual({ needsOnboarding: false });
    const login = await back.call('POST', '/api/auth/login', { email: 'ola@nordlys.no', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.role).toBe('editor');
    expect(await again.stop()).toBe(0);
  });

  it('stemme user create adds a person who can then sign in; org export/import round-trips', async () => {
    const created = await runStemme(
      [
        'user',
        'create',
        '--email',
        'Per@Nordlys.no',
        '--name',
        'Per',
        '--role',
        'approver',
        '--password-stdin',
      ],
      { STEMME_DATA_DIR: dataDir },
      `${PASSWORD}\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created per@nordlys\.no .* as approver/);
    const badRole = await runStemme(
      ['user', 'create', '--email', 'x@y.no', '--password', PASSWORD, '--role', 'boss'],
      { STEMME_DATA_DIR: dataDir },
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/role must be one of admin, editor, approver, viewer/);

    const file = path.join(tempDir(), 'org.json');
    const exported = await runStemme(['org', 'export', orgId, '-o', file, '--include-credentials'], {
      STEMME_DATA_DIR: dataDir,
    });
    expect(exported.code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.org.name).toBe('Nordlys Energi');
    expect(doc.users.map((u: { email: string }) => u.email).sort()).toEqual([
      'kari@nordlys.no',
      'ola@nordlys.no',
      'per@nordlys.no',
    ]);

    const otherDir = tempDir();
    const imported = await runStemme(['org', 'import', file], { STEMME_DATA_DIR: otherDir });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/imported organisation .*: 3 people/);
    const twice = await runStemme(['org', 'import', file], { STEMME_DATA_DIR: otherDir });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already exists/);
    const reexported = await runStemme(['org', 'export', orgId, '--include-credentials'], {
      STEMME_DATA_DIR: otherDir,
    });
    const doc2 = JSON.parse(reexported.stdout);
    expect({ ...doc2, exportedAt: 0 }).toEqual({ ...doc, exportedAt: 0 });

    // The imported people can sign in on the new instance.
    const server = await startStemme({ STEMME_DATA_DIR: otherDir });
    servers.push(server);
    const s = new HttpSession(server.url);
    const login = await s.call('POST', '/api/auth/login', { email: 'per@nordlys.no', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.role).toBe('approver');
    await server.stop();
  });

  it('stemme seed demo fills the empty plan once and reports its health', async () => {
    const seeded = await runStemme(['seed', 'demo'], { STEMME_DATA_DIR: dataDir });
    expect(seeded.stderr).toBe('');
    const score = Number(/health score (\d+)/.exec(seeded.stdout)?.[1]);
    expect(score).toBeGreaterThanOrEqual(90);
    const again = await runStemme(['seed', 'demo'], { STEMME_DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already started/);
  });

  it('stemme backup and restore carry the embedded database to a new data directory', async () => {
    const file = path.join(tempDir(), 'backup.tar.gz');
    const backup = await runStemme(['backup', file], { STEMME_DATA_DIR: dataDir });
    expect(backup.stderr).toBe('');
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    const target = tempDir();
    const restored = await runStemme(['restore', file], { STEMME_DATA_DIR: target });
    expect(restored.stderr).toBe('');
    const list = await runStemme(['org', 'list'], { STEMME_DATA_DIR: target });
    expect(list.stdout).toContain(`${orgId}\tNordlys Energi`);
    const onto = await runStemme(['restore', file], { STEMME_DATA_DIR: target });
    expect(onto.code).toBe(1);
    expect(onto.stderr).toMatch(/already holds a database/);
  });
});

describe.runIf(dbKinds.includes('postgres'))('several processes on one PostgreSQL', () => {
  it('two `stemme serve` share sessions, and a `stemme worker` runs beside them', async () => {
    const database = await freshDatabase('postgres');
    try {
      const env = {
        DATABASE_URL: database.url!,
        STEMME_SECRET_KEY: 'ab'.repeat(32),
        STEMME_DATA_DIR: tempDir(),
      };
      const [web1, web2, worker] = await Promise.all([
        startStemme(env, 'serve'),
        startStemme(env, 'serve'),
        startWorker(env),
      ]);
      servers.push(web1, web2);
      const s = new HttpSession(web1.url);
      const setup = await s.call('POST', '/api/setup', {
        orgName: 'Delt AS',
        name: 'Dag',
        email: 'dag@delt.no',
        password: PASSWORD,
      });
      expect(setup.status).toBe(201);
      // The same cookies against the other web process: the session lives in the database.
      const other = new HttpSession(web2.url);
      for (const [k, v] of s.cookies) other.cookies.set(k, v);
      const me = await other.call('GET', '/api/session');
      expect(me.status).toBe(200);
      expect((me.body.user as { email: string }).email).toBe('dag@delt.no');
      expect(await web1.stop()).toBe(0);
      expect(await web2.stop()).toBe(0);
      expect(await worker.stop()).toBe(0);
      expect(worker.output()).toContain('worker started');
    } finally {
      await database.close();
    }
  });
});

/** A worker has no web port: wait for its log line instead of /readyz. */
async function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'stemme.mjs'), 'worker'], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 60_000;
  while (!out.includes('Stemme worker is running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
