import { describe, expect, it } from 'vitest';
import { inputNoticeText, inputSize } from './input-notice.js';

describe('the words for input that did not reach the session', () => {
  it('says what was not sent, why, and what to do', () => {
    expect(inputNoticeText({ kind: 'paste', bytes: 120_000, why: 'starting' }, null)).toBe('Paste of 120 KB not sent: the session was still starting. Paste again once it is connected.');
    expect(inputNoticeText({ kind: 'keys', bytes: 3, why: 'closed' }, null)).toBe('Typed input (3 bytes) not sent: the session is closed. Reopen it, then type it again.');
    expect(inputNoticeText({ kind: 'keys', bytes: 2, why: 'elsewhere' }, null)).toBe('Typed input (2 bytes) not sent: this session is open in another window. Take it back here, then type it again.');
    expect(inputNoticeText({ kind: 'paste', bytes: 5, why: 'elsewhere' }, null)).toBe('Paste of 5 bytes not sent: this session is open in another window. Take it back here, then paste again.');
    expect(inputNoticeText({ kind: 'paste', bytes: 2_500_000, why: 'other', detail: 'Malformed data message.' }, null)).toBe('Paste of 2.5 MB not sent: Malformed data message.');
  });

  it('names the lost link as the cause when it is gone, with its own advice', () => {
    expect(inputNoticeText({ kind: 'paste', bytes: 10, why: 'closed' }, 'Reload this page.')).toBe("Paste of 10 bytes not sent: the link to Porthole's host is lost. Reload this page.");
  });

  it('reads sizes as a person does', () => {
    expect([inputSize(1), inputSize(999), inputSize(1000), inputSize(65_536), inputSize(1_048_576)]).toEqual(['1 byte', '999 bytes', '1 KB', '66 KB', '1.0 MB']);
  });
});
