import { describe, expect, it } from 'vitest';
import { listenFailureText, parseWebArgs, WebArgsError } from './args.js';

const refusal = (args: string[], env: NodeJS.ProcessEnv = {}): string => {
  try {
    parseWebArgs(args, env);
  } catch (err) {
    expect(err).toBeInstanceOf(WebArgsError);
    return (err as Error).message;
  }
  return '(accepted)';
};

describe('parseWebArgs', () => {
  it('takes --port, else PORTHOLE_PORT, else a free port (0)', () => {
    expect(parseWebArgs(['--port', '7000'], { PORTHOLE_PORT: '8000' })).toEqual({ help: false, port: 7000 });
    expect(parseWebArgs(['--port=7001'], {})).toEqual({ help: false, port: 7001 });
    expect(parseWebArgs([], { PORTHOLE_PORT: '8000' })).toEqual({ help: false, port: 8000 });
    expect(parseWebArgs([], {})).toEqual({ help: false, port: 0 });
    expect(parseWebArgs(['--help'], {})).toEqual({ help: true });
  });

  it('refuses what it would otherwise have ignored: a --port without a value, unknown options, stray words', () => {
    expect(refusal(['--port'])).toBe('--port needs a value');
    expect(refusal(['--bogus'])).toBe('unknown option --bogus');
    expect(refusal(['extra'])).toBe('unexpected argument "extra"');
    expect(refusal(['--port', 'abc'])).toBe('--port must be a port number from 0 to 65535 (0: a free port), got "abc"');
    expect(refusal([], { PORTHOLE_PORT: '99999' })).toBe('PORTHOLE_PORT must be a port number from 0 to 65535 (0: a free port), got "99999"');
  });

  it("accepts a host's own value options (the test host's --pacing) only when it names them", () => {
    expect(parseWebArgs(['--pacing', 'unpaced', '--port', '0'], {}, ['pacing'])).toEqual({ help: false, port: 0 });
    expect(refusal(['--pacing', 'unpaced'])).toBe('unknown option --pacing');
  });
});

describe('listenFailureText', () => {
  it('says a port in use in words, with the ways out', () => {
    expect(listenFailureText(Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:7000'), { code: 'EADDRINUSE' }), 7000)).toBe(
      'port 7000 on 127.0.0.1 is already in use (another Porthole web host?). Stop that one, pick another port with --port N, or leave --port out for a free one.',
    );
  });
});

describe('startWebApp on a port that is taken', () => {
  it('fails with the words, not listen EADDRINUSE', async () => {
    const { createServer } = await import('node:net');
    const { startWebApp } = await import('./run.js');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await startWebApp({ staticDir: '/nonexistent', port, compose: () => Promise.reject(new Error('not started')) }).catch((e: unknown) => e);
      expect((err as Error).message).toBe(`port ${port} on 127.0.0.1 is already in use (another Porthole web host?). Stop that one, pick another port with --port N, or leave --port out for a free one.`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
