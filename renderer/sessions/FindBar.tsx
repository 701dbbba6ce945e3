// Find in the active terminal's scrollback (the search addon): typing finds the newest match (the
// one nearest the bottom), "3 of 17", Enter for the one above it (older), Shift+Enter for the one
// below, as in VS Code's terminal, and match case / whole word / regular expression toggles
// (Alt+C / Alt+W / Alt+R, as in VS Code). A regular expression that does not compile is said so,
// never searched. The bar floats over the top-right of the terminal (as VS Code's find widget
// does); a match it would hide is scrolled out from under it, or, at the top of the scrollback or
// in a view following the output, the bar moves to the foot of the terminal (find-reveal.ts).
import { useEffect, useRef, useState } from 'react';
import type { FindOptions, TerminalController } from '../terminal/terminal-controller.js';

type Toggle = keyof FindOptions;

const TOGGLES: ReadonlyArray<{ readonly key: Toggle; readonly code: string; readonly label: string; readonly title: string }> = [
  { key: 'caseSensitive', code: 'KeyC', label: 'Aa', title: 'Match case (Alt+C)' },
  { key: 'wholeWord', code: 'KeyW', label: 'ab', title: 'Match whole word (Alt+W)' },
  { key: 'regex', code: 'KeyR', label: '.*', title: 'Use regular expression (Alt+R)' },
];

interface Results {
  readonly index: number;
  readonly count: number;
}

/** Why a regular expression cannot be searched, or null when it can. */
export function regexProblem(query: string, options: FindOptions): string | null {
  if (!options.regex || query.length === 0) return null;
  try {
    new RegExp(query, options.caseSensitive ? 'g' : 'gi');
    return null;
  } catch (err) {
    return `Invalid regular expression: ${err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err)}`;
  }
}

/** "3 of 17"; past the addon's highlight limit it no longer knows the current index. */
function resultText(query: string, results: Results | null, found: boolean | null): string {
  if (query.length === 0) return '';
  if (results === null) return found === false ? 'No results' : '';
  if (results.count === 0) return 'No results';
  if (results.index < 0) return `${results.count}+ matches`;
  return `${results.index + 1} of ${results.count}`;
}

export function FindBar({ controller, onClose }: { controller: TerminalController; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<FindOptions>({ caseSensitive: false, wholeWord: false, regex: false });
  const [found, setFound] = useState<boolean | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(false);
  const problem = regexProblem(query, options);

  useEffect(() => {
    input.current?.focus();
    const sub = controller.onFindResults((e) => setResults({ index: e.resultIndex, count: e.resultCount }));
    return () => {
      sub.dispose();
      controller.clearFind();
    };
  }, [controller]);

  const search = (q: string, direction: 'next' | 'previous', opts: FindOptions): void => {
    if (q.length === 0 || regexProblem(q, opts) !== null) {
      controller.clearFind();
      setResults(null);
      setFound(null);
      return;
    }
    const hit = controller.find(q, direction, opts);
    setFound(hit);
    const box = bar.current;
    const edge = hit && box !== null ? controller.revealMatch(box.getBoundingClientRect()) : null;
    if (edge !== null) setAtBottom(edge === 'bottom');
  };

  const toggle = (key: Toggle): void => {
    const next = { ...options, [key]: !options[key] };
    setOptions(next);
    search(query, 'next', next);
  };

  const close = (): void => {
    onClose();
    controller.focus();
  };

  return (
    <div
      ref={bar}
      className={`find-bar${atBottom ? ' at-bottom' : ''}`}
      role="search"
      aria-label="Find"
      onKeyDown={(e) => {
        const t = e.altKey && !e.ctrlKey && !e.metaKey ? TOGGLES.find((x) => x.code === e.code) : undefined;
        if (t !== undefined) toggle(t.key);
        else if (e.key === 'Escape') close();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      <input
        ref={input}
        type="text"
        aria-label="Find in terminal"
        placeholder="Find"
        spellCheck={false}
        value={query}
        aria-invalid={problem !== null}
        onChange={(e) => {
          setQuery(e.target.value);
          // Upward from the bottom, as VS Code's terminal does: the newest output is what one
          // looks for (the latest error), not the oldest line of the scrollback. Each letter
          // typed keeps the match in place while it still matches.
          search(e.target.value, 'previous', options);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          // Typing started at the bottom: Enter goes on upward, to older output (it went down and
          // wrapped straight to the top of the scrollback).
          search(query, e.shiftKey ? 'next' : 'previous', options);
        }}
      />
      {TOGGLES.map((t) => (
        <button key={t.key} className={`find-toggle${options[t.key] ? ' on' : ''}`} aria-label={t.title} title={t.title} aria-pressed={options[t.key]} onClick={() => toggle(t.key)}>
          {t.label}
        </button>
      ))}
      <span className="find-result" role="status" data-testid="find-result">
        {problem === null ? resultText(query, results, found) : ''}
      </span>
      <button className="icon-button" aria-label="Previous match (Enter)" title="Previous match (Enter)" disabled={problem !== null} onClick={() => search(query, 'previous', options)}>
        ↑
      </button>
      <button className="icon-button" aria-label="Next match (Shift+Enter)" title="Next match (Shift+Enter)" disabled={problem !== null} onClick={() => search(query, 'next', options)}>
        ↓
      </button>
      <button className="icon-button" aria-label="Close find" title="Close (Esc)" onClick={close}>
        ×
      </button>
      {problem !== null && (
        <p className="find-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
