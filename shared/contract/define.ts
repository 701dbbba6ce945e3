// How a contract area is declared: methods (request → response) and events (main → renderer),
// each a zod schema, so both ends share one definition and validate at runtime.
import type { z } from 'zod';

export interface MethodDef<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly params: P;
  readonly result: R;
}

export interface ServiceDef {
  readonly methods: Readonly<Record<string, MethodDef>>;
  readonly events: Readonly<Record<string, z.ZodType>>;
}

export function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R): MethodDef<P, R> {
  return { params, result };
}

/** Identity with a type check: keeps literal method and event names for inference. */
export function defineService<const S extends ServiceDef>(service: S): S {
  return service;
}
