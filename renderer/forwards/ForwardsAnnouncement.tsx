// The forwards' live region: what happened to a forward (it failed, it was saved), read out,
// never shown. One region for the whole app, at its root and always in the page, so a forward
// that fails is said whatever the bottom panel shows (the Forwards view mounts only while it is
// chosen), and said once (the panel has no region of its own). A live region that appears with
// its text often is not read out; this one is there from the start. Each announcement is a node
// of its own, keyed by its number, so each is an addition to the region, and one that says the
// same as the last is read out again (a region whose text does not change says nothing).
import type { ReactElement } from 'react';
import { useModel } from '../root/model-context.js';
import { useStoreValue } from '../state/store.js';
import type { Announcement } from './forward-store.js';

export function ForwardsAnnounceRegion({ announcement }: { readonly announcement: Announcement }): ReactElement {
  return (
    <p className="visually-hidden" role="status" data-testid="forwards-announce">
      {announcement.seq > 0 ? <span key={announcement.seq}>{announcement.text}</span> : null}
    </p>
  );
}

/** The region with the forwards store's latest announcement (App renders it once). */
export function ForwardsAnnouncer(): ReactElement {
  const model = useModel();
  const announcement = useStoreValue(model.forwards, (s) => s.announcement);
  return <ForwardsAnnounceRegion announcement={announcement} />;
}
