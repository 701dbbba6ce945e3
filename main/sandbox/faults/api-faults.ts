/**
 * API fault knobs: make the sandbox answer like a messy real endpoint for chosen operations —
 * an HTML 500 page (a load balancer in front), an XML 403 (a proxy or WAF in front of a JSON
 * service), a proper AccessDenied for that operation, or a RUNNING container without its runtime
 * id and exec agent (an ECS agent that has not reported yet), or no answer at all until the rules
 * are next set (`hold`: an endpoint that stalls, which the caller sees as a pending request for as
 * long as the test needs, not as a quick refusal that uses up its retries). Set over HTTP
 * (`POST /__sandbox/api-faults`) or in-process; each rule can run out after `times` requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

export const API_FAULT_ANSWERS = ['html-500', 'xml-403', 'access-denied', 'missing-runtime-id', 'hold'] as const;
export type ApiFaultAnswer = (typeof API_FAULT_ANSWERS)[number];

export const ApiFaultRuleSchema = z.strictObject({
  /** `service.Operation`, e.g. `ecs.ListClusters`, `ssm.StartSession`, `ec2.DescribeInstances`. */
  operation: z.string().regex(/^[a-z0-9-]+\.[A-Za-z0-9]+$/, 'is not service.Operation like ecs.ListClusters'),
  answer: z.enum(API_FAULT_ANSWERS),
  /** Requests the rule applies to before it stops (absent: until replaced). */
  times: z.number().int().min(1).max(1_000_000).optional(),
});
export type ApiFaultRule = z.infer<typeof ApiFaultRuleSchema>;

export const ApiFaultsSchema = z.strictObject({ rules: z.array(ApiFaultRuleSchema).max(100) });

/** Operations `missing-runtime-id` can act on: it rewrites their task shapes. */
const TASK_OPERATIONS: ReadonlySet<string> = new Set(['ecs.DescribeTasks']);

/** The page a misbehaving load balancer serves (what real users meet behind a proxy). */
export const HTML_500_BODY = '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n</body>\r\n</html>\r\n';
export const XML_403_BODY = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';

export class ApiFaults {
  private rules: Array<ApiFaultRule & { left: number }> = [];
  /** Requests a `hold` rule is keeping unanswered: each is let go when the rules are next set. */
  private readonly held = new Set<() => void>();

  /** Replaces every rule (an empty list clears them). Throws a ZodError on a bad spec. */
  set(spec: unknown): { ok: true; rules: number } {
    const parsed = ApiFaultsSchema.parse(spec);
    if (parsed.rules.some((r) => r.answer === 'missing-runtime-id' && !TASK_OPERATIONS.has(r.operation))) {
      throw new Error(`missing-runtime-id acts on ${[...TASK_OPERATIONS].join(', ')} only`);
    }
    this.rules = parsed.rules.map((r) => ({ ...r, left: r.times ?? Number.POSITIVE_INFINITY }));
    const released = [...this.held];
    this.held.clear();
    for (const release of released) release();
    return { ok: true, rules: this.rules.length };
  }

  /**
   * `hold`: waits, sending nothing, until the rules are next set (true: answer the request as if no
   * rule matched) or the caller gives up on it (false: its connection closed, nothing to answer).
   */
  hold(req: IncomingMessage): Promise<boolean> {
    return new Promise((resolve) => {
      const release = (): void => {
        req.socket.off('close', gone);
        resolve(true);
      };
      const gone = (): void => {
        this.held.delete(release);
        resolve(false);
      };
      if (req.socket.destroyed) return resolve(false);
      this.held.add(release);
      req.socket.once('close', gone);
    });
  }

  /** Requests held now (tests, diagnostics). */
  get holding(): number {
    return this.held.size;
  }

  /** The answer for this request, if a rule matches (and counts it). */
  take(service: string, operation: string): ApiFaultAnswer | undefined {
    const rule = this.rules.find((r) => r.operation === `${service}.${operation}` && r.left > 0);
    if (!rule) return undefined;
    rule.left -= 1;
    return rule.answer;
  }
}

/** Writes a raw, non-AWS answer; returns false for answers that are not raw (handled by the API). */
export function sendRawFault(res: ServerResponse, answer: ApiFaultAnswer, requestId: string): boolean {
  if (answer === 'html-500') {
    res.writeHead(500, { 'content-type': 'text/html', 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(HTML_500_BODY) });
    res.end(HTML_500_BODY);
    return true;
  }
  if (answer === 'xml-403') {
    res.writeHead(403, { 'content-type': 'application/xml', 'x-amz-request-id': requestId, 'content-length': Buffer.byteLength(XML_403_BODY) });
    res.end(XML_403_BODY);
    return true;
  }
  return false;
}

type Json = Record<string, unknown>;

/** `missing-runtime-id`: RUNNING containers lose runtimeId and managedAgents, as from a lagging ECS agent. */
export function stripRuntimeIds(result: unknown): unknown {
  const out = result as { tasks?: Json[] } | undefined;
  for (const task of out?.tasks ?? []) {
    for (const c of (task['containers'] as Json[] | undefined) ?? []) {
      if (c['lastStatus'] !== 'RUNNING') continue;
      delete c['runtimeId'];
      delete c['managedAgents'];
    }
  }
  return result;
}
