// Schemas built on first use instead of at module evaluation. Building the contract's zod schemas
// was about a third of the renderer bundle's start-up CPU (issue 16 §1), and a window uses a few
// messages of the contract before it paints its first tree. `lazySchema(build)` stands in for the
// schema `build` returns, with its exact type: the first property read (safeParse, shape, extend,
// zod's own _zod when a parent schema parses through it) builds it once, and every later read goes
// to that one schema. Validation is the schema's own: nothing is skipped or cached but the build.
import type { z } from 'zod';

/** The schema `build` makes, built when something first reads from it. */
export function lazySchema<T extends z.ZodType>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // The proxy's own target is an empty object: every trap answers from the built schema instead.
  // Non-configurable properties are mirrored onto it, as a proxy's invariants require.
  const stand = Object.create(null) as T;
  return new Proxy(stand, {
    get: (_target, key) => Reflect.get(schema(), key),
    set: (_target, key, value) => Reflect.set(schema(), key, value),
    has: (_target, key) => Reflect.has(schema(), key),
    deleteProperty: (_target, key) => Reflect.deleteProperty(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      if (descriptor !== undefined && descriptor.configurable !== true) Reflect.defineProperty(target, key, descriptor);
      return descriptor;
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
