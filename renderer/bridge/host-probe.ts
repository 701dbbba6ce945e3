// After the page loses its WebSocket, it asks its own address now and then whether a web host
// answers there with "your token is from an earlier start" (shared/web-refusal.ts). Then the
// host was restarted on the same port: the page says so and where the new address is, instead
// of leaving someone to reload into a refusal. Nothing is authorised by this: the request is
// refused like any other, only its mark is read.
import { REFUSAL_HEADER, STALE_TOKEN_REFUSAL } from '../../shared/web-refusal.js';

export const HOST_PROBE = {
  /** Often enough that the page's words change while someone looks at it; one HEAD on loopback costs nothing. */
  INTERVAL_MS: 2_000,
} as const;

/** What the page says once it knows the host it talked to was replaced by a new start; what to do first, as a narrow status bar cuts the end. */
export const HOST_RESTARTED_TEXT =
  "Porthole's web host was restarted: open the address it printed in the terminal where it runs (npm run web), which has its new token. This page's shells and forwards ended with the previous run.";

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Whether a web host at `url` refuses this page's token as one of an earlier start. Anything else (no answer, a 200, another refusal) is false. */
export async function hostWasRestarted(url: string, fetchFn: Fetch): Promise<boolean> {
  try {
    const res = await fetchFn(url, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin', redirect: 'manual' });
    return res.status === 403 && res.headers.get(REFUSAL_HEADER) === STALE_TOKEN_REFUSAL;
  } catch {
    return false;
  }
}

/**
 * Asks every INTERVAL_MS until a restart is seen, then calls `onRestarted` once and stops.
 * Returns the stop. One probe at a time: a slow answer is not overtaken by the next.
 */
export function watchForRestart(url: string, onRestarted: () => void, fetchFn: Fetch = (u, init) => fetch(u, init)): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const probe = async (): Promise<void> => {
    if (stopped) return;
    if (await hostWasRestarted(url, fetchFn)) {
      if (!stopped) onRestarted();
      stopped = true;
      return;
    }
    if (!stopped) timer = setTimeout(() => void probe(), HOST_PROBE.INTERVAL_MS);
  };
  timer = setTimeout(() => void probe(), HOST_PROBE.INTERVAL_MS);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
