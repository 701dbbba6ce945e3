// Opens a web address outside Porthole and says so when it could not; how (from the page, or by
// the host through contract `links.open`) is the bridge's business.
import type { LinkPurpose } from '../../shared/contract/index.js';
import type { PortholeClient } from '../bridge/client.js';

export function openLink(client: PortholeClient, url: string, purpose: LinkPurpose, refused: (why: string) => void): void {
  client.openLink(url, purpose).then(
    (r) => {
      if (!r.opened) refused(`Not opened: ${r.reason ?? url}`);
    },
    () => refused(`Could not open ${url}.`),
  );
}
