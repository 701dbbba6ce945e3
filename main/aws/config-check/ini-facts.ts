/**
 * What the AWS SDK's shared-ini reader (@smithy/shared-ini-file-loader, which profiles.ts uses)
 * makes of each line of a config or credentials file, including everything it drops without a
 * word: a header without its closing ']', a line without '=', `[prod]` in the config file, a
 * profile name it does not accept, `name =` with nothing nested under it. Pure: text in, facts out.
 * The words for these facts are findings.ts's concern.
 */

import { PROCESS_LIMIT, processLimitSeconds } from '../credential-process-limit.js';

export type SharedFileKind = 'config' | 'credentials';

/** Kinds of section the SDK reads as `[kind name]`. */
const SECTION_KINDS = ['profile', 'sso-session', 'services'] as const;
/** Sections the app does not list as profiles (profiles.ts NON_PROFILE_PREFIXES). */
const NON_PROFILE_KEYS = ['sso-session.', 'services.'];
/** Names the SDK refuses outright; meeting one, it stops and the whole file is lost. */
const REFUSED_NAMES = ['__proto__', 'profile __proto__'];
/** `kind name` the way the SDK accepts it: one whitespace between, the name optionally quoted, only these characters in it. */
const KIND_AND_NAME = /^([A-Za-z0-9_-]+)\s(["']?)([A-Za-z0-9_\-@+.%:/]+)\2$/;
/** A comment runs from ';' or '#' at the start of a line or after whitespace to the end of the line. */
const COMMENT = /(^|\s)[;#].*$/;

/** Why a header is not read as the person meant. */
export type HeaderTrouble =
  /** `[prod]` in the config file (which wants `[profile prod]`): dropped. */
  | 'bare-in-config'
  /** `[sso_session x]`, `[Profile x]`, `[my prod]`: a first word the SDK does not know; dropped. */
  | 'unknown-kind'
  /** `[profile my prod]`, `[profile p!]`, `[profile]`: a profile name the SDK does not accept; dropped. */
  | 'bad-name'
  /** `[profile  prod]`, `[ profile prod ]`: right but for the spaces; dropped. */
  | 'extra-spaces'
  /** `[]`: dropped. */
  | 'empty'
  /** `[profile prod]` in the credentials file: listed as a profile named `profile.prod`. */
  | 'prefixed-in-credentials'
  /** `[sso-session x]` or `[services x]` in the credentials file: never read. */
  | 'config-section-in-credentials'
  /** `[my prod]` in the credentials file: dropped. */
  | 'space-in-credentials-name'
  /** `[__proto__]`: the SDK stops reading the file. */
  | 'refused';

export interface SectionFact {
  readonly line: number;
  /** The header as written, comment and surrounding spaces removed. */
  readonly header: string;
  /** Where the SDK keeps this section's settings in the file it parsed; null when it keeps none. */
  readonly parseKey: string | null;
  /** The profile the app lists from this section; null for sso-session/services and dropped sections. */
  readonly profile: string | null;
  readonly trouble: HeaderTrouble | null;
  /** The profile (or, for unknown-kind, the kind) the person meant, for the words; null when there is no guess. */
  readonly meant: string | null;
}

export interface BrokenHeaderFact {
  readonly kind: 'broken-header';
  readonly line: number;
  readonly header: string;
  readonly why: 'unclosed' | 'text-after';
  /** The profile the person meant by it, when one can be read from it. */
  readonly meant: string | null;
  /** The section whose settings the lines below it become (the SDK carries on with it); null: they are dropped. */
  readonly into: SectionFact | null;
  /** Lines with a setting between it and the next header, and their names. */
  readonly settings: ReadonlyArray<{ readonly line: number; readonly key: string }>;
}

export type LineFact =
  | { readonly kind: 'header'; readonly section: SectionFact; readonly settingCount: number }
  | BrokenHeaderFact
  /** `viaBroken`: it lands in `section` only because the header above it is broken. */
  /**
   * No value is kept (it may be a secret key or a session token): only `limitOk`, on a
   * porthole_credential_process_timeout line, saying whether the credentials fetch accepts it.
   */
  | { readonly kind: 'setting'; readonly line: number; readonly key: string; readonly writtenKey: string; readonly limitOk?: boolean; readonly section: SectionFact; readonly viaBroken: boolean }
  | { readonly kind: 'no-equals'; readonly line: number; readonly section: SectionFact; readonly firstWord: string | null; readonly startsWithEquals: boolean; readonly continues: { readonly key: string; readonly line: number } | null }
  | { readonly kind: 'outside'; readonly line: number }
  /** `name =` with nothing nested under it; `valueBelow`: an indented line under it holds what looks like its value. */
  | { readonly kind: 'empty-value'; readonly line: number; readonly key: string; readonly section: SectionFact; readonly valueBelow: boolean };

export interface FileFacts {
  readonly kind: SharedFileKind;
  readonly facts: readonly LineFact[];
  /** The header that made the SDK stop reading (and lose) the whole file; null when it read it all. */
  readonly refused: SectionFact | null;
  /** The profiles the app lists from this file (a section with at least one setting the SDK kept). */
  readonly listed: ReadonlySet<string>;
}

function isKnownKind(kind: string): boolean {
  return (SECTION_KINDS as readonly string[]).includes(kind);
}

function section(line: number, header: string, parseKey: string | null, profile: string | null, trouble: HeaderTrouble | null, meant: string | null): SectionFact {
  return { line, header, parseKey, profile, trouble, meant };
}

/** What the config file's reader makes of a header `[inner]`. */
function configSection(line: number, header: string, inner: string): SectionFact {
  if (REFUSED_NAMES.includes(inner)) return section(line, header, null, null, 'refused', null);
  const m = KIND_AND_NAME.exec(inner);
  if (m !== null) {
    const kind = m[1] ?? '';
    const name = m[3] ?? '';
    if (kind === 'profile') return section(line, header, `profile.${name}`, name, null, name);
    if (isKnownKind(kind)) return section(line, header, `${kind}.${name}`, null, null, null);
    return section(line, header, null, null, 'unknown-kind', kind.toLowerCase() === 'profile' ? name : null);
  }
  if (inner === '') return section(line, header, null, null, 'empty', null);
  // Without `kind name`, the SDK keeps the section under its written name; the config file then
  // keeps only `default` and `kind.name`.
  if (inner === 'default') return section(line, header, inner, 'default', null, 'default');
  const dot = inner.indexOf('.');
  if (dot > 0 && isKnownKind(inner.slice(0, dot))) {
    const profile = inner.startsWith('profile.') ? inner.slice('profile.'.length) : null;
    return section(line, header, inner, profile, null, profile);
  }
  const spaced = inner.trim().split(/\s+/).join(' ');
  const spacedMatch = KIND_AND_NAME.exec(spaced);
  if (spaced !== inner && (spaced === 'default' || (spacedMatch !== null && isKnownKind(spacedMatch[1] ?? '')))) {
    const meant = spaced === 'default' ? 'default' : spacedMatch?.[1] === 'profile' ? (spacedMatch[3] ?? null) : null;
    return section(line, header, inner, null, 'extra-spaces', meant);
  }
  const profileWord = /^profile(\s+|$)/.exec(spaced);
  if (profileWord !== null) {
    const name = spaced.slice(profileWord[0].length).replace(/^["']|["']$/g, '');
    return section(line, header, inner, null, 'bad-name', name === '' ? null : name);
  }
  if (!/\s/.test(inner)) return section(line, header, inner, null, 'bare-in-config', inner);
  return section(line, header, inner, null, 'bad-name', null);
}

/** What the credentials file's reader makes of a header `[inner]`. */
function credentialsSection(line: number, header: string, inner: string): SectionFact {
  if (REFUSED_NAMES.includes(inner)) return section(line, header, null, null, 'refused', null);
  const m = KIND_AND_NAME.exec(inner);
  if (m !== null) {
    const kind = m[1] ?? '';
    const name = m[3] ?? '';
    if (kind === 'profile') return section(line, header, `profile.${name}`, `profile.${name}`, 'prefixed-in-credentials', name);
    if (isKnownKind(kind)) return section(line, header, `${kind}.${name}`, null, 'config-section-in-credentials', null);
    return section(line, header, null, null, 'space-in-credentials-name', inner);
  }
  if (inner === '') return section(line, header, null, null, 'empty', null);
  const listed = !NON_PROFILE_KEYS.some((p) => inner.startsWith(p));
  return section(line, header, inner, listed ? inner : null, null, listed ? inner : null);
}

/** The profile a broken header names, as far as it can be read. */
function meantByBroken(kind: SharedFileKind, header: string): string | null {
  const close = header.indexOf(']');
  const inner = header.slice(1, close === -1 ? undefined : close).trim();
  const m = /^profile\s+(\S+)$/.exec(inner);
  if (m !== null) return m[1] ?? null;
  if (kind === 'config') return inner === 'default' ? 'default' : null;
  return /^\S+$/.test(inner) ? inner : null;
}

function isIndented(raw: string): boolean {
  return raw.trimStart() !== raw;
}

/** The setting name a line starts with, when it looks like one (never a value: the line may hold a secret). */
function firstWordOf(text: string): string | null {
  const m = /^([a-z][a-z0-9_]*)(?=$|[\s:])/.exec(text);
  return m?.[1] ?? null;
}

interface OpenNest {
  readonly key: string;
  readonly line: number;
  readonly section: SectionFact;
  count: number;
  valueBelow: boolean;
}

interface OpenBroken {
  readonly fact: BrokenHeaderFact;
  readonly settings: Array<{ line: number; key: string }>;
}

/** The reader's state between lines. */
interface ReadState {
  /** The section the SDK puts settings in now (null: it drops them). */
  current: SectionFact | null;
  /** The last header seen, read or not, and how many settings are written under it. */
  lastHeader: SectionFact | null;
  /** A broken header since the last header. */
  broken: OpenBroken | null;
  /** `name =` with an empty value opens nested settings (`s3 =` then indented lines). */
  nest: OpenNest | null;
  /** The last setting, for a line that continues it. */
  previous: { key: string; line: number } | null;
}

/** Every line of one shared file, as the SDK reads it. */
export function readIniFacts(kind: SharedFileKind, text: string): FileFacts {
  const facts: LineFact[] = [];
  const settingCount = new Map<SectionFact, number>();
  const st: ReadState = { current: null, lastHeader: null, broken: null, nest: null, previous: null };
  const closeNest = (): void => {
    const nest = st.nest;
    if (nest !== null && nest.count === 0) facts.push({ kind: 'empty-value', line: nest.line, key: nest.key, section: nest.section, valueBelow: nest.valueBelow });
    st.nest = null;
  };
  const closeBroken = (): void => {
    const broken = st.broken;
    if (broken !== null) facts.push({ ...broken.fact, settings: broken.settings });
    st.broken = null;
  };

  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    const stripped = raw.replace(COMMENT, '').trim();
    if (stripped === '') continue;
    if (stripped.startsWith('[') && stripped.endsWith(']')) {
      closeNest();
      closeBroken();
      const inner = stripped.slice(1, -1);
      const fact = kind === 'config' ? configSection(lineNo, stripped, inner) : credentialsSection(lineNo, stripped, inner);
      if (fact.trouble === 'refused') return { kind, facts: [{ kind: 'header', section: fact, settingCount: 0 }], refused: fact, listed: new Set() };
      st.current = fact.parseKey === null ? null : fact;
      st.lastHeader = fact;
      st.previous = null;
      settingCount.set(fact, 0);
      continue;
    }
    if (stripped.startsWith('[') && stripped.indexOf('=') <= 0) {
      // Not a header to the SDK: the lines below stay in the section before it. (With an '=' in
      // it, the SDK reads it as a setting, as below.)
      closeBroken();
      const why = stripped.includes(']') ? 'text-after' : 'unclosed';
      st.broken = { fact: { kind: 'broken-header', line: lineNo, header: stripped, why, meant: meantByBroken(kind, stripped), into: st.current, settings: [] }, settings: [] };
      st.previous = null;
      continue;
    }
    const outside = st.lastHeader === null && st.broken === null;
    const eq = stripped.indexOf('=');
    if (eq <= 0) {
      if (outside) facts.push({ kind: 'outside', line: lineNo });
      else if (st.nest !== null && st.nest.count === 0 && isIndented(raw)) st.nest.valueBelow = true;
      else if (st.current !== null && st.broken === null) {
        facts.push({ kind: 'no-equals', line: lineNo, section: st.current, firstWord: firstWordOf(stripped), startsWithEquals: eq === 0, continues: isIndented(raw) ? st.previous : null });
      }
      continue;
    }
    if (outside) {
      facts.push({ kind: 'outside', line: lineNo });
      continue;
    }
    const key = stripped.slice(0, eq).trim();
    const value = stripped.slice(eq + 1).trim();
    if (st.broken !== null) st.broken.settings.push({ line: lineNo, key });
    else if (st.lastHeader !== null) settingCount.set(st.lastHeader, (settingCount.get(st.lastHeader) ?? 0) + 1);
    const current = st.current;
    if (current === null) continue;
    if (value === '') {
      closeNest();
      st.nest = { key, line: lineNo, section: current, count: 0, valueBelow: false };
      st.previous = null;
      continue;
    }
    if (!isIndented(raw)) closeNest();
    const nest = st.nest;
    if (nest !== null) nest.count += 1;
    const fullKey = nest === null ? key : `${nest.key}.${key}`;
    const limit = fullKey === PROCESS_LIMIT.SETTING ? { limitOk: processLimitSeconds(value) !== null } : {};
    facts.push({ kind: 'setting', line: lineNo, key: fullKey, writtenKey: key, ...limit, section: current, viaBroken: st.broken !== null });
    st.previous = { key, line: lineNo };
  }
  closeNest();
  closeBroken();
  const headers = [...settingCount.entries()].map(([s, count]): LineFact => ({ kind: 'header', section: s, settingCount: count }));
  return { kind, facts: [...headers, ...facts].sort((a, b) => lineOf(a) - lineOf(b)), refused: null, listed: listedProfiles(facts) };
}

export function lineOf(f: LineFact): number {
  return f.kind === 'header' ? f.section.line : f.line;
}

/** The profiles the app ends up with from one file: a section the SDK kept with at least one setting. */
function listedProfiles(facts: readonly LineFact[]): Set<string> {
  const listed = new Set<string>();
  for (const f of facts) if (f.kind === 'setting' && f.section.profile !== null) listed.add(f.section.profile);
  return listed;
}
