// A redraw with nothing selected makes the DOM renderer forget the selection it drew, so its next
// resize cannot draw it again.
import { describe, expect, it } from 'vitest';
import { preventSelectionGhosts } from './selection-ghost.js';

type P = [number, number];

/** Stands in for the DOM renderer's selection memory and for xterm's render service. */
function setup(renderer: object | undefined) {
  const calls: Array<[P | undefined, P | undefined]> = [];
  const service = {
    _renderer: { value: renderer },
    handleSelectionChanged(start: P | undefined, end: P | undefined, _columnSelectMode: boolean): void {
      calls.push([start, end]);
    },
  };
  return { service, calls, terminal: { _core: { _renderService: service } } };
}

function drawn() {
  return {
    selectionStart: [0, 1] as P | undefined,
    clear(): void {
      this.selectionStart = undefined;
    },
  };
}

describe('preventSelectionGhosts', () => {
  it('a redraw with nothing selected clears what the DOM renderer remembers, and still reaches it', () => {
    const model = drawn();
    const { service, calls, terminal } = setup({ _selectionRenderModel: model });
    expect(preventSelectionGhosts(terminal)).toBe(true);
    service.handleSelectionChanged([0, 1], [4, 1], false);
    expect(model.selectionStart).toEqual([0, 1]);
    service.handleSelectionChanged(undefined, undefined, false);
    expect(model.selectionStart).toBeUndefined();
    expect(calls).toEqual([
      [[0, 1], [4, 1]],
      [undefined, undefined],
    ]);
  });

  it('leaves a renderer without that memory (WebGL) alone, and a missing renderer', () => {
    const other = { _model: { selection: drawn() } };
    const { service, calls, terminal } = setup(other);
    preventSelectionGhosts(terminal);
    service.handleSelectionChanged(undefined, undefined, false);
    expect(other._model.selection.selectionStart).toEqual([0, 1]);
    const none = setup(undefined);
    preventSelectionGhosts(none.terminal);
    none.service.handleSelectionChanged(undefined, undefined, false);
    expect(calls).toHaveLength(1);
    expect(none.calls).toHaveLength(1);
  });

  it('changes nothing and says so when the internals are not there', () => {
    expect(preventSelectionGhosts({})).toBe(false);
    expect(preventSelectionGhosts({ _core: { _renderService: { handleSelectionChanged: (_s: unknown): void => undefined } } })).toBe(false);
  });
});
