// Bottom line: the active session's state, the host and version, the sandbox, the link state,
// and the theme switch.
import { ThemeSchema, type AppInfo, type Theme } from '../../shared/contract/index.js';
import { useModel } from '../root/model-context.js';
import type { Tab } from '../sessions/session-types.js';
import type { CallState } from '../root/use-call.js';
import { INPUT_WAIT_WORDS, inputWaitSeconds, statusLine } from '../sessions/tab-status.js';
import { useStore } from '../state/store.js';
import { notReadyReason, targetOf } from '../tree/node-view.js';
import { findNode } from '../tree/tree-store.js';
import { SettingsPopover } from './SettingsPopover.js';

const THEME_WORDS: Readonly<Record<Theme, string>> = { system: 'System', dark: 'Dark', light: 'Light' };

export interface StatusBarProps {
  readonly info: CallState<AppInfo>;
  readonly disconnected: string | null;
  readonly onShortcuts: () => void;
  /** The Settings popover: held by <App> so the palette's Settings opens it too. */
  readonly settingsOpen: boolean;
  readonly onSettings: (open: boolean) => void;
}

export function StatusBar({ info, disconnected, onShortcuts, settingsOpen: open, onSettings: setOpen }: StatusBarProps) {
  const model = useModel();
  const settings = useStore(model.settings);
  const { tabs, activeKey } = useStore(model.sessions);
  const active = tabs.find((t) => t.key === activeKey);
  const tree = useStore(model.tree);
  const selected = tree.focused ? findNode(tree, tree.selected) : undefined;
  // With the link lost neither can start (the details' buttons are off), and the notice needs the room.
  const hint = disconnected !== null || selected === undefined || targetOf(selected) === null ? null : notReadyReason(selected) === null ? 'Enter or double-click to open a shell' : 'Not ready for a shell: Enter or double-click runs Diagnose';
  return (
    <footer className="status-bar" role="status">
      {info.status === 'ready' && info.value.sandbox.active && (
        <span data-testid="app-sandbox" className="badge badge-accent status-item" data-endpoint={info.value.sandbox.endpoint ?? ''} title="The local sandbox: an emulated AWS API, usable with the AWS CLI's --endpoint-url">
          {/* With the link lost the address is its old run's: the notice beside it needs the room more (at 1024 it was held to half the bar). */}
          {disconnected === null ? `sandbox ${info.value.sandbox.endpoint ?? ''}` : 'sandbox'}
        </span>
      )}
      {info.status === 'ready' && !info.value.sandbox.active && (
        <span data-testid="app-sandbox" className="badge status-item">
          AWS
        </span>
      )}
      {hint !== null && (
        <span className="status-hint" data-testid="status-hint" title={hint}>
          {hint}
        </span>
      )}
      {/* With the link lost, the tab's own line would repeat the notice below (its session ended with the link). */}
      {active && hint === null && disconnected === null && <SessionLine tab={active} />}
      {active?.recording && (
        <span className="status-recording" data-testid="status-recording" title={active.recording.path}>
          <span className="tab-rec" aria-hidden="true" />
          Recording
          <button className="status-button" onClick={() => void model.sessions.setRecording(active.key, false)}>
            Stop
          </button>
        </span>
      )}
      {info.status === 'error' && (
        <span className="status-error" title={info.message}>
          {info.message}
        </span>
      )}
      {disconnected !== null && (
        <span className="status-error status-link-lost" data-testid="disconnected" title={disconnected}>
          {disconnected}
        </span>
      )}
      {settings.error !== null && (
        <span className="status-error" title={settings.error}>
          {settings.error}
        </span>
      )}
      <span className="status-spacer" />
      {/* With the link lost the version and host say nothing to act on, and squeezed beside the notice they were cut to "Po…" "w…". */}
      {info.status === 'ready' && disconnected === null && (
        <>
          <span className="status-item status-about" data-testid="app-version">Porthole {info.value.version}</span>
          <span className="status-item status-about" data-testid="app-host">{info.value.host === 'web' ? 'web' : 'desktop'} · {info.value.platform}</span>
        </>
      )}
      <button className="status-button" title={`Keyboard shortcuts (${model.keymap.label('showShortcuts')})`} onClick={onShortcuts}>
        Shortcuts
      </button>
      <button className="status-button" aria-haspopup="dialog" aria-expanded={open} disabled={settings.settings === null} onClick={() => setOpen(!open)}>
        Settings
      </button>
      {open && <SettingsPopover onClose={() => setOpen(false)} />}
      <label className="status-control">
        Theme
        <select
          data-testid="theme-select"
          value={settings.settings?.theme ?? 'system'}
          disabled={settings.settings === null}
          onChange={(e) => void model.settings.update({ theme: e.target.value as Theme })}
        >
          {ThemeSchema.options.map((t) => (
            <option key={t} value={t}>
              {THEME_WORDS[t]}
            </option>
          ))}
        </select>
      </label>
    </footer>
  );
}

/**
 * The active tab's line. While its input waits, the seconds (which change every second) are hidden
 * from assistive technology: the footer is a live region, and only the wait's start and end are news.
 */
function SessionLine({ tab }: { readonly tab: Tab }) {
  const waited = inputWaitSeconds(tab);
  return (
    <span className={`status-session${waited === null ? '' : ' status-warn'}`} data-testid="status-session" title={statusLine(tab)}>
      {waited === null ? (
        statusLine(tab)
      ) : (
        <>
          {INPUT_WAIT_WORDS.lead}
          <span aria-hidden="true" data-testid="status-wait-seconds">{` for ${waited} s`}</span>
          {INPUT_WAIT_WORDS.rest}
        </>
      )}
    </span>
  );
}
