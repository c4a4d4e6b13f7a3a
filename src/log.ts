// Structured logs (pino) that never carry secrets: cookies, tokens, passwords and invitation links are masked.
import pino, { type Logger } from 'pino';

const TOKEN_IN_PATH = /(\/invitations\/|\/invite\/)[^/?]+/g;

export function maskTokensInUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, '$1***');
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
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
