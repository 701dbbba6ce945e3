// The service map: every control-plane area by name, and the types derived from it.
import type { z } from 'zod';
import { appService } from './app.js';
import { authService } from './auth.js';
import type { MethodDef } from './define.js';
import { diagnosticsService } from './diagnostics.js';
import { filesService } from './files.js';
import { forwardsService } from './forwards.js';
import { inspectorService } from './inspector.js';
import { inventoryService } from './inventory.js';
import { linksService } from './links.js';
import { sessionsService } from './sessions.js';
import { settingsService } from './settings.js';
import { transfersService } from './transfers.js';

export const SERVICES = {
  app: appService,
  settings: settingsService,
  inventory: inventoryService,
  sessions: sessionsService,
  forwards: forwardsService,
  diagnostics: diagnosticsService,
  auth: authService,
  inspector: inspectorService,
  links: linksService,
  transfers: transfersService,
  files: filesService,
} as const;

export type Services = typeof SERVICES;
export type ServiceName = keyof Services;
export type MethodName<S extends ServiceName> = keyof Services[S]['methods'] & string;
export type EventName<S extends ServiceName> = keyof Services[S]['events'] & string;

type Def<S extends ServiceName, M extends MethodName<S>> = Services[S]['methods'][M] extends MethodDef<infer P, infer R> ? { p: P; r: R } : never;

/** What a caller passes (defaults may be omitted). */
export type ParamsIn<S extends ServiceName, M extends MethodName<S>> = z.input<Def<S, M>['p']>;
/** What an implementation receives (defaults applied). */
export type Params<S extends ServiceName, M extends MethodName<S>> = z.output<Def<S, M>['p']>;
/** What an implementation may return. */
export type ResultIn<S extends ServiceName, M extends MethodName<S>> = z.input<Def<S, M>['r']>;
/** What a caller receives. */
export type Result<S extends ServiceName, M extends MethodName<S>> = z.output<Def<S, M>['r']>;

type EventSchema<S extends ServiceName, E extends EventName<S>> = Services[S]['events'][E] extends z.ZodType ? Services[S]['events'][E] : never;
export type EventPayloadIn<S extends ServiceName, E extends EventName<S>> = z.input<EventSchema<S, E>>;
export type EventPayload<S extends ServiceName, E extends EventName<S>> = z.output<EventSchema<S, E>>;

export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

export function isServiceName(name: string): name is ServiceName {
  return Object.hasOwn(SERVICES, name);
}

/** The schema pair for a method, or undefined when the contract has no such method. */
export function lookupMethod(service: string, method: string): MethodDef | undefined {
  if (!isServiceName(service)) return undefined;
  const methods: Readonly<Record<string, MethodDef>> = SERVICES[service].methods;
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}

/** The payload schema for an event, or undefined when the contract has no such event. */
export function lookupEvent(service: string, event: string): z.ZodType | undefined {
  if (!isServiceName(service)) return undefined;
  const events: Readonly<Record<string, z.ZodType>> = SERVICES[service].events;
  return Object.hasOwn(events, event) ? events[event] : undefined;
}
