import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ToastRegion } from './Toasts.js';

const noop = (): void => undefined;

describe('ToastRegion', () => {
  it('keeps the live region in the page with no toast, so the first one is announced', () => {
    const html = renderToStaticMarkup(createElement(ToastRegion, { toasts: [], dismiss: noop }));
    expect(html).toBe('<div class="toasts" role="status" aria-live="polite"></div>');
  });

  it('puts a toast inside that same region', () => {
    const html = renderToStaticMarkup(createElement(ToastRegion, { toasts: [{ id: 1, text: 'Copied localhost:8080', tone: 'info', actions: [] }], dismiss: noop }));
    expect(html).toMatch(/^<div class="toasts" role="status" aria-live="polite"><div class="toast toast-info"><span class="toast-text">Copied localhost:8080<\/span><\/div><\/div>$/);
  });
});
