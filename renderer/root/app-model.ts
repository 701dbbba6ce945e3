// Everything the UI keeps outside React, built once per page: the client, the stores and the
// terminal registry. Components reach it through useModel(); StrictMode's double mount cannot
// build a second one or subscribe twice.
import { RenameRequestStore } from '../sessions/rename-request.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import { MfaStore } from '../auth/mfa-store.js';
import { SsoStore } from '../auth/sso-store.js';
import { DiagnosticsStore } from '../diagnostics/diagnostics-store.js';
import { ForwardDraftStore } from '../forwards/forward-draft.js';
import { ForwardStore } from '../forwards/forward-store.js';
import { InspectorStore } from '../inspector/inspector-store.js';
import { RELOAD_HINT, SessionHandover } from '../sessions/session-handover.js';
import { focusTree, keyboardIsLost } from '../ui/focus-tree.js';
import { readShownSessions, rememberShownSessions, tabStorage } from '../sessions/shown-sessions.js';
import { SessionStore } from '../sessions/session-store.js';
import { PanelStore } from '../state/panel-store.js';
import { LayoutStore } from '../layout/layout-store.js';
import { startPanelAutoOpen } from '../layout/panel-auto-open.js';
import { SettingsModel } from '../state/settings-model.js';
import type { TerminalLook } from '../terminal/terminal-controller.js';
import { openLink } from './open-link.js';
import { CommandRegistry } from '../commands/commands.js';
import { Keymap } from '../commands/keymap.js';
import { WorkAreaStore } from '../commands/work-area.js';
import { BackgroundWriter } from '../terminal/background-writer.js';
import { TerminalRegistry } from '../terminal/terminal-registry.js';
import { terminalFontStack } from '../terminal/font-stack.js';
import { documentTheme } from '../terminal/xterm-theme.js';
import { TransferStore } from '../transfers/transfer-store.js';
import { AddRegionRequestStore } from '../tree/add-region-request.js';
import { RefreshAllStore } from '../tree/refresh-all.js';
import { TREE_ROOT, TreeStore } from '../tree/tree-store.js';
import { DialogStore } from '../ui/dialog-store.js';
import { ToastStore } from '../ui/toast-store.js';

export class AppModel {
  readonly dialogs = new DialogStore();
  readonly toasts = new ToastStore();
  readonly panel: PanelStore;
  readonly layout: LayoutStore;
  readonly commands = new CommandRegistry();
  /** The tree or the terminals, whichever last had the keyboard: what the palette's target commands act on. */
  readonly workArea = new WorkAreaStore();
  readonly keymap: Keymap;
  readonly forwardDraft = new ForwardDraftStore();
  readonly tabRename = new RenameRequestStore();
  readonly addRegion = new AddRegionRequestStore();
  readonly settings: SettingsModel;
  readonly tree: TreeStore;
  readonly refreshAll: RefreshAllStore;
  readonly sessions: SessionStore;
  readonly handover: SessionHandover;
  readonly forwards: ForwardStore;
  readonly transfers: TransferStore;
  readonly diagnostics: DiagnosticsStore;
  readonly inspector: InspectorStore;
  readonly mfa: MfaStore;
  readonly sso: SsoStore;
  readonly registry: TerminalRegistry;
  #started = false;

  constructor(readonly client: PortholeClient) {
    this.keymap = new Keymap(client.browserKeys ? 'web' : 'desktop');
    this.settings = new SettingsModel(client);
    this.layout = new LayoutStore(this.settings);
    this.panel = new PanelStore((open) => this.layout.update({ panelOpen: open }));
    this.tree = new TreeStore(client, {
      saved: async () => (await this.settings.loaded)?.tree ?? null,
      save: (change) => this.settings.changeTree(change),
    });
    this.refreshAll = new RefreshAllStore(() => this.tree.refresh(null));
    this.forwards = new ForwardStore(client);
    this.transfers = new TransferStore(client, (message) => this.toasts.show(message, 'error'));
    this.diagnostics = new DiagnosticsStore(client);
    this.inspector = new InspectorStore(client);
    this.mfa = new MfaStore(client);
    this.sso = new SsoStore({
      client,
      open: (url) => this.openLink(url),
      signedIn: (profile) => {
        this.toasts.show(`Signed in: ${profile}`);
        const node = this.tree.branch(TREE_ROOT)?.children.find((n) => n.kind === 'profile' && n.profile === profile);
        // Reload the profile, then every branch under it that had failed (the login was why).
        if (node) void this.tree.refresh(node.id).then(() => this.tree.retryFailedBelow(node.id));
      },
    });
    this.sessions = new SessionStore({
      client,
      dialogs: this.dialogs,
      look: () => this.look(),
      confirmCloseLive: () => this.settings.current.confirmCloseLive,
      registry: () => this.registry,
      openFailed: (target, title) => {
        this.panel.show('diagnostics');
        void this.diagnostics.run(target, title);
      },
      failed: (message) => this.toasts.show(message, 'error'),
      recorded: (path) =>
        this.toasts.show(`Recording saved to ${path}`, 'info', {
          actions: [
            {
              label: 'Copy path',
              run: () => void navigator.clipboard?.writeText(path).then(() => this.toasts.show('Copied the recording’s path'), () => this.toasts.show('Could not reach the clipboard.', 'error')),
            },
            // The desktop host opens the folder; main shows only recordings it wrote itself.
            ...(client.showsFiles
              ? [
                  {
                    label: 'Show in folder',
                    run: () =>
                      void client.call('files', 'showInFolder', { path }).then(
                        (r) => r.shown || this.toasts.show(`Not shown: ${r.reason ?? path}`, 'error'),
                        (err: unknown) => this.toasts.show(`Could not show ${path}: ${errorText(err)}`, 'error'),
                      ),
                  },
                ]
              : []),
          ],
        }),
    });
    this.handover = new SessionHandover({
      client,
      sessions: this.sessions,
      registry: () => this.registry,
      look: () => this.look(),
      failed: (message) => this.toasts.show(message, 'error'),
    });
    this.registry = new TerminalRegistry(
      client,
      {
        sendInput: (id, bytes, kind) => client.sendInput(id, bytes, kind),
        inputRefused: (id, notice) => this.sessions.inputRefused(id, notice),
        sendAck: (id, n) => client.sendAck(id, n),
        sendResize: (id, cols, rows) => client.sendResize(id, cols, rows),
        confirmPaste: (lines) =>
          this.dialogs.confirm({
            title: `Paste ${lines} lines?`,
            message: 'Each line runs as a command in the remote shell as soon as it arrives.',
            confirmLabel: `Paste ${lines} lines`,
          }),
        openLink: (url) => openLink(client, url, 'link', (why) => this.toasts.show(why, 'error')),
        background: new BackgroundWriter(),
        keymap: this.keymap,
      },
      (id, status) => this.sessions.onStatus(id, status),
      // The terminal's code did not load (the host was rebuilt under this page): Reload fetches the new one.
      { loadFailed: (message) => this.toasts.show(message, 'error', { sticky: true, actions: [{ label: 'Reload', run: () => window.location.reload() }] }) },
    );
  }

  /**
   * Puts the keyboard in the active tab's terminal; false when no terminal shows. Deferred a frame:
   * a tab activated a moment ago is put into the document by the render that follows.
   */
  focusTerminal(): boolean {
    const id = this.sessions.active?.sessionId;
    if (!id || this.registry.get(id) === undefined) return false;
    requestAnimationFrame(() => {
      // A field that took the keyboard meanwhile keeps it (the tab's rename box after a double-click).
      const now = document.activeElement;
      if (now instanceof HTMLInputElement || (now instanceof HTMLTextAreaElement && !now.classList.contains('xterm-helper-textarea'))) return;
      this.registry.get(id)?.focus();
    });
    return true;
  }

  /**
   * Gives the keyboard to the work: the active terminal, else (no tab left) the tree, where the
   * next shell is opened. For when the thing that had it went away (a closed tab, a dialog whose
   * opener is gone), so it never stays on the page body.
   */
  focusWork(): void {
    if (this.focusTerminal()) return;
    // After the render that removed the tab; something that took the keyboard meanwhile keeps it.
    requestAnimationFrame(() => keyboardIsLost() && focusTree());
  }

  /** How terminals look now: settings plus the theme the document shows. */
  look(): TerminalLook {
    const s = this.settings.current;
    return { fontFamily: terminalFontStack(s.fontFamily), fontSize: s.fontSize, scrollback: s.scrollback, pasteGuardLines: s.pasteGuardLines, copyOnSelect: s.copyOnSelect, theme: documentTheme() };
  }

  /** Subscribes the stores and keeps terminals in step with settings and theme; idempotent. */
  /** Opens a web address outside Porthole; says so in a toast when it could not. */
  openLink(url: string): void {
    openLink(this.client, url, 'link', (why) => this.toasts.show(why, 'error'));
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.settings.start();
    this.workArea.track(document);
    this.tree.start();
    // A hidden window's tree is not polled in the background (main/aws/inventory/live-tree.ts).
    const treeShown = (): void => this.tree.setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', treeShown);
    treeShown();
    // A reload right after opening a branch: save it now rather than after the save delay.
    window.addEventListener('pagehide', () => this.tree.flushView());
    this.forwards.start();
    this.transfers.start();
    startPanelAutoOpen(this);
    this.inspector.start();
    this.mfa.start();
    this.sso.start();
    // Without the host link no session can go on; the tabs say so instead of looking connected.
    // A restarted host ended every shell of its previous run: no reload brings them back.
    this.client.onDisconnect((reason, restarted) => this.sessions.disconnected(restarted ? reason : `${reason} ${RELOAD_HINT}`));
    this.client.on('sessions', 'info', ({ session }) => this.sessions.onInfo(session));
    this.client.on('sessions', 'inputWait', ({ id, waitingMs }) => this.sessions.onInputWait(id, waitingMs));
    // A tab whose first launch runs (no session id yet) hears how it goes by its key: e.g. waiting on a credential_process sign-in.
    this.client.on('sessions', 'status', ({ status, openKey }) => openKey !== undefined && this.sessions.onOpening(openKey, status));
    // Input main refused is told in its tab, as what it was (main says back whether it was a paste; the terminal knows a paste's whole size).
    this.client.onRejected((error, input) => {
      if (input !== undefined) this.registry.get(input.sessionId)?.inputRefused(input.bytes, input.why, input.kind, error.message);
    });
    // Notices (e.g. a saved file set aside at start) as toasts that stay until clicked, each once.
    const told = new Set<number>();
    const tell = ({ id, message }: { id: number; message: string }): void => {
      if (told.has(id)) return;
      told.add(id);
      this.toasts.show(message, 'error', { sticky: true });
    };
    this.client.on('app', 'notice', tell);
    this.client.call('app', 'notices', {}).then(({ notices }) => notices.forEach(tell), () => undefined);
    // Sessions belong to main: take back what a previous page (or another window) had, and say so when another window takes them.
    this.client.on('sessions', 'moved', ({ ids, reason }) => {
      this.sessions.movedAway(ids, reason);
      this.toasts.show(`${ids.length === 1 ? 'A session' : `${ids.length} sessions`} moved to a newer Porthole window.`, 'error');
    });
    // Read before anything changes the tabs: the reload comes back on what this page showed.
    const storage = tabStorage();
    const shown = readShownSessions(storage);
    rememberShownSessions(this.sessions, storage);
    void this.handover.adoptAll(shown);
    // A tab closed by any way (×, middle click, its menu, keys): the keyboard it had goes to the work, not the body.
    let tabCount = this.sessions.state.tabs.length;
    this.sessions.subscribe(() => {
      const now = this.sessions.state.tabs.length;
      if (now < tabCount) requestAnimationFrame(() => keyboardIsLost() && this.focusWork());
      tabCount = now;
    });
    const restyle = (): void => {
      const look = this.look();
      for (const c of this.registry.all()) c.applyLook(look);
    };
    this.settings.subscribe(restyle);
    // A controller is built when the terminal code has loaded, with the look of when it was asked
    // for: settings that arrived meanwhile (a reload's adopted tabs) reach it here.
    this.registry.subscribe(restyle);
    new MutationObserver(restyle).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  }
}
