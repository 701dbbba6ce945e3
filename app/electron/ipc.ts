// Wires the router to Electron: control requests over ipcMain.handle, pushes (events,
// rejections) over webContents.send, and the data plane over one MessagePort per page load.
import { ipcMain, MessageChannelMain, type IpcMainEvent, type IpcMainInvokeEvent, type MessagePortMain, type WebContents } from 'electron';
import { IPC_CHANNELS } from '../../shared/contract/index.js';
import type { ClientTransport, Router } from '../../main/ipc/router.js';
import { IpcGate, type SenderInfo } from './ipc-gate.js';
import { WindowLinks } from './window-links.js';

function senderInfo(event: IpcMainEvent | IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { id: event.sender.id, frame: frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null };
}

/** Returns the gate, so the window close guard can ask which sessions a window owns. */
export function installIpc(router: Router): IpcGate {
  const gate = new IpcGate(router);
  const links = new WindowLinks<MessagePortMain>(gate);

  ipcMain.handle(IPC_CHANNELS.control, (event, raw: unknown) => gate.control(senderInfo(event), raw));

  ipcMain.on(IPC_CHANNELS.connect, (event) => {
    const contents: WebContents = event.sender;
    const info = senderInfo(event);
    const { port1, port2 } = new MessageChannelMain();
    const transport: ClientTransport = {
      sendControl: (msg) => {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.push, msg);
      },
      sendData: (msg) => port1.postMessage(msg),
    };
    const connected = links.connect(contents, info, port1, transport);
    if (!('handleControl' in connected)) {
      port2.close();
      console.error(`porthole: ${connected.message}`);
      return;
    }
    port1.on('message', (e) => {
      const error = gate.data(info.id, e.data);
      if (error !== null) console.warn(`porthole: ${error.message}`);
    });
    port1.start();
    contents.postMessage(IPC_CHANNELS.port, null, [port2]);
  });
  return gate;
}
