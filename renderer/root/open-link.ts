// Opens a web address outside Porthole. The browser page opens it itself; Electron denies
// window.open, so the desktop host opens it in the user's browser (contract `links.open`).
import type { LinkPurpose } from '../../shared/contract/index.js';
import type { PortholeClient } from '../bridge/client.js';

export function openLink(client: PortholeClient, url: string, purpose: LinkPurpose, refused: (why: string) => void): void {
  if (client.host === 'web') {
    window.open(url, '_blank', 'noopener,noreferrer');
    return;
  }
  client.call('links', 'open', { url, purpose }).then(
    (r) => {
      if (!r.opened) refused(`Not opened: ${r.reason ?? url}`);
    },
    () => refused(`Could not open ${url}.`),
  );
}
