// RFC 6298-style retransmission timeout estimate (protocol §4.4). No Karn's rule, as in both
// official implementations: retransmitted samples are used too.
import { Reliability } from './constants.js';

export class RtoEstimator {
  private srtt: number = Reliability.INITIAL_SRTT_MS;
  private rttvar: number = Reliability.INITIAL_RTTVAR_MS;
  private current: number = Reliability.INITIAL_RTO_MS;

  /** Current retransmission timeout in milliseconds. */
  get rtoMs(): number {
    return this.current;
  }

  get srttMs(): number {
    return this.srtt;
  }

  /** Fold in one round-trip sample (ms). */
  sample(rttMs: number): void {
    const r = Math.max(0, rttMs);
    this.rttvar = (1 - Reliability.RTTVAR_GAIN) * this.rttvar + Reliability.RTTVAR_GAIN * Math.abs(this.srtt - r);
    this.srtt = (1 - Reliability.SRTT_GAIN) * this.srtt + Reliability.SRTT_GAIN * r;
    const rto = this.srtt + Math.max(Reliability.CLOCK_GRANULARITY_MS, 4 * this.rttvar);
    this.current = Math.min(rto, Reliability.MAX_RTO_MS);
  }
}
