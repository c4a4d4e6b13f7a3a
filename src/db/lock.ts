// PGlite has no lock of its own: two processes on one data dir silently lose rows, so we take one.
import fs from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../errors.ts';

export class DataDirLockedError extends UserFacingError {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes an exclusive lock on the data dir; returns the function that releases it. */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'stemme.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isFinite(holder) && holder !== process.pid && processAlive(holder)) {
        throw new DataDirLockedError(
          `the data directory ${dir} is in use by another Stemme process (pid ${holder}); stop it first, or set DATABASE_URL to share a PostgreSQL server between processes`,
        );
      }
      // The holder died without cleaning up (kill -9): the lock is stale.
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`could not lock the data directory ${dir}`);
}
