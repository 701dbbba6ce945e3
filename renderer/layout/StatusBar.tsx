// Bottom line: which host and version, the sandbox, the link state, and the theme switch.
import { ThemeSchema, type AppInfo, type Theme } from '../../shared/contract/index.js';
import type { CallState } from '../app/use-call.js';
import type { SettingsState } from '../app/use-settings.js';

interface Props {
  readonly info: CallState<AppInfo>;
  readonly settings: SettingsState;
  readonly disconnected: string | null;
}

export function StatusBar({ info, settings, disconnected }: Props) {
  return (
    <footer className="status-bar" role="status">
      {info.status === 'ready' && (
        <>
          <span data-testid="app-version">Porthole {info.value.version}</span>
          <span data-testid="app-host">{info.value.host === 'web' ? 'web' : 'desktop'} · {info.value.platform}</span>
          <span data-testid="app-sandbox" className={info.value.sandbox.active ? 'badge badge-accent' : 'badge'}>
            {info.value.sandbox.active ? `sandbox ${info.value.sandbox.endpoint ?? ''}` : 'AWS'}
          </span>
        </>
      )}
      {info.status === 'error' && <span className="status-error">{info.message}</span>}
      {disconnected !== null && (
        <span className="status-error" data-testid="disconnected">
          {disconnected}
        </span>
      )}
      {settings.error !== null && <span className="status-error">{settings.error}</span>}
      <span className="status-spacer" />
      <label className="status-control">
        Theme
        <select
          data-testid="theme-select"
          value={settings.settings?.theme ?? 'system'}
          disabled={settings.settings === null}
          onChange={(e) => void settings.update({ theme: e.target.value as Theme })}
        >
          {ThemeSchema.options.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
    </footer>
  );
}
