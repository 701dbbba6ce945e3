import { afterEach, describe, expect, it } from 'vitest';
import { routeUncaughtReports } from '../../process/report.js';
import { Emitter } from './emitter.js';

interface BellEvents {
  ring: [times: number];
  quiet: [];
}
class Bell extends Emitter<BellEvents> {
  ring(times: number): void {
    this.emit('ring', times);
  }
  hush(): void {
    this.emit('quiet');
  }
}

let unroute: (() => void) | undefined;
afterEach(() => unroute?.());

/** Captures what reaches the process's report path (the safety net's place in a host). */
function captureReports(): Array<{ kind: string; error: unknown }> {
  const reports: Array<{ kind: string; error: unknown }> = [];
  unroute = routeUncaughtReports((kind, error) => reports.push({ kind, error }));
  return reports;
}

describe('Emitter: what happens when a listener throws', () => {
  it('runs every other listener, before and after the throwing one, and returns normally to the emitter', () => {
    const reports = captureReports();
    const bell = new Bell();
    const heard: string[] = [];
    bell.on('ring', (n) => heard.push(`first ${n}`));
    bell.on('ring', () => {
      throw new Error('listener-boom');
    });
    bell.on('ring', (n) => heard.push(`third ${n}`));
    expect(() => bell.ring(2)).not.toThrow();
    expect(heard).toEqual(['first 2', 'third 2']);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.kind).toBe('a listener for "ring" threw (the other listeners still ran)');
    expect((reports[0]!.error as Error).message).toBe('listener-boom');
  });

  it('reports every throw, not only the first, and keeps working after one', () => {
    const reports = captureReports();
    const bell = new Bell();
    let heard = 0;
    bell.on('ring', () => {
      throw new Error('again');
    });
    bell.on('ring', () => heard++);
    bell.ring(1);
    bell.ring(1);
    expect(heard).toBe(2);
    expect(reports.map((r) => (r.error as Error).message)).toEqual(['again', 'again']);
  });

  it('a once() listener that throws is still removed', () => {
    captureReports();
    const bell = new Bell();
    let calls = 0;
    bell.once('quiet', () => {
      calls++;
      throw new Error('once-boom');
    });
    bell.hush();
    bell.hush();
    expect(calls).toBe(1);
    expect(bell.listenerCount('quiet')).toBe(0);
  });
});

describe('Emitter: subscribing', () => {
  it('on() returns the unsubscribe function, off() removes a listener, listenerCount() counts', () => {
    const bell = new Bell();
    const heard: number[] = [];
    const a = (n: number) => heard.push(n);
    const b = (n: number) => heard.push(n * 10);
    const offA = bell.on('ring', a);
    bell.on('ring', b);
    expect(bell.listenerCount('ring')).toBe(2);
    bell.ring(1);
    offA();
    bell.off('ring', b);
    bell.ring(2);
    expect(heard).toEqual([1, 10]);
    expect(bell.listenerCount('ring')).toBe(0);
  });

  it('next() resolves with the arguments of the next emit only', async () => {
    const bell = new Bell();
    const next = bell.next('ring');
    bell.ring(7);
    bell.ring(8);
    expect(await next).toEqual([7]);
    expect(bell.listenerCount('ring')).toBe(0);
  });
});

describe('Emitter: who hears an emit when listeners change', () => {
  it('an emit runs the listeners subscribed when it began; changes, made during it or between emits, apply from the next emit', () => {
    const bell = new Bell();
    const heard: string[] = [];
    const late = (n: number) => heard.push(`late ${n}`);
    const offFirst = bell.on('ring', (n) => {
      heard.push(`first ${n}`);
      if (n === 1) {
        bell.on('ring', late); // added during the emit: not run by it
        offSecond(); // removed during the emit: still run by it
      }
    });
    const offSecond = bell.on('ring', (n) => heard.push(`second ${n}`));
    bell.ring(1);
    expect(heard).toEqual(['first 1', 'second 1']);
    bell.ring(2);
    expect(heard.slice(2)).toEqual(['first 2', 'late 2']);
    offFirst();
    bell.off('ring', late);
    bell.ring(3);
    expect(heard.slice(4)).toEqual([]);
    const again = bell.on('ring', (n) => heard.push(`again ${n}`));
    bell.ring(4);
    expect(heard.slice(4)).toEqual(['again 4']);
    again();
    bell.ring(5);
    expect(heard.slice(5)).toEqual([]);
  });
});
