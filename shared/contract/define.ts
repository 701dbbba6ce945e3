// How a contract area is declared: methods (request → response) and events (main → renderer),
// each a zod schema, so both ends share one definition and validate at runtime. Schemas are built
// on first use (lazy.ts): a method's params and result when that method is first called or
// answered, an event's payload when that event first arrives.
import type { z } from 'zod';

export interface MethodDef<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly params: P;
  readonly result: R;
}

export interface ServiceDef {
  readonly methods: Readonly<Record<string, MethodDef>>;
  readonly events: Readonly<Record<string, z.ZodType>>;
}

/** A method whose params and result schemas are made by these functions, each once, when first read. */
export function method<P extends z.ZodType, R extends z.ZodType>(params: () => P, result: () => R): MethodDef<P, R> {
  let p: P | undefined;
  let r: R | undefined;
  return {
    get params(): P {
      return (p ??= params());
    },
    get result(): R {
      return (r ??= result());
    },
  };
}

/** Identity with a type check: keeps literal method and event names for inference. */
export function defineService<const S extends ServiceDef>(service: S): S {
  return service;
}
