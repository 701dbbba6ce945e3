// Renderer entry: connect to the host through the one adapter, then render the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { ClientProvider } from './app/client-context.js';
import { connectBridge } from './bridge/index.js';
import { PortholeClient } from './bridge/client.js';
import './styles/tokens.css';
import './styles/app.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
const client = new PortholeClient(connectBridge());
createRoot(root).render(
  <StrictMode>
    <ClientProvider client={client}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
