/** The pino logger: structured, redacted, and without IP addresses, user agents or query strings. */
import pino, { type DestinationStream, type Logger } from 'pino';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers', 'headers', '*.password', '*.passphrase', '*.token', '*.code', 'body', '*.body'],
        censor: '[redacted]',
      },
      serializers: {
        // Fastify's default request serializer logs remoteAddress and the full URL; we keep neither.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}
