// Connecting Mastodon with OAuth: register Stemme on the instance, send the admin to its authorize page, and on
// the way back (our callback, or a pasted code when the instance cannot reach us) exchange the code for a token
// and connect or reconnect the channel. The pending authorization is bound to the organisation and the person
// who started it, expires, and keeps the app's secret sealed.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { DomainError, fieldError } from '../errors.ts';
import {
  authorizeUrl,
  exchangeCode,
  instanceOrigin,
  OOB_REDIRECT,
  registerApp,
} from '../networks/mastodon/oauth.ts';
import { NetworkError } from '../networks/types.ts';
import { UnsafeUrlError } from '../security/ssrf.ts';
import type { Actor } from '../team/auth.ts';
import { memberships } from '../team/schema.ts';
import {
  type ChannelView,
  connectChannel,
  getChannelRow,
  type PublishingDeps,
  reconnectChannel,
} from './channels.ts';
import { mastodonAuthorizations } from './edit-schema.ts';

export const CALLBACK_PATH = '/api/oauth/mastodon/callback';
/** Long enough to sign in on the instance (perhaps with two-factor), short enough to leave nothing lying about. */
export const AUTHORIZATION_TTL_MS = 15 * 60_000;

type AuthorizationRow = typeof mastodonAuthorizations.$inferSelect;

export interface StartedAuthorization {
  id: string;
  instanceUrl: string;
  /** The instance's page that sends the person back to our callback with a code. */
  authorizeUrl: string;
  /** The same page for the paste-the-code fallback: the instance shows the code instead of redirecting. */
  codeUrl: string;
  expiresAt: Date;
}

export interface FinishedAuthorization {
  channel: ChannelView;
  reconnected: boolean;
}

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');
const hostOf = (instance: string) => new URL(instance).host;

function instanceProblem(err: unknown, instance: string): DomainError {
  if (err instanceof UnsafeUrlError) return fieldError('instanceUrl', err.message, 'unsafe_url');
  if (err instanceof NetworkError)
    return new DomainError(
      'invalid',
      'network_unavailable',
      `instanceUrl: could not register Stemme with ${hostOf(instance)} (${err.message})`,
      { fields: { instanceUrl: err.message } },
    );
  throw err;
}

export async function startMastodonAuthorization(
  db: Db,
  deps: PublishingDeps,
  actor: Actor,
  input: { instanceUrl: string; channelId?: string; ownerUserId?: string | null; name?: string },
  /** Where this Stemme is reached (STEMME_PUBLIC_URL, else the request's origin): the callback lives there. */
  origin: string,
): Promise<StartedAuthorization> {
  let instance: string;
  try {
    instance = instanceOrigin(input.instanceUrl);
  } catch (err) {
    throw instanceProblem(err, input.instanceUrl);
  }
  if (input.channelId) {
    const channel = await getChannelRow(db, actor.orgId, input.channelId);
    if (channel.network !== 'mastodon')
      throw fieldError('channelId', 'is not a Mastodon channel', 'wrong_network');
  }
  if (input.ownerUserId) {
    const [member] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, input.ownerUserId)));
    if (!member) throw fieldError('ownerUserId', 'is not a member of this organisation', 'not_a_member');
  }
  const redirectUri = `${origin.replace(/\/+$/, '')}${CALLBACK_PATH}`;
  const app = await registerApp(
    instance,
    { redirectUris: [redirectUri, OOB_REDIRECT], clientName: 'Stemme', website: origin },
    { ...deps.urlPolicy },
  ).catch((err: unknown) => Promise.reject(instanceProblem(err, instance)));

  const id = randomUUID();
  const state = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + AUTHORIZATION_TTL_MS);
  // Unfinished authorizations from earlier attempts are of no use once expired.
  await db
    .delete(mastodonAuthorizations)
    .where(lt(mastodonAuthorizations.expiresAt, sql`now() - interval '1 day'`));
  await db.insert(mastodonAuthorizations).values({
    id,
    orgId: actor.orgId,
    userId: actor.userId,
    instanceUrl: instance,
    redirectUri,
    clientId: app.clientId,
    clientSecret: deps.secretBox.encrypt(app.clientSecret, id),
    stateHash: hashState(state),
    channelId: input.channelId ?? null,
    ownerUserId: input.ownerUserId ?? null,
    name: input.name?.trim() || null,
    expiresAt,
  });
  return {
    id,
    instanceUrl: instance,
    authorizeUrl: authorizeUrl(instance, { clientId: app.clientId, redirectUri, state }),
    codeUrl: authorizeUrl(instance, { clientId: app.clientId, redirectUri: OOB_REDIRECT, state }),
    expiresAt,
  };
}

/** Usable: this person's, this organisation's, not used, not expired. */
function usable(actor: Actor, row: AuthorizationRow | undefined): AuthorizationRow {
  if (!row)
    throw new DomainError(
      'not_found',
      'authorization_not_found',
      'This Mastodon authorization is unknown; start connecting again',
    );
  if (row.orgId !== actor.orgId || row.userId !== actor.userId)
    throw new DomainError(
      'forbidden',
      'authorization_elsewhere',
      'This Mastodon authorization was started by someone else or in another organisation',
    );
  if (row.usedAt)
    throw new DomainError('gone', 'authorization_used', 'This Mastodon authorization was already completed');
  if (row.expiresAt.getTime() <= Date.now())
    throw new DomainError(
      'gone',
      'authorization_expired',
      'This Mastodon authorization expired; start connecting again',
    );
  return row;
}

/** The instance redirected back to our callback: with a code, or with the person's refusal. */
export async function finishFromCallback(
  db: Db,
  deps: PublishingDeps,
  actor: Actor,
  query: { state: string; code?: string; error?: string; errorDescription?: string },
): Promise<FinishedAuthorization> {
  const [found] = await db
    .select()
    .from(mastodonAuthorizations)
    .where(eq(mastodonAuthorizations.stateHash, hashState(query.state)));
  const row = usable(actor, found);
  if (query.error || !query.code) {
    await db
      .update(mastodonAuthorizations)
      .set({ usedAt: sql`now()` })
      .where(eq(mastodonAuthorizations.id, row.id));
    const why = query.errorDescription ?? query.error ?? 'no code was returned';
    throw new DomainError(
      'invalid',
      'authorization_denied',
      `${hostOf(row.instanceUrl)} did not authorize Stemme: ${why}`,
    );
  }
  return complete(db, deps, actor, row, query.code, row.redirectUri);
}

/** The paste-the-code fallback: the instance showed the code, the admin pasted it. */
export async function finishWithCode(
  db: Db,
  deps: PublishingDeps,
  actor: Actor,
  authorizationId: string,
  code: string,
): Promise<FinishedAuthorization> {
  const [found] = await db
    .select()
    .from(mastodonAuthorizations)
    .where(
      and(eq(mastodonAuthorizations.id, authorizationId), eq(mastodonAuthorizations.orgId, actor.orgId)),
    );
  const row = usable(actor, found);
  return complete(db, deps, actor, row, code.trim(), OOB_REDIRECT);
}

async function complete(
  db: Db,
  deps: PublishingDeps,
  actor: Actor,
  row: AuthorizationRow,
  code: string,
  redirectUri: string,
): Promise<FinishedAuthorization> {
  const host = hostOf(row.instanceUrl);
  let clientSecret: string;
  try {
    clientSecret = deps.secretBox.decrypt(row.clientSecret, row.id);
  } catch {
    throw new DomainError(
      'gone',
      'authorization_unreadable',
      'This authorization cannot be read with this server’s key; start connecting again',
    );
  }
  // A mistyped code does not use the authorization up: the instance refuses it and the person tries again.
  const accessToken = await exchangeCode(
    row.instanceUrl,
    { clientId: row.clientId, clientSecret, redirectUri, code },
    { ...deps.urlPolicy },
  ).catch((err: unknown) => {
    if (err instanceof NetworkError && err.failure === 'auth')
      return Promise.reject(fieldError('code', `${host} refused this code (${err.message})`, 'code_refused'));
    if (err instanceof NetworkError || err instanceof UnsafeUrlError)
      return Promise.reject(
        new DomainError('invalid', 'network_unavailable', `Could not reach ${host}: ${err.message}`),
      );
    return Promise.reject(err);
  });
  // One completion per authorization, even when the callback and a pasted code race.
  const [claimed] = await db
    .update(mastodonAuthorizations)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(mastodonAuthorizations.id, row.id),
        isNull(mastodonAuthorizations.usedAt),
        gt(mastodonAuthorizations.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: mastodonAuthorizations.id });
  if (!claimed)
    throw new DomainError('gone', 'authorization_used', 'This Mastodon authorization was already completed');

  const input = {
    network: 'mastodon',
    instanceUrl: row.instanceUrl,
    accessToken,
    ...(row.ownerUserId && { ownerUserId: row.ownerUserId }),
    ...(row.name && { name: row.name }),
  };
  if (row.channelId)
    return { channel: await reconnectChannel(db, deps, actor, row.channelId, input), reconnected: true };
  try {
    return { channel: await connectChannel(db, deps, actor, input), reconnected: false };
  } catch (err) {
    // The account is already a channel here: signing in again through OAuth is how it is reconnected.
    const existing =
      err instanceof DomainError && err.code === 'channel_exists' ? err.details.channelId : null;
    if (typeof existing !== 'string') throw err;
    return { channel: await reconnectChannel(db, deps, actor, existing, input), reconnected: true };
  }
}
