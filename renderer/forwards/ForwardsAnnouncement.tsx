// The forwards panel's latest announcement, inside its live region (ForwardsPanel): a node of its
// own, keyed by its number, so each announcement is an addition to the region, and one that says
// the same as the last is read out again (a region whose text does not change says nothing).
import type { ReactElement } from 'react';
import type { Announcement } from './forward-store.js';

export function ForwardsPanelAnnouncement({ announcement }: { readonly announcement: Announcement }): ReactElement | null {
  return announcement.seq > 0 ? <span key={announcement.seq}>{announcement.text}</span> : null;
}
