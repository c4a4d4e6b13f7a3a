// A local HTTP server that answers the few Mastodon API calls we make with the documented request and response
// shapes (snake_case JSON, HTML content, Idempotency-Key replay, 401/422 errors, OAuth app registration, the
// authorize page and the token exchange, status edits), and records every request so the contract test can assert
// exactly what the client sent. No Mastodon server runs here.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { mastodon } from 'masto';
import { findUrls } from '../text.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  /** JSON body, or the fields of a multipart form (files as { type, size }). */
  body: Record<string, unknown> | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Mastodon speaks snake_case; masto's types are the camelCase it converts them to. */
function toWire(value: unknown): Json {
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), toWire(v)]),
    );
  }
  return (value ?? null) as Json;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class MastodonContractServer {
  readonly requests: RecordedRequest[] = [];
  readonly unexpected: string[] = [];
  readonly statuses = new Map<string, mastodon.v1.Status>();
  private readonly media = new Map<string, mastodon.v1.MediaAttachment>();
  private readonly idempotency = new Map<string, string>();
  private nextId = 110_000_000_000_000_000n;
  private failures: { status: number; remaining: number } | null = null;
  private loseNext = false;
  private server: Server | undefined;
  url = '';
  /** Registered OAuth apps by client id; codes the authorize page handed out (single use). */
  readonly apps = new Map<string, { secret: string; name: string; redirectUris: string[]; scopes: string }>();
  private readonly codes = new Map<string, { clientId: string; redirectUri: string }>();
  private denyNextAuthorization = false;

  constructor(
    readonly token: string,
    readonly maxCharacters = 500,
  ) {}

  readonly account = {
    id: '109000000000000001',
    username: 'kari',
    acct: 'kari',
    url: 'https://fjord.social/@kari',
    displayName: 'Kari Nordmann',
    note: '',
    avatar: 'https://fjord.social/avatars/original/missing.png',
    avatarStatic: 'https://fjord.social/avatars/original/missing.png',
    header: 'https://fjord.social/headers/original/missing.png',
    headerStatic: 'https://fjord.social/headers/original/missing.png',
    locked: false,
    fields: [],
    emojis: [],
    bot: false,
    group: false,
    createdAt: '2024-01-01T00:00:00.000Z',
    lastStatusAt: '2026-01-01',
    statusesCount: 0,
    followersCount: 10,
    followingCount: 5,
    roles: [],
    featureApproval: { automatic: [], manual: [], current_user: 'automatic' },
  } satisfies mastodon.v1.Account;

  /** The next `count` API requests (after the account check) fail with this status, changing nothing. */
  failNext(status: number, count = 1): void {
    this.failures = { status, remaining: count };
  }

  /** The authorize page: the person clicks "Deny" next time (the instance redirects back with an error). */
  denyNext(): void {
    this.denyNextAuthorization = true;
  }

  /** The next write is carried out, but its response is lost: the client sees the connection drop. */
  loseNextResponse(): void {
    this.loseNext = true;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(err) }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests that create or change something, for assertions. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private instance(): mastodon.v2.Instance {
    return {
      domain: 'fjord.social',
      title: 'Fjord Social',
      version: '4.3.0',
      sourceUrl: 'https://github.com/mastodon/mastodon',
      description: 'A contract-test stand-in for a Mastodon server',
      usage: { users: { activeMonth: 1 } },
      thumbnail: { url: '', blurhash: '', versions: { '@1x': '', '@2x': '' }, description: '' },
      icon: [],
      languages: ['nb', 'en'],
      configuration: {
        urls: { streaming: 'wss://fjord.social' },
        accounts: {
          maxFeaturedTags: 10,
          maxPinnedStatuses: 5,
          maxDisplayNameLength: 30,
          maxNoteLength: 500,
          maxAvatarDescriptionLength: 1500,
          maxHeaderDescriptionLength: 1500,
          maxProfileFields: 4,
          profileFieldNameLimit: 255,
          profileFieldValueLimit: 255,
        },
        statuses: { maxCharacters: this.maxCharacters, maxMediaAttachments: 4, charactersReservedPerUrl: 23 },
        mediaAttachments: {
          supportedMimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4'],
          imageSizeLimit: 16_777_216,
          imageMatrixLimit: 33_177_600,
          videoSizeLimit: 103_809_024,
          videoFrameRateLimit: 120,
          videoMatrixLimit: 8_294_400,
        },
        polls: { maxOptions: 4, maxCharactersPerOption: 50, minExpiration: 300, maxExpiration: 2_629_746 },
        translation: { enabled: false },
        vapid: {
          publicKey:
            'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
        },
      },
      registrations: { enabled: false, approvalRequired: false },
      apiVersions: { mastodon: '2' },
      contact: { email: 'admin@fjord.social', account: this.account },
      rules: [],
    } satisfies mastodon.v2.Instance;
  }

  /** Renders text as Mastodon does: paragraphs, line breaks, links, hashtags, mentions by local part. */
  private render(text: string): string {
    const linked = escapeHtml(text)
      .replace(/\bhttps?:\/\/[^\s<]+[^\s<.,;:!?)]/g, (url) => {
        const [, scheme, rest] = /^(https?:\/\/)(.*)$/.exec(url) ?? ['', '', url];
        return `<a href="${url}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">${scheme}</span><span class="">${rest}</span><span class="invisible"></span></a>`;
      })
      .replace(
        /(^|\s)#(\w+)/g,
        '$1<a href="https://fjord.social/tags/$2" class="mention hashtag" rel="tag">#<span>$2</span></a>',
      )
      .replace(
        /(^|\s)@(\w+)(@[\w.-]+\w)?/g,
        '$1<span class="h-card" translate="no"><a href="https://fjord.social/@$2" class="u-url mention">@<span>$2</span></a></span>',
      );
    return linked
      .split(/\n{2,}/)
      .map((p) => `<p>${p.replace(/\n/g, '<br />')}</p>`)
      .join('');
  }

  /** Mastodon's count: code points, every URL as 23, remote mentions by their local part. */
  private length(text: string): number {
    let counted = text.replace(/(^|\s)@(\w+)@[\w.-]+\w/g, '$1@$2');
    for (const url of findUrls(counted)) counted = counted.replace(url, 'x'.repeat(23));
    return [...counted].length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const raw = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
    const contentType = req.headers['content-type'];
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      idempotencyKey: headerValue(req.headers['idempotency-key']),
      contentType,
      body: await parseBody(raw, contentType),
    };
    this.requests.push(recorded);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(toWire(body)));
    };
    const route = `${recorded.method} ${url.pathname}`;
    if (route === 'GET /api/v2/instance') return send(200, this.instance());
    if (route === 'POST /api/v1/apps') {
      const { status, body } = this.registerApp(recorded.body ?? {});
      return send(status, body);
    }
    if (route === 'GET /oauth/authorize') {
      this.authorizePage(url.searchParams, res);
      return;
    }
    if (route === 'POST /oauth/token') {
      const { status, body } = this.token_(recorded.body ?? {});
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return send(401, { error: 'The access token is invalid' });
    if (route === 'GET /api/v1/accounts/verify_credentials') return send(200, this.account);

    if (this.failures && this.failures.remaining > 0) {
      this.failures.remaining--;
      return send(this.failures.status, { error: 'Service Unavailable' });
    }
    const reply = (status: number, body: unknown) => {
      if (this.loseNext) {
        this.loseNext = false;
        req.socket.destroy();
        return;
      }
      send(status, body);
    };

    if (route === 'POST /api/v2/media') return reply(200, this.createMedia(recorded.body));
    if (route === 'POST /api/v1/statuses') {
      const { status, body } = this.createStatus(recorded);
      return reply(status, body);
    }
    const mediaMatch = /^\/api\/v1\/media\/(\d+)$/.exec(url.pathname);
    if (mediaMatch && recorded.method === 'GET') {
      // Polled by clients until processing is done: 200 with a url when ready (206 while processing).
      const found = this.media.get(mediaMatch[1]!);
      return found ? send(200, found) : send(404, { error: 'Record not found' });
    }
    const statusMatch = /^\/api\/v1\/statuses\/(\d+)$/.exec(url.pathname);
    if (statusMatch) {
      const found = this.statuses.get(statusMatch[1]!);
      if (!found) return send(404, { error: 'Record not found' });
      if (recorded.method === 'GET') return send(200, found);
      if (recorded.method === 'PUT') {
        const { status, body } = this.editStatus(found, recorded.body ?? {});
        return reply(status, body);
      }
      if (recorded.method === 'DELETE') {
        this.statuses.delete(found.id);
        return reply(200, { ...found, text: htmlLessText(found) });
      }
    }
    const timeline = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(url.pathname);
    if (timeline && recorded.method === 'GET') {
      const limit = Math.min(40, Number(url.searchParams.get('limit') ?? 20));
      const own = [...this.statuses.values()].filter((s) => s.account.id === timeline[1]).reverse();
      return send(200, own.slice(0, limit));
    }
    this.unexpected.push(route);
    send(404, { error: 'Record not found' });
  }

  /** POST /api/v1/apps: redirect_uris one per line (or whitespace), each absolute or the out-of-band URN. */
  private registerApp(body: Record<string, unknown>): { status: number; body: unknown } {
    const name = typeof body.client_name === 'string' ? body.client_name : '';
    const uris =
      typeof body.redirect_uris === 'string' ? body.redirect_uris.split(/\s+/).filter(Boolean) : [];
    if (!name) return { status: 422, body: { error: "Validation failed: Application name can't be blank" } };
    if (uris.length === 0)
      return { status: 422, body: { error: "Validation failed: Redirect URI can't be blank" } };
    for (const uri of uris) {
      if (uri === 'urn:ietf:wg:oauth:2.0:oob') continue;
      if (!URL.canParse(uri) || new URL(uri).hash)
        return { status: 422, body: { error: 'Validation failed: Redirect URI must be an absolute URI.' } };
    }
    const clientId = randomBytes(16).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    const scopes = typeof body.scopes === 'string' ? body.scopes : 'read';
    this.apps.set(clientId, { secret, name, redirectUris: uris, scopes });
    return {
      status: 200,
      body: {
        id: String(this.nextId++),
        name,
        website: typeof body.website === 'string' ? body.website : null,
        scopes: scopes.split(/\s+/),
        redirectUri: uris.join('\n'),
        redirectUris: uris,
        vapidKey: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
        clientId,
        clientSecret: secret,
        clientSecretExpiresAt: '0',
      } satisfies mastodon.v1.Client & { id: string; redirectUri: string },
    };
  }

  /**
   * GET /oauth/authorize, with the person already signed in who clicks "Authorize" (or "Deny" after denyNext):
   * back to the redirect URI with the code and state, or, for the out-of-band URN, a page showing the code.
   */
  private authorizePage(q: URLSearchParams, res: ServerResponse): ServerResponse {
    const app = this.apps.get(q.get('client_id') ?? '');
    const redirectUri = q.get('redirect_uri') ?? '';
    const html = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="en"><title>Fjord Social</title><body>${body}</body></html>`);
    };
    if (!app?.redirectUris.includes(redirectUri) || q.get('response_type') !== 'code')
      return html(400, '<h1>An error has occurred</h1><p>The client or redirect URI is invalid.</p>');
    const asked = (q.get('scope') ?? 'read').split(/\s+/);
    const allowed = app.scopes.split(/\s+/);
    if (asked.some((s) => !allowed.includes(s)))
      return html(400, '<h1>An error has occurred</h1><p>The requested scope is invalid.</p>');
    const state = q.get('state');
    if (this.denyNextAuthorization) {
      this.denyNextAuthorization = false;
      const back = new URL(redirectUri);
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set(
        'error_description',
        'The resource owner or authorization server denied the request.',
      );
      if (state) back.searchParams.set('state', state);
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { clientId: q.get('client_id')!, redirectUri });
    if (redirectUri === 'urn:ietf:wg:oauth:2.0:oob')
      return html(
        200,
        `<h1>Authorization code</h1><p>Copy this code and paste it into the application.</p><input readonly data-testid="oob-code" value="${code}">`,
      );
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (state) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.href });
    return res.end();
  }

  /** POST /oauth/token (authorization_code grant): Doorkeeper's errors, plain JSON (not snake-cased by us). */
  private token_(body: Record<string, unknown>): { status: number; body: Record<string, unknown> } {
    const app = this.apps.get(String(body.client_id ?? ''));
    if (!app || app.secret !== body.client_secret)
      return {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description:
            'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
        },
      };
    const grant = this.codes.get(String(body.code ?? ''));
    if (
      body.grant_type !== 'authorization_code' ||
      !grant ||
      grant.clientId !== body.client_id ||
      grant.redirectUri !== body.redirect_uri
    )
      return {
        status: 400,
        body: {
          error: 'invalid_grant',
          error_description:
            'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
        },
      };
    this.codes.delete(String(body.code));
    return {
      status: 200,
      body: {
        access_token: this.token,
        token_type: 'Bearer',
        scope: app.scopes,
        created_at: Math.floor(Date.now() / 1000),
      },
    };
  }

  /** PUT /api/v1/statuses/:id: new text; attachments not listed in media_ids are dropped, as Mastodon does. */
  private editStatus(
    found: mastodon.v1.Status,
    body: Record<string, unknown>,
  ): { status: number; body: unknown } {
    const text = typeof body.status === 'string' ? body.status : '';
    const mediaIds = Array.isArray(body.media_ids) ? body.media_ids.map(String) : [];
    if (!text && mediaIds.length === 0)
      return { status: 422, body: { error: "Validation failed: Text can't be blank" } };
    if (this.length(text) > this.maxCharacters)
      return {
        status: 422,
        body: { error: `Validation failed: Text character limit of ${this.maxCharacters} exceeded` },
      };
    const edited = {
      ...found,
      content: this.render(text),
      editedAt: new Date().toISOString(),
      mediaAttachments: found.mediaAttachments.filter((m) => mediaIds.includes(m.id)),
    } satisfies mastodon.v1.Status;
    this.statuses.set(found.id, edited);
    return { status: 200, body: edited };
  }

  private createMedia(body: Record<string, unknown> | null): mastodon.v1.MediaAttachment {
    const id = String(this.nextId++);
    const attachment = {
      id,
      type: 'image',
      url: `https://files.fjord.social/media_attachments/${id}/original.png`,
      previewUrl: `https://files.fjord.social/media_attachments/${id}/small.png`,
      remoteUrl: null,
      meta: { original: { width: 1, height: 1, size: '1x1', aspect: 1 } },
      description: typeof body?.description === 'string' ? body.description : null,
      blurhash: 'UFD]o8-;9FIU~qD%j[%M-;j[ofWB?bt7IURj',
    } satisfies mastodon.v1.MediaAttachment;
    this.media.set(id, attachment);
    return attachment;
  }

  private createStatus(req: RecordedRequest): { status: number; body: unknown } {
    const idemKey = req.idempotencyKey ? `${req.authorization} ${req.idempotencyKey}` : undefined;
    const replayed = idemKey ? this.idempotency.get(idemKey) : undefined;
    if (replayed && this.statuses.has(replayed)) return { status: 200, body: this.statuses.get(replayed) };
    const body = req.body ?? {};
    const text = typeof body.status === 'string' ? body.status : '';
    const mediaIds = Array.isArray(body.media_ids) ? body.media_ids.map(String) : [];
    if (!text && mediaIds.length === 0)
      return { status: 422, body: { error: "Validation failed: Text can't be blank" } };
    if (this.length(text) > this.maxCharacters)
      return {
        status: 422,
        body: { error: `Validation failed: Text character limit of ${this.maxCharacters} exceeded` },
      };
    const attachments = mediaIds.map((id) => this.media.get(id));
    if (attachments.some((a) => !a))
      return { status: 422, body: { error: 'Validation failed: Media is invalid' } };
    const replyTo = typeof body.in_reply_to_id === 'string' ? body.in_reply_to_id : null;
    if (replyTo && !this.statuses.has(replyTo)) return { status: 404, body: { error: 'Record not found' } };
    const id = String(this.nextId++);
    const status = {
      id,
      uri: `https://fjord.social/users/kari/statuses/${id}`,
      url: `https://fjord.social/@kari/${id}`,
      createdAt: new Date().toISOString(),
      editedAt: null,
      account: this.account,
      content: this.render(text),
      visibility: 'public',
      sensitive: false,
      spoilerText: '',
      mediaAttachments: attachments.filter((a) => a !== undefined),
      application: { name: 'Stemme', website: null },
      mentions: [],
      tags: [],
      emojis: [],
      reblogsCount: 0,
      favouritesCount: 0,
      repliesCount: 0,
      quotesCount: 0,
      quoteApproval: { automatic: ['public'], manual: [], currentUser: 'automatic' },
      inReplyToId: replyTo,
      inReplyToAccountId: replyTo ? this.account.id : null,
      reblog: null,
      poll: null,
      card: null,
      language: 'nb',
    } satisfies mastodon.v1.Status;
    this.statuses.set(id, status);
    if (idemKey) this.idempotency.set(idemKey, id);
    return { status: 200, body: status };
  }
}

function htmlLessText(status: mastodon.v1.Status): string {
  return status.content.replace(/<[^>]+>/g, '');
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function parseBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<Record<string, unknown> | null> {
  if (raw.length === 0) return null;
  if (contentType?.includes('application/json'))
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (contentType?.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  if (contentType?.includes('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': contentType },
    }).formData();
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form.entries()) {
      fields[name] = typeof value === 'string' ? value : { type: value.type, size: value.size };
    }
    return fields;
  }
  return { raw: raw.toString('utf8') };
}
