/** A JSON 1.1 operation: validated members in, the response object out (or an ApiError thrown). */
import type { RequestContext } from './context.js';
import type { Params } from './params.js';

export type Handler = (p: Params, ctx: RequestContext) => unknown;

export type HandlerTable = Readonly<Record<string, Handler>>;
