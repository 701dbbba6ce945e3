/**
 * Typed reads of a request's members. Wrong types and missing required members become the
 * service's own validation error, so a bad request never reaches handler logic as `undefined`.
 */
import { invalidParameter, missingParameter, type ServiceName } from './errors.js';

export type JsonObject = Record<string, unknown>;

export class Params {
  constructor(
    readonly service: ServiceName,
    readonly input: JsonObject,
  ) {}

  optString(member: string): string | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw invalidParameter(this.service, `${member} must be a string.`);
    return v;
  }

  string(member: string): string {
    const v = this.optString(member);
    if (v === undefined || v === '') throw missingParameter(this.service, member);
    return v;
  }

  optInt(member: string): number | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidParameter(this.service, `${member} must be an integer.`);
    return v;
  }

  optBool(member: string): boolean | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw invalidParameter(this.service, `${member} must be a boolean.`);
    return v;
  }

  optStringList(member: string): string[] | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      throw invalidParameter(this.service, `${member} must be a list of strings.`);
    }
    return v as string[];
  }

  optStringMap(member: string): Record<string, string> | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
      throw invalidParameter(this.service, `${member} must be a map of strings.`);
    }
    return v as Record<string, string>;
  }

  /** SSM document parameters: map of string → list of strings. */
  optStringListMap(member: string): Record<string, string[]> | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) return undefined;
    const ok =
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.values(v).every((x) => Array.isArray(x) && x.every((s) => typeof s === 'string'));
    if (!ok) throw invalidParameter(this.service, `${member} must be a map of string lists.`);
    return v as Record<string, string[]>;
  }

  optObjectList(member: string): JsonObject[] | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) {
      throw invalidParameter(this.service, `${member} must be a list of objects.`);
    }
    return v as JsonObject[];
  }

  /** A blob member: base64 text in JSON 1.1. */
  blob(member: string): Buffer {
    const text = this.string(member);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw invalidParameter(this.service, `${member} is not valid base64.`);
    return Buffer.from(text, 'base64');
  }
}

/**
 * A string member of an object inside a request (a filter's key or value): absent is '', and any
 * other type is the service's validation error, as AWS refuses it, rather than '[object Object]'.
 */
export function nestedString(service: ServiceName, obj: JsonObject, member: string, where: string): string {
  const v = obj[member];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw invalidParameter(service, `${where}.${member} must be a string.`);
  return v;
}
