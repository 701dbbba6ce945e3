// How the web host marks a refusal a page can act on, shared by the host (app/web/http.ts) and
// the page (renderer/bridge/host-probe.ts). A header, not the refusal's words, so the page
// depends on no wording.

/** Response header on a 403 from the web host that says which refusal it is. */
export const REFUSAL_HEADER = 'X-Porthole-Refused';

/**
 * The request carried a token that is not this run's: each start of the web host makes a new
 * one, so a page left open from an earlier run on the same port meets this after a restart.
 */
export const STALE_TOKEN_REFUSAL = 'stale-token';
