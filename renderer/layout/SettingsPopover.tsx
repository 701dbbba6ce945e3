// Terminal preferences from the status bar: font, font size, scrollback, paste guard, close
// confirmation, copy on select and the ECS shell command. Each change is saved by main and reaches every window.
// A value out of range is not saved and the field says the range. A popover, not a modal (it
// stays beside the status bar and closes on a click elsewhere), with the Dialog's keyboard:
// focus on the first field, Tab kept inside, Esc closes, focus back on the Settings button.
import { useEffect, useId, useRef, useState } from 'react';
import { SETTINGS_BOUNDS, type Settings, type SettingsPatch } from '../../shared/contract/index.js';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { fontNames } from '../terminal/font-stack.js';
import { trapTab } from '../ui/focus-trap.js';
import { useReturnFocus } from '../ui/return-focus.js';

const count = new Intl.NumberFormat('en-US');

/**
 * A text field checked on Enter or blur: `check` returns why a value is refused (saying what the
 * setting stays), or null; a refused value is not saved and stays in the field until corrected.
 */
function CheckedField({ label, value, check, onCommit, hint, numeric = false }: {
  label: string;
  value: string;
  check: (text: string) => string | null;
  onCommit: (text: string) => void;
  hint?: string;
  numeric?: boolean;
}) {
  const [text, setText] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  const hintId = useId();
  useEffect(() => setText(value), [value]);
  const commit = (): void => {
    const t = text.trim();
    const refused = check(t);
    setProblem(refused);
    if (refused === null && t !== value) onCommit(t);
  };
  return (
    <label className="field">
      <span>{label}</span>
      <input
        aria-label={label}
        inputMode={numeric ? 'numeric' : undefined}
        spellCheck={numeric ? undefined : false}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={problem !== null ? errorId : hint !== undefined ? hintId : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {problem !== null ? (
        <span id={errorId} className="field-error" role="alert">
          {problem}
        </span>
      ) : (
        hint !== undefined && (
          <span id={hintId} className="field-hint">
            {hint}
          </span>
        )
      )}
    </label>
  );
}

function NumberField({ label, value, min, max, onCommit }: { label: string; value: number; min: number; max: number; onCommit: (n: number) => void }) {
  const check = (t: string): string | null => {
    const n = Number(t);
    return t !== '' && Number.isInteger(n) && n >= min && n <= max ? null : `${label} must be a whole number from ${count.format(min)} to ${count.format(max)}; it stays ${count.format(value)}.`;
  };
  return <CheckedField label={label} value={String(value)} numeric check={check} onCommit={(t) => Number(t) !== value && onCommit(Number(t))} />;
}

/** Free text; a name that is not installed falls back to the monospace stack (terminal/font-stack.ts). */
function FontField({ value, onCommit }: { value: string; onCommit: (v: string) => void }) {
  const check = (t: string): string | null => {
    if (t.length > SETTINGS_BOUNDS.FONT_FAMILY_MAX) return `A font list has at most ${SETTINGS_BOUNDS.FONT_FAMILY_MAX} characters; it stays as it was.`;
    if (fontNames(t).length === 0) return `Enter a font name such as Fira Code (several: separated by commas); it stays ${value}.`;
    return null;
  };
  return <CheckedField label="Terminal font" value={value} check={check} onCommit={onCommit} hint="A font that is not installed falls back to a monospace one." />;
}

/** The command ECS Exec starts; a refused value (empty, too long) says why and the field keeps showing it until corrected. */
function ShellCommandField({ value, onCommit }: { value: string; onCommit: (v: string) => void }) {
  const check = (t: string): string | null => {
    if (t === '') return `Enter the command ECS Exec runs in a container, such as /bin/bash; it stays ${value}.`;
    if (t.length > SETTINGS_BOUNDS.SHELL_COMMAND_MAX) return `The command has at most ${count.format(SETTINGS_BOUNDS.SHELL_COMMAND_MAX)} characters; it stays ${value}.`;
    return null;
  };
  return <CheckedField label="ECS Exec command" value={value} check={check} onCommit={onCommit} />;
}

export function SettingsPopover({ onClose }: { onClose: () => void }) {
  const model = useModel();
  const { settings } = useStore(model.settings);
  const ref = useRef<HTMLDivElement>(null);
  useReturnFocus();

  useEffect(() => {
    const onDown = (e: MouseEvent): void => {
      // The status-bar button toggles the popover itself.
      const target = e.target as Element;
      if (!ref.current?.contains(target) && target.closest('.status-button') === null) onClose();
    };
    window.addEventListener('mousedown', onDown, true);
    return () => window.removeEventListener('mousedown', onDown, true);
  }, [onClose]);

  // The first field has the keyboard once the settings are there to show (the popover renders nothing before).
  const ready = settings !== null;
  useEffect(() => {
    if (ready) ref.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [ready]);

  if (settings === null) return null;
  const save = (patch: SettingsPatch): void => void model.settings.update(patch);
  const s: Settings = settings;
  return (
    <div
      ref={ref}
      className="popover settings-popover"
      role="dialog"
      aria-labelledby="settings-title"
      data-overlay=""
      // A click on its text lands here, not on the page body, so Esc and Tab still reach it.
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        } else if (e.key === 'Tab' && ref.current !== null) trapTab(e, ref.current);
        // App-wide shortcuts stay out of the popover's fields, as in a Dialog.
        e.stopPropagation();
      }}
    >
      <div className="popover-header">
        <h2 id="settings-title" className="popover-title">
          Settings
        </h2>
        <button type="button" className="icon-button" aria-label="Close settings" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </div>
      <FontField value={s.fontFamily} onCommit={(fontFamily) => save({ fontFamily })} />
      <div className="field-row">
        <NumberField label="Font size" value={s.fontSize} min={SETTINGS_BOUNDS.FONT_SIZE_MIN} max={SETTINGS_BOUNDS.FONT_SIZE_MAX} onCommit={(fontSize) => save({ fontSize })} />
        <NumberField label="Scrollback lines" value={s.scrollback} min={0} max={SETTINGS_BOUNDS.SCROLLBACK_MAX} onCommit={(scrollback) => save({ scrollback })} />
      </div>
      <NumberField label="Ask before pasting more lines than (0: never ask)" value={s.pasteGuardLines} min={0} max={SETTINGS_BOUNDS.PASTE_GUARD_MAX} onCommit={(pasteGuardLines) => save({ pasteGuardLines })} />
      <ShellCommandField value={s.ecsShellCommand} onCommit={(ecsShellCommand) => save({ ecsShellCommand })} />
      <label className="check-field">
        <input type="checkbox" checked={s.confirmCloseLive} onChange={(e) => save({ confirmCloseLive: e.target.checked })} />
        Ask before closing a connected session
      </label>
      <label className="check-field">
        <input type="checkbox" checked={s.copyOnSelect} onChange={(e) => save({ copyOnSelect: e.target.checked })} />
        Copy text to the clipboard when it is selected
      </label>
    </div>
  );
}
