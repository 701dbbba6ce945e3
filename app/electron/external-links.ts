// The `links` service in Electron: a validated address is handed to the OS (the system opener
// is injected, so this file needs no electron import and is unit-tested). The contract already
// allows only http(s); here credentials are refused and a forward opens only on loopback.
import type { LinkPurpose, OpenLinkResult } from '../../shared/contract/index.js';
import type { ServiceImpl } from '../../main/ipc/service.js';

/** What a forward's "Open" may point at: its listener on this computer, nothing else. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Hands an address to the OS (shell.openExternal in the app). */
export type LaunchUrl = (url: string) => Promise<void>;

/** Why `url` must not be opened for `purpose`, or null when it may be. */
export function linkRefusal(url: string, purpose: LinkPurpose): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid address';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `only http and https addresses open outside Porthole, not ${parsed.protocol}`;
  if (parsed.username !== '' || parsed.password !== '') return 'addresses with a user name or password are not opened';
  if (purpose === 'forward' && !LOOPBACK_HOSTS.has(parsed.hostname)) return `a forward opens only on this computer, not ${parsed.hostname}`;
  return null;
}

export function createLinksService(launch: LaunchUrl): ServiceImpl<'links'> {
  return {
    open: async ({ url, purpose }): Promise<OpenLinkResult> => {
      const refusal = linkRefusal(url, purpose);
      if (refusal !== null) return { opened: false, reason: refusal };
      try {
        await launch(url);
        return { opened: true };
      } catch (error) {
        return { opened: false, reason: `the system could not open it: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}
