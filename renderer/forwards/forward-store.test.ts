// The forwards panel's live region: every announcement is a new one, so a message that says the
// same as the last (two forwards failing the same way, one forward failing twice, Save twice) is
// read out again; a forward going down is announced once per failure, with why.
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ForwardSpecSchema, type ForwardInfo } from '../../shared/contract/index.js';
import type { PortholeClient } from '../bridge/client.js';
import type { AppModel } from '../root/app-model.js';
import { ModelProvider } from '../root/model-context.js';
import { ForwardsAnnounceRegion, ForwardsAnnouncer } from './ForwardsAnnouncement.js';
import { ForwardStore, type Announcement } from './forward-store.js';

type Updated = (e: { id: string; forward: ForwardInfo | null }) => void;

const spec = ForwardSpecSchema.parse({
  target: { kind: 'ecs-container', profile: 'sandbox', region: 'us-east-1', cluster: 'demo-web', taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001', containerName: 'app', runtimeId: 'r' },
  remotePort: 8080,
  localPort: 'auto',
});
const GONE = { message: 'Auto-restart gave up: The task stopped (Task stopped by user); start the forward on a running task.' };

function info(id: string, state: ForwardInfo['state'], error: ForwardInfo['error'] = null): ForwardInfo {
  return { id, spec, localPort: null, lastLocalPort: 40000, state, error, connectionErrors: { count: 0, last: null } };
}

/** A started store, its list `initial`, and the host's `updated` events to send it. */
async function started(initial: ForwardInfo[] = []): Promise<{ store: ForwardStore; updated: Updated }> {
  let updated: Updated = () => undefined;
  const client = {
    onDisconnect: () => () => undefined,
    on: (_service: string, event: string, listener: Updated) => {
      if (event === 'updated') updated = listener;
      return () => undefined;
    },
    call: async (_service: string, method: string) => (method === 'saved' ? { saved: [] } : { forwards: initial, stats: [] }),
  };
  const store = new ForwardStore(client as unknown as PortholeClient);
  store.start();
  await store.reload();
  return { store, updated: (e) => updated(e) };
}

describe('the forwards panel live region', () => {
  it('says the same words again as a new announcement', async () => {
    const { store } = await started();
    store.announce('Saved forward “web”.');
    const first = store.getSnapshot().announcement;
    store.announce('Saved forward “web”.');
    const second = store.getSnapshot().announcement;
    expect(second.text).toBe(first.text);
    expect(second.seq).not.toBe(first.seq);
  });

  it('announces a forward going down, each time, the same forward failing the same way twice included', async () => {
    const { store, updated } = await started([info('f1', 'listening')]);
    const said: Announcement[] = [];
    store.subscribe(() => {
      const a = store.getSnapshot().announcement;
      if (a.seq !== said.at(-1)?.seq) said.push(a);
    });
    updated({ id: 'f1', forward: info('f1', 'failed', GONE) });
    // Still failed (its stats or settings changed): not said again.
    updated({ id: 'f1', forward: info('f1', 'failed', GONE) });
    updated({ id: 'f1', forward: info('f1', 'starting') });
    updated({ id: 'f1', forward: info('f1', 'failed', GONE) });
    const text = `Forward to app:8080 failed. ${GONE.message}`;
    expect(said.map((a) => a.text)).toEqual([text, text]);
    expect(new Set(said.map((a) => a.seq)).size).toBe(2);
  });

  it('announces two forwards failing the same way as two announcements, and not one already failed when the list loads', async () => {
    const { store, updated } = await started([info('old', 'failed', GONE), info('f1', 'listening'), info('f2', 'listening')]);
    expect(store.getSnapshot().announcement.seq).toBe(0);
    updated({ id: 'f1', forward: info('f1', 'failed', GONE) });
    const first = store.getSnapshot().announcement;
    updated({ id: 'f2', forward: info('f2', 'failed', GONE) });
    const second = store.getSnapshot().announcement;
    expect(second.text).toBe(first.text);
    expect(second.seq).toBe(first.seq + 1);
  });

  it('renders each announcement as its own node, so a repeated one is an addition to the region', () => {
    const span = (seq: number): ReactElement | null => (ForwardsAnnounceRegion({ announcement: { text: 'Forward to app:8080 failed.', seq } }).props as { children: ReactElement | null }).children;
    expect(span(3)?.key).toBe('3');
    expect(span(4)?.key).toBe('4');
    expect(span(0)).toBeNull();
  });

  it('is rendered from the store by the app-wide announcer, with no forwards panel: a failure is said whatever the panel shows', async () => {
    const { store, updated } = await started([info('f1', 'listening')]);
    const model = { forwards: store } as unknown as AppModel;
    const render = (): string => renderToStaticMarkup(createElement(ModelProvider, { model, children: createElement(ForwardsAnnouncer) }));
    expect(render()).toBe('<p class="visually-hidden" role="status" data-testid="forwards-announce"></p>');
    updated({ id: 'f1', forward: info('f1', 'failed', GONE) });
    expect(render()).toContain(`role="status" data-testid="forwards-announce"><span>Forward`);
    expect(render()).toContain(GONE.message);
  });
});
