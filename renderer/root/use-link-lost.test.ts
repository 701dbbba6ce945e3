// A link lost before a part first renders still shows there: the status bar's "Lost the
// connection" notice (App) and a lazy part's message start from the client's state, not null.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PortholeClient } from '../bridge/client.js';
import type { Bridge } from '../bridge/types.js';
import { ClientProvider } from './client-context.js';
import { useLinkLost } from './use-link-lost.js';

/** A bridge whose link can be lost on demand, as the web host's socket closing does. */
function bridgeLosable(): { bridge: Bridge; lose: (reason: string) => void } {
  const listeners = new Set<(reason: string, hostRestarted: boolean) => void>();
  const bridge: Bridge = {
    linked: Promise.resolve(),
    request: () => Promise.reject(new Error('not used')),
    onEvent: () => () => undefined,
    onRejected: () => () => undefined,
    sendData: () => undefined,
    onData: () => () => undefined,
    onDisconnect: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openLink: (_url, _purpose, viaHost) => viaHost(),
    guardUnload: () => () => undefined,
    browserKeys: true,
    showsFiles: false,
  };
  return { bridge, lose: (reason) => listeners.forEach((l) => l(reason, false)) };
}

function LinkNotice() {
  return createElement('p', null, useLinkLost() ?? 'linked');
}

const render = (client: PortholeClient): string => renderToStaticMarkup(createElement(ClientProvider, { client, children: createElement(LinkNotice) }));

describe('useLinkLost', () => {
  it('shows a link lost before the first render (no effect has subscribed yet)', () => {
    const { bridge, lose } = bridgeLosable();
    const client = new PortholeClient(bridge);
    lose('Lost the connection to the web host');
    // renderToStaticMarkup runs no effects: only the first render's state can say it.
    expect(render(client)).toBe('<p>Lost the connection to the web host</p>');
  });

  it('says nothing while the link holds', () => {
    expect(render(new PortholeClient(bridgeLosable().bridge))).toBe('<p>linked</p>');
  });
});
