// Who wrote a post: DID → handle (and display name when an AppView is asked), cached. The firehose carries
// only DIDs; resolution happens per batch, so one lookup serves every post of an author in it.
import { AtpAgent } from '@atproto/api';
import { IdResolver, MemoryCache } from '@atproto/identity';

export interface ActorInfo {
  handle: string | null;
  displayName: string | null;
}

export interface ActorResolverOptions {
  /** An AppView (https://public.api.bsky.app) for app.bsky.actor.getProfiles: verified handles, display names. */
  appview?: string;
  /** Fetch for the AppView (the SSRF-guarded one for a user-given address). */
  fetch?: typeof fetch;
  /** PLC directory for DID documents when the AppView does not know an account; default https://plc.directory. */
  plcUrl?: string;
  idResolver?: IdResolver;
  ttlMs?: number;
  maxEntries?: number;
}

const PROFILES_PER_CALL = 25;

export class ActorResolver {
  readonly idResolver: IdResolver;
  private readonly cache = new Map<string, { info: ActorInfo; until: number }>();
  private readonly agent: AtpAgent | null;
  private readonly ttlMs: number;
  private readonly max: number;

  constructor(opts: ActorResolverOptions = {}) {
    this.idResolver =
      opts.idResolver ??
      new IdResolver({
        plcUrl: opts.plcUrl ?? 'https://plc.directory',
        didCache: new MemoryCache(),
        timeout: 5000,
      });
    this.agent = opts.appview
      ? new AtpAgent({ service: opts.appview, ...(opts.fetch ? { fetch: opts.fetch } : {}) })
      : null;
    this.ttlMs = opts.ttlMs ?? 6 * 3600_000;
    this.max = opts.maxEntries ?? 100_000;
  }

  /** What an identity event, a search result or a profile told us. */
  remember(did: string, info: Partial<ActorInfo>): void {
    const old = this.cache.get(did)?.info;
    this.set(did, {
      handle: info.handle !== undefined ? info.handle : (old?.handle ?? null),
      displayName: info.displayName !== undefined ? info.displayName : (old?.displayName ?? null),
    });
  }

  forget(did: string): void {
    this.cache.delete(did);
  }

  private set(did: string, info: ActorInfo): void {
    this.cache.delete(did);
    this.cache.set(did, { info, until: Date.now() + this.ttlMs });
    // Map keeps insertion order: the first key is the least recently set.
    while (this.cache.size > this.max) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  cached(did: string): ActorInfo | undefined {
    const hit = this.cache.get(did);
    return hit && hit.until > Date.now() ? hit.info : undefined;
  }

  /** Resolves every DID; an account nobody can resolve gets { handle: null } (its URL then uses the DID). */
  async resolveMany(dids: Iterable<string>): Promise<Map<string, ActorInfo>> {
    const out = new Map<string, ActorInfo>();
    const missing: string[] = [];
    for (const did of new Set(dids)) {
      const hit = this.cached(did);
      if (hit) out.set(did, hit);
      else missing.push(did);
    }
    if (missing.length === 0) return out;
    let rest = missing;
    if (this.agent) {
      const agent = this.agent;
      const chunks: string[][] = [];
      for (let i = 0; i < missing.length; i += PROFILES_PER_CALL)
        chunks.push(missing.slice(i, i + PROFILES_PER_CALL));
      const found = await Promise.all(
        chunks.map((actors) =>
          agent.app.bsky.actor
            .getProfiles({ actors })
            .then((r) => r.data.profiles)
            .catch(() => []),
        ),
      );
      for (const p of found.flat()) {
        const info = {
          handle: p.handle && p.handle !== 'handle.invalid' ? p.handle : null,
          displayName: p.displayName?.trim() || null,
        };
        this.set(p.did, info);
        out.set(p.did, info);
      }
      rest = missing.filter((d) => !out.has(d));
    }
    await Promise.all(
      rest.map(async (did) => {
        const info: ActorInfo = { handle: null, displayName: null };
        try {
          const doc = await this.idResolver.did.resolve(did);
          // The handle the DID document claims (at://handle in alsoKnownAs); not checked against DNS.
          const aka = doc?.alsoKnownAs?.find((a) => a.startsWith('at://'));
          info.handle = aka ? aka.slice('at://'.length).toLowerCase() : null;
        } catch {
          // Unresolvable now: not cached, so the next batch tries again.
          out.set(did, info);
          return;
        }
        this.set(did, info);
        out.set(did, info);
      }),
    );
    return out;
  }
}
