// The access log: one JSON line per request (pino-http) with a request id, the method, the
// path, the client address as Express sees it (TRUST_PROXY decides), the status and the time
// taken. The id is the client's X-Request-Id when it looks like one, else a new UUID, and it
// is sent back in X-Request-Id. Headers are not logged (they carry tokens and cookies); the
// health check is not logged (probes would fill the log).

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A logger writing JSON lines to standard output at `level` ('silent' writes nothing). */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { service: 'credence' }, timestamp: pino.stdTimeFunctions.isoTime });
}

export function accessLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; ip?: string }) => ({
        id: req.id,
        method: req.method,
        url: (req as { originalUrl?: string }).originalUrl ?? req.url,
        ip: req.ip ?? req.socket?.remoteAddress,
      }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
  });
}
