/**
 * Counts the API calls a profile makes (per service operation) and the HTTP attempts behind them,
 * so the benchmark can compare calls against the minimum and tests can see that retries happened.
 */
import type { MiddlewareStack } from '@smithy/types';

export interface CallCount {
  /** Logical calls (one per `send`). */
  readonly calls: number;
  /** HTTP attempts including SDK retries (from the response metadata). */
  readonly attempts: number;
  readonly failures: number;
}


type Mutable = { calls: number; attempts: number; failures: number };

function attemptsOf(value: unknown): number {
  const meta = (value as { $metadata?: { attempts?: unknown } } | undefined)?.$metadata;
  return typeof meta?.attempts === 'number' ? meta.attempts : 1;
}

export class CallStats {
  private readonly counts = new Map<string, Mutable>();

  attach<I extends object, O extends object>(client: { readonly middlewareStack: MiddlewareStack<I, O> }, service: string): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const entry = this.entry(`${service}:${(context.commandName ?? 'unknown').replace(/Command$/, '')}`);
        entry.calls += 1;
        try {
          const out = await next(args);
          entry.attempts += attemptsOf(out.output);
          return out;
        } catch (err) {
          entry.attempts += attemptsOf(err);
          entry.failures += 1;
          throw err;
        }
      },
      { step: 'initialize', name: 'portholeCallStats' },
    );
  }

  private entry(key: string): Mutable {
    let e = this.counts.get(key);
    if (!e) {
      e = { calls: 0, attempts: 0, failures: 0 };
      this.counts.set(key, e);
    }
    return e;
  }

  /** Counts by `service:Operation`, e.g. `ecs:DescribeTasks`. */
  snapshot(): Record<string, CallCount> {
    return Object.fromEntries([...this.counts].map(([k, v]) => [k, { ...v }]));
  }

  get(key: string): CallCount {
    return { ...(this.counts.get(key) ?? { calls: 0, attempts: 0, failures: 0 }) };
  }

  total(): CallCount {
    let calls = 0, attempts = 0, failures = 0;
    for (const v of this.counts.values()) { calls += v.calls; attempts += v.attempts; failures += v.failures; }
    return { calls, attempts, failures };
  }

  reset(): void {
    this.counts.clear();
  }
}
