// The one adapter between the renderer and whichever host it runs under. Everything it
// delivers is unchecked; renderer/bridge/client.ts validates it against the contract.
// What differs between hosts is answered here, so nothing outside renderer/bridge/ asks which
// host it runs under.
import type { LinkPurpose, OpenLinkResult, ServiceName, ToMainData } from '../../shared/contract/index.js';

export interface Bridge {
  /**
   * Settles once requests made now go straight to the host: the web host's socket is open (or
   * lost: then requests fail at once). Requests made before are queued and sent when it opens.
   */
  readonly linked: Promise<void>;
  /** Sends a control request; resolves with the raw response envelope. */
  request(service: ServiceName, method: string, params: unknown): Promise<unknown>;
  onEvent(service: ServiceName, event: string, listener: (payload: unknown) => void): () => void;
  /** Main refused something this window sent, or sent a reply no request can claim. */
  onRejected(listener: (raw: unknown) => void): () => void;
  sendData(msg: ToMainData): void;
  onData(listener: (raw: unknown) => void): () => void;
  /**
   * Fires if the link to the host is lost (the web host stopped, the socket dropped), and once
   * more, with `hostRestarted` true, if the page then finds a new start of the web host on its
   * address (which refuses the page's token as an earlier run's).
   */
  onDisconnect(listener: (reason: string, hostRestarted: boolean) => void): () => void;
  /**
   * Opens a web address outside Porthole: from the page when this host lets a page open windows,
   * otherwise through `viaHost` (the contract's `links.open`, checked by the client). A page that
   * opens it itself checks it against the same contract schema first.
   */
  openLink(url: string, purpose: LinkPurpose, viaHost: () => Promise<OpenLinkResult>): Promise<OpenLinkResult>;
  /**
   * Asks before the page unloads whenever `shouldAsk()` is true, where the page decides that; a
   * host that guards closing itself ignores it. Returns the undo.
   */
  guardUnload(shouldAsk: () => boolean): () => void;
  /**
   * The page runs in a browser tab, whose browser keeps some keys for itself (Ctrl+T, Ctrl+W,
   * Ctrl+Tab…): the app binds its tab actions to other keys there.
   */
  readonly browserKeys: boolean;
  /** The host can show a file Porthole wrote in the system's file manager (contract `files`). */
  readonly showsFiles: boolean;
}

