// Renderer entry: connect to the host through the one adapter, build the model, render the app.
// First import: the link to the host opens before anything else is evaluated (bridge/connect-first.ts).
import { bridge } from './bridge/connect-first.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xterm/xterm/css/xterm.css';
import { App } from './root/App.js';
import { AppModel } from './root/app-model.js';
import { ClientProvider } from './root/client-context.js';
import { ModelProvider } from './root/model-context.js';
import { PortholeClient } from './bridge/client.js';
import { linkedOrAfter } from './bridge/first-render.js';
import './styles/tokens.css';
import './styles/app.css';
import './styles/layout.css';
import './styles/panel-rows.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
const client = new PortholeClient(bridge);
const model = new AppModel(client);
model.start();
// The e2e tests' read-only hook exists in the test build only; the product bundle has no trace of it.
if (__PORTHOLE_TEST_BUILD__) void import('./root/test-hook.js').then(({ installTestHook }) => installTestHook(model));
const render = (): void =>
  createRoot(root).render(
    <StrictMode>
      <ClientProvider client={client}>
        <ModelProvider model={model}>
          <App />
        </ModelProvider>
      </ClientProvider>
    </StrictMode>,
  );
// After the host's socket opens (bounded): the first calls go out before the first render (bridge/first-render.ts).
void linkedOrAfter(bridge.linked).then(render);
