// Find in the active terminal's scrollback (the search addon), Enter for next, Shift+Enter for previous.
import { useEffect, useRef, useState } from 'react';
import type { TerminalController } from '../terminal/terminal-controller.js';

export function FindBar({ controller, onClose }: { controller: TerminalController; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<boolean | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    return () => controller.clearFind();
  }, [controller]);

  const search = (q: string, direction: 'next' | 'previous'): void => {
    setFound(q.length === 0 ? null : controller.find(q, direction));
  };

  return (
    <div className="find-bar" role="search">
      <input
        ref={input}
        type="text"
        aria-label="Find in terminal"
        placeholder="Find"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          search(e.target.value, 'next');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') search(query, e.shiftKey ? 'previous' : 'next');
          else if (e.key === 'Escape') {
            onClose();
            controller.focus();
          } else return;
          e.preventDefault();
        }}
      />
      <span className="find-result">{found === false ? 'No results' : ''}</span>
      <button className="icon-button" aria-label="Previous match" onClick={() => search(query, 'previous')}>
        ↑
      </button>
      <button className="icon-button" aria-label="Next match" onClick={() => search(query, 'next')}>
        ↓
      </button>
      <button
        className="icon-button"
        aria-label="Close find"
        onClick={() => {
          onClose();
          controller.focus();
        }}
      >
        ×
      </button>
    </div>
  );
}
