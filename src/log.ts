// Structured logs (pino) that never carry secrets: cookies, tokens, passwords and invitation links are masked.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

const TOKEN_IN_PATH = /(\/invitations\/|\/invite\/)[^/?]+/g;
/** OAuth callbacks carry a one-time code and the state that binds it (the Mastodon sign-in). */
const TOKEN_IN_QUERY = /([?&](?:code|state)=)[^&#]*/g;

export function maskTokensInUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, '$1***').replace(TOKEN_IN_QUERY, '$1***');
}

/** JSON lines for machines; readable lines when a person watches the terminal (unless LOG_FORMAT=json). */
export function createLogger(level: string, opts: { pretty?: boolean } = {}): Logger {
  const destination = opts.pretty
    ? pretty({ colorize: true, ignore: 'pid,hostname,reqId', translateTime: 'SYS:HH:MM:ss' })
    : undefined;
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.passwordHash',
          '*.token',
          '*.secretKey',
          '*.accessToken',
          '*.refreshToken',
        ],
        censor: '***',
      },
      serializers: {
        req: (req: { method: string; url: string; ip?: string; id?: string }) => ({
          id: req.id,
          method: req.method,
          url: maskTokensInUrl(req.url),
          ip: req.ip,
        }),
      },
    },
    destination,
  );
}
