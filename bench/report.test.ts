// The report's summary line: ratio against the same-run baseline, target text and met flag.
import { describe, expect, it } from 'vitest';
import { formatReport } from './report.js';

const env = { date: '2026-01-01T00:00:00.000Z', node: '20.0.0', cpus: '2 × test CPU', loadAverage: '0.00 / 0.00 / 0.00', scale: 1 };

describe('bench report', () => {
  it('prints value, baseline, ratio, target and whether it was met', () => {
    const md = formatReport(
      env,
      [
        {
          title: 'Engine',
          seconds: 3,
          detail: 'details here',
          rows: [
            { figure: 'throughput', value: 40, unit: 'MB/s', baseline: { value: 100, label: 'raw ws' }, target: { text: '≥ 50 % of raw', met: false } },
            { figure: 'first screen', value: 0.25, unit: 's' },
          ],
        },
      ],
      [{ title: 'shells', error: 'the sandbox exited' }],
    );
    expect(md).toContain('| Engine | throughput | 40.0 MB/s | 100 MB/s (raw ws) | 0.40× | ≥ 50 % of raw | **no** |');
    expect(md).toContain('| Engine | first screen | 0.25 s | — | — | — | — |');
    expect(md).toContain('**shells did not run to completion:** the sandbox exited');
    expect(md).toContain('## Engine (3 s)\n\ndetails here');
  });
});
