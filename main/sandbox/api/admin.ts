/**
 * Test and tooling routes under `/__sandbox/` on the API server (never AWS paths): health,
 * request statistics, the session list, an essential container exiting (ecs/container-exit.ts),
 * and fault injection when a fault applier is wired in.
 * Every one needs the run's secret (the `aws_secret_access_key` of the profile the sandbox
 * writes) in the `X-Porthole-Sandbox-Secret` header; the server refuses them otherwise.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionRegistry } from '../session-registry.js';

export const ADMIN_PREFIX = '/__sandbox/';
/** Header carrying the sandbox's secret on admin and fault requests. */
export const ADMIN_SECRET_HEADER = 'x-porthole-sandbox-secret';

export interface AdminHooks {
  readonly registry: SessionRegistry;
  readonly stats: () => Record<string, number>;
  /** Validates and applies a JSON fault spec (faults/ controller); `{ ok: false }` or a throw means refused. */
  readonly applyFaults?: (spec: unknown) => unknown;
  /** Validates and applies API fault rules (faults/api-faults.ts); a throw means refused. */
  readonly applyApiFaults?: (spec: unknown) => unknown;
  /** Makes a task's essential container exit (ecs/container-exit.ts); a throw means refused. */
  readonly exitContainer?: (spec: unknown) => unknown;
}

/** A JSON answer; `close` ends the connection too (a refusal sent before the request body was read). */
export function sendAdmin(res: ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(close ? { connection: 'close' } : {}) });
  res.end(text);
}
const send = sendAdmin;

export function handleAdmin(req: IncomingMessage, res: ServerResponse, pathname: string, body: Buffer, hooks: AdminHooks): void {
  const route = `${req.method ?? 'GET'} ${pathname.slice(ADMIN_PREFIX.length)}`;
  switch (route) {
    case 'GET health':
      return send(res, 200, { ok: true });
    case 'GET stats':
      return send(res, 200, hooks.stats());
    case 'GET sessions':
      // Tokens stay out of the listing: clients get them from the API like real ones.
      return send(
        res,
        200,
        hooks.registry.list().map((s) => ({
          sessionId: s.sessionId,
          target: s.target,
          documentName: s.documentName,
          kind: s.kind,
          state: s.state,
          agentVersion: s.agentVersion,
          kmsKeyId: s.kmsKeyId,
          workdir: s.workdir,
          createdAt: s.createdAt,
        })),
      );
    case 'POST faults': {
      if (!hooks.applyFaults) return send(res, 501, { error: 'fault injection is not available in this sandbox build' });
      let spec: unknown;
      try {
        spec = JSON.parse(body.toString('utf8'));
      } catch {
        return send(res, 400, { error: 'fault spec is not valid JSON' });
      }
      try {
        const result = hooks.applyFaults(spec);
        const refused = typeof result === 'object' && result !== null && 'ok' in result && result.ok === false;
        return send(res, refused ? 400 : 200, result ?? { ok: true });
      } catch (err) {
        return send(res, 400, { error: err instanceof Error ? err.message : String(err) });
      }
    }
    case 'POST api-faults': {
      if (!hooks.applyApiFaults) return send(res, 501, { error: 'API faults are not available in this sandbox build' });
      try {
        return send(res, 200, hooks.applyApiFaults(JSON.parse(body.toString('utf8'))) ?? { ok: true });
      } catch (err) {
        return send(res, 400, { error: err instanceof Error ? err.message : String(err) });
      }
    }
    case 'POST container-exit': {
      if (!hooks.exitContainer) return send(res, 501, { error: 'container exits are not available in this sandbox build' });
      try {
        return send(res, 200, hooks.exitContainer(JSON.parse(body.toString('utf8'))));
      } catch (err) {
        return send(res, 400, { error: err instanceof Error ? err.message : String(err) });
      }
    }
    default:
      return send(res, 404, { error: `no sandbox route ${route}` });
  }
}
