// How a network is connected and opened: each network folder exports one NetworkKind; the registry lists them.
// Credentials and settings are validated here, at the network's edge, so the rest of the code keeps them opaque.
import type { Db } from '../db/connect.ts';
import type { SsrfOptions } from '../security/ssrf.ts';
import type { AccountInfo, Network, NetworkLimits } from './types.ts';

export interface NetworkContext {
  /** The sandbox network keeps its posts in our database; real networks ignore it. */
  db: Db;
  orgId: string;
  /** A connector whose session was refreshed hands the new credentials here to be stored (encrypted). */
  saveCredentials?: (credentials: unknown) => Promise<void>;
  /**
   * How user-given server addresses (a Mastodon instance) are vetted: private and loopback addresses are
   * refused unless an admin allows them (STEMME_ALLOW_PRIVATE_NETWORKS; tests against local servers).
   */
  urlPolicy?: Pick<SsrfOptions, 'allowPrivate' | 'allowedAddresses'>;
  /** For tests: a fetch that fails on unexpected hosts. */
  fetch?: typeof globalThis.fetch;
}

export interface Connection {
  /** Stored encrypted; never shown again. */
  credentials: unknown;
  /** Non-secret facts about the account the connector needs later (an instance's limits). */
  settings: Record<string, unknown>;
  account: AccountInfo;
}

export interface NetworkKind {
  id: string;
  label: string;
  /** The limits for an account with these settings, without signing in (for previews and checks). */
  describe(settings: Record<string, unknown>): NetworkLimits;
  /** Checks what the user typed with the network and returns what to store; throws NetworkError. */
  connect(input: unknown, ctx: NetworkContext): Promise<Connection>;
  open(credentials: unknown, settings: Record<string, unknown>, ctx: NetworkContext): Promise<Network>;
}
