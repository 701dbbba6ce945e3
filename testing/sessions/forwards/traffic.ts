/**
 * Test and bench support: drive bytes through a local forward port and check them.
 * `echoTransfer` sends N random bytes to an echo target and hashes what comes back;
 * `download` fetches N bytes over HTTP GET /large?bytes=N from the sandbox's http targets.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';

/** Bytes written per socket.write: large enough that per-call overhead does not dominate. */
const WRITE_CHUNK = 64 * 1024;

export interface EchoResult {
  sentSha256: string;
  receivedSha256: string;
  bytes: number;
}

/** Sends `bytes` random bytes through the forward to an echo target and collects the echo. */
export function echoTransfer(port: number, bytes: number): Promise<EchoResult> {
  return new Promise((resolve, reject) => {
    const sent = createHash('sha256');
    const received = createHash('sha256');
    let got = 0;
    let written = 0;
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', reject);
    const pump = () => {
      while (written < bytes) {
        const chunk = randomBytes(Math.min(WRITE_CHUNK, bytes - written));
        sent.update(chunk);
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', pump);
    socket.on('data', (d: Buffer) => {
      received.update(d);
      got += d.length;
      if (got >= bytes) {
        socket.end();
        resolve({ sentSha256: sent.digest('hex'), receivedSha256: received.digest('hex'), bytes: got });
      }
    });
    socket.on('close', () => got < bytes && reject(new Error(`echo connection closed after ${got} of ${bytes} bytes`)));
  });
}

/** GET /large?bytes=N through the forward; resolves with the byte count received. */
export function download(port: number, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: `/large?bytes=${bytes}`, agent: false }, (res) => {
        let got = 0;
        res.on('data', (d: Buffer) => (got += d.length));
        res.on('end', () => (got === bytes ? resolve(got) : reject(new Error(`download ended after ${got} of ${bytes} bytes`))));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
