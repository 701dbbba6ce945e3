// Every schema of the contract builds. Since the schemas are lazy (lazy.ts), loading the contract
// no longer proves that: a schema whose construction throws would fail only when its method or
// event is first used, in front of a person. This walks every service's methods (params and
// result) and events, and every schema the contract exports, builds each one and what it is made
// of (nested lazy schemas too), and parses a value through it. Whether that value is accepted does
// not matter here: only that building and parsing give a result instead of throwing.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contract from './index.js';
import { SERVICES } from './services.js';

/** A schema is reached through what holds it: its def's fields, arrays and plain records. */
const MAX_DEPTH = 64;

/**
 * Builds `schema` and every schema nested in its definition, parsing `undefined` through each.
 * Returns the problems met, each named by its path from the contract.
 */
function buildAll(path: string, value: unknown, seen: WeakSet<object>, problems: string[], depth = 0): void {
  if (depth > MAX_DEPTH || value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  let isSchema: boolean;
  try {
    // For a lazy schema this is its first read: the proxy builds it to answer.
    isSchema = value instanceof z.ZodType;
  } catch (error) {
    problems.push(`${path}: ${String(error)}`);
    return;
  }
  if (seen.has(value)) return;
  seen.add(value);
  if (isSchema) {
    const schema = value as z.ZodType;
    try {
      const parsed: unknown = schema.safeParse(undefined);
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { success?: unknown }).success !== 'boolean') problems.push(`${path}: safeParse gave no result`);
      for (const [key, inner] of Object.entries(schema._zod.def)) {
        // A def's checks (refinements) are built with it and take only values its type let through.
        if (key === 'checks') continue;
        buildAll(`${path}.${key}`, inner, seen, problems, depth + 1);
      }
    } catch (error) {
      problems.push(`${path}: ${String(error)}`);
    }
    return;
  }
  // Only containers of schemas (a def's shape, options or items) are walked, not functions.
  if (Array.isArray(value)) value.forEach((inner, i) => buildAll(`${path}[${i}]`, inner, seen, problems, depth + 1));
  else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, inner] of Object.entries(value)) buildAll(`${path}.${key}`, inner, seen, problems, depth + 1);
  }
}

describe('every schema of the contract builds', () => {
  it('each service method (params and result) and event builds and parses', () => {
    const problems: string[] = [];
    const seen = new WeakSet<object>();
    let count = 0;
    for (const [service, def] of Object.entries(SERVICES)) {
      const methods: Readonly<Record<string, contract.MethodDef>> = def.methods;
      for (const [name, m] of Object.entries(methods)) {
        for (const part of ['params', 'result'] as const) {
          count++;
          let schema: z.ZodType;
          try {
            schema = m[part];
          } catch (error) {
            problems.push(`${service}.${name}.${part}: ${String(error)}`);
            continue;
          }
          buildAll(`${service}.${name}.${part}`, schema, seen, problems);
        }
      }
      const events: Readonly<Record<string, z.ZodType>> = def.events;
      for (const [name, schema] of Object.entries(events)) {
        count++;
        buildAll(`${service}.events.${name}`, schema, seen, problems);
      }
    }
    expect(problems).toEqual([]);
    // The walk reached the contract: every service has methods or events.
    expect(count).toBeGreaterThan(Object.keys(SERVICES).length);
  });

  it('each schema the contract exports builds and parses', () => {
    const problems: string[] = [];
    const seen = new WeakSet<object>();
    let schemas = 0;
    for (const [name, value] of Object.entries(contract)) {
      if (!name.endsWith('Schema')) continue;
      schemas++;
      buildAll(name, value, seen, problems);
      if (!(value instanceof z.ZodType)) problems.push(`${name}: not a schema`);
    }
    expect(problems).toEqual([]);
    expect(schemas).toBeGreaterThan(0);
  });
});
