// Lazy schemas (issue 16 §1: the renderer's start-up CPU): loading the contract builds no zod
// schema; a method's or event's schemas are built when first used, and validate exactly as an
// eagerly built schema does, also nested in other schemas, extended and in unions.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Zod from 'zod';

/** How many zod builder calls (z.object, z.string, z.enum, …) ran since the last reset. */
const zodCalls = { count: 0 };

vi.mock('zod', async (importActual) => {
  const actual = await importActual<typeof Zod>();
  // Counts every call of a function on `z` (the contract builds its schemas only through `z`).
  const counted = new Proxy(actual.z, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function' || /^[A-Z]/.test(String(key))) return value;
      return (...args: unknown[]) => {
        zodCalls.count++;
        const made: unknown = Reflect.apply(value, target, args);
        return made;
      };
    },
  });
  return { ...actual, z: counted };
});

afterEach(() => {
  vi.resetModules();
  zodCalls.count = 0;
});

describe('the contract builds its schemas on first use', () => {
  it('loading the whole contract builds none', async () => {
    vi.resetModules();
    zodCalls.count = 0;
    const contract = await import('./index.js');
    expect(zodCalls.count).toBe(0);
    // Reading the service map and a method's definition builds nothing either.
    const def = contract.lookupMethod('inventory', 'children');
    expect(def).toBeDefined();
    expect(zodCalls.count).toBe(0);
    // The first use of a method's params builds them (and what they are made of), once.
    expect(def?.params.safeParse({ parentId: contract.INVENTORY_ROOT_ID }).success).toBe(true);
    const afterFirst = zodCalls.count;
    expect(afterFirst).toBeGreaterThan(0);
    expect(def?.params.safeParse({ parentId: '' }).success).toBe(false);
    expect(zodCalls.count).toBe(afterFirst);
  });

  it('validates every message as before: envelopes, params, results and events still refuse bad input', async () => {
    const contract = await import('./index.js');
    expect(() => contract.parseControlRequest({ type: 'request', id: 1, service: 'inventory', method: 'children', params: { parentId: 5 } })).toThrow(/Invalid params for inventory\.children: params\.parentId/);
    expect(contract.parseControlRequest({ type: 'request', id: 1, service: 'inventory', method: 'children', params: { parentId: 'root' } }).params).toEqual({ parentId: 'root' });
    expect(() => contract.parseResult('app', 'info', { version: '1', host: 'tv', platform: 'linux', sandbox: { active: false, endpoint: null, shells: null } }, 'main')).toThrow(/result\.host/);
    expect(() => contract.parseEventPayload('sessions', 'status', { id: 'a b', status: { state: 'connected' } })).toThrow(/payload\.id/);
    expect(contract.parseEventPayload('sessions', 'status', { id: 's1', status: { state: 'closed', ending: 'exited' } })).toEqual({ id: 's1', status: { state: 'closed', ending: 'exited' } });
    expect(() => contract.parseToRendererControl({ type: 'response', id: 1, ok: false, error: { code: 'nope', message: 'x' } })).toThrow(/Malformed control message/);
  });
});

describe('lazySchema', () => {
  it('builds once, on the first read, and stands in for the schema everywhere zod takes one', async () => {
    const { z } = await import('zod');
    const { lazySchema } = await import('./lazy.js');
    const build = vi.fn(() => z.object({ name: z.string().min(1), kind: z.literal('a') }));
    const Lazy = lazySchema(build);
    expect(build).not.toHaveBeenCalled();
    // Nested in an object schema: building that does not build it; its first parse does.
    const Outer = z.object({ inner: Lazy }).strict();
    expect(build).not.toHaveBeenCalled();
    expect(Outer.safeParse({ inner: { name: 'x', kind: 'a' } }).success).toBe(true);
    expect(Outer.safeParse({ inner: { name: '', kind: 'a' } }).success).toBe(false);
    // A discriminated union reads its options' shapes when it is built (zod checks the discriminator then).
    const Union = z.discriminatedUnion('kind', [Lazy, z.object({ kind: z.literal('b') })]);
    expect(Union.safeParse({ kind: 'b' }).success).toBe(true);
    expect(Union.safeParse({ kind: 'a' }).success).toBe(false);
    expect(Lazy.extend({ more: z.number() }).safeParse({ name: 'x', kind: 'a', more: 1 }).success).toBe(true);
    expect(Object.keys(Lazy.shape)).toEqual(['name', 'kind']);
    expect(Lazy instanceof z.ZodObject).toBe(true);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
