/**
 * Typed reads of a Query-protocol form (EC2, STS, IAM). Lists are numbered members: EC2 writes
 * `InstanceId.1`, STS and IAM write `ActionNames.member.1`; the caller passes the prefix.
 */
import { invalidParameter, missingParameter, type ApiError, type ServiceName } from './errors.js';

export class FormParams {
  constructor(
    readonly service: ServiceName,
    readonly form: URLSearchParams,
  ) {}

  optString(name: string): string | undefined {
    return this.form.get(name) ?? undefined;
  }

  string(name: string): string {
    const v = this.form.get(name);
    if (v === null || v === '') throw missingParameter(this.service, name);
    return v;
  }

  optInt(name: string): number | undefined {
    const raw = this.form.get(name);
    if (raw === null) return undefined;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(n)) throw invalidParameter(this.service, `Invalid value '${raw}' for ${name}: it must be an integer.`);
    return n;
  }

  missing(name: string): ApiError {
    return missingParameter(this.service, name);
  }

  /** `prefix.1`, `prefix.2`, … until the first gap. */
  list(prefix: string): string[] {
    return numbered(this.form, prefix);
  }
}

export function numbered(form: URLSearchParams, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; form.has(`${prefix}.${i}`); i++) out.push(form.get(`${prefix}.${i}`) ?? '');
  return out;
}
