// When the app's first render runs: right after the web host's socket opens, so the first calls
// (settings, the tree's profiles and nodes…), queued while the bundle was evaluated, are on their
// way to the host before React's first render takes the page's main thread, and the host works on
// them meanwhile (issue 16 §1: tree on screen < 1 s). The socket's open event otherwise waits
// behind that render. Bounded, so a host slow to accept the socket never holds the app back.

/**
 * Longest the first render waits for the link. The socket's handshake runs while the bundle is
 * evaluated, so it is normally open as that ends; 150 ms is about the first render's own cost on
 * a loaded 2-core machine, past which waiting no longer pays.
 */
export const FIRST_RENDER_LINK_WAIT_MS = 150;

/** Settles when `linked` does, or after `maxWaitMs`, whichever is first. */
export function linkedOrAfter(linked: Promise<void>, maxWaitMs: number = FIRST_RENDER_LINK_WAIT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
  return Promise.race([linked, bound]).finally(() => clearTimeout(timer));
}
