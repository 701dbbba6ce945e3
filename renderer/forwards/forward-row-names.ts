// What the buttons of a forward's row say to a screen reader and in their tooltips. Every row has
// a Stop (or Start) and a Save: each names its own forward, so "Stop" is not heard once per row
// with nothing to tell the rows apart. The visible word comes first (speech input says "Stop …").

/** How a row's forward is named: its name when it has one, and where it goes from where it listens. */
export function forwardRowName(name: string | undefined, localAddress: string | null, destination: string): string {
  const route = localAddress === null ? `to ${destination}` : `${localAddress} → ${destination}`;
  return name ? `“${name}” ${route}` : route;
}

export interface ForwardRowButtons {
  readonly stop: { readonly label: string; readonly title: string };
  readonly start: { readonly label: string; readonly title: string };
  readonly save: { readonly label: string; readonly title: string };
}

/** The accessible names and tooltips of a row's Stop, Start and Save buttons. */
export function forwardRowButtons(forward: string): ForwardRowButtons {
  return {
    stop: { label: `Stop forward ${forward}`, title: 'Stop this forward: its local port closes, the row stays to start it again' },
    start: { label: `Start forward ${forward}`, title: 'Start this forward again' },
    save: { label: `Save forward ${forward}`, title: 'Keep this forward to start it again later' },
  };
}
