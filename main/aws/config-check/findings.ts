/**
 * The words for what ini-facts.ts found: for each line the SDK drops or reads otherwise than
 * meant, what is wrong, what it means for which profile and how to fix it. Never quotes a value:
 * a malformed line may hold a secret key, so only headers and setting names are quoted.
 */
import { CONTRACT_LIMITS } from '../../../shared/contract/common.js';
import type { ConfigFinding } from '../../../shared/contract/inventory.js';
import { counted, listed as inWords } from '../../../shared/format/words.js';
import { PROCESS_LIMIT, PROCESS_LIMIT_RANGE_WORDS, processLimitFixWords } from '../credential-process-limit.js';
import type { BrokenHeaderFact, FileFacts, LineFact, SectionFact } from './ini-facts.js';

/** A header is quoted up to this many characters: enough for any real profile name, short in a notice. */
const QUOTE_MAX_CHARS = 80;
/** At most this many setting names are listed ("region, output and role_arn"); more are counted. */
const NAMES_LISTED_MAX = 4;
/** A setting name is quoted only when it looks like one (lowercase words): never a value or a key id. */
const SAFE_NAME = /^[a-z][a-z0-9_.]{0,63}$/;
/** Settings the SDK and the app read, for the capitals check: `AWS_ACCESS_KEY_ID` is not `aws_access_key_id`. */
const KNOWN_SETTINGS = new Set([
  'region', 'output', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'role_arn', 'source_profile',
  'credential_source', 'role_session_name', 'external_id', 'duration_seconds', 'mfa_serial', 'web_identity_token_file',
  'credential_process', 'sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name',
  'sso_registration_scopes', 'endpoint_url', 'services', 'ca_bundle', 'max_attempts', 'retry_mode',
  'porthole_credential_process_timeout',
]);

export interface CheckedFile {
  /** The file as the person knows it (`~/.aws/config`). */
  readonly shown: string;
  readonly facts: FileFacts;
}

type Words = Omit<ConfigFinding, 'file'>;

function quote(text: string): string {
  return `'${text.length > QUOTE_MAX_CHARS ? `${text.slice(0, QUOTE_MAX_CHARS)}…` : text}'`;
}

function nameOf(key: string): string | null {
  return SAFE_NAME.test(key) ? `'${key}'` : null;
}

/** "region and output", or "3 settings" when the names cannot all be shown. */
function settingNames(keys: readonly string[]): string {
  const names = [...new Set(keys)];
  if (names.length > NAMES_LISTED_MAX || names.some((k) => !SAFE_NAME.test(k))) return counted(keys.length, 'setting');
  return inWords(names.map((n) => `'${n}'`));
}

function lineRange(lines: readonly number[]): string {
  const first = lines[0];
  const last = lines[lines.length - 1];
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

/** "profile prod", or "profile 'my prod'" when the name needs quotes to be read as one. */
function profileWords(name: string): string {
  return /^[A-Za-z0-9_\-@+.%:/]+$/.test(name) && name.length <= QUOTE_MAX_CHARS ? `profile ${name}` : `profile ${quote(name)}`;
}

/** "the setting under it", "the 3 settings under it". */
function underIt(n: number): string {
  return n === 1 ? 'the setting under it' : `the ${n} settings under it`;
}

/** "is" for one, "are" for more. */
function isAre(n: number): string {
  return n === 1 ? 'is' : 'are';
}

/** The one who receives a line's settings: "profile prod", or "the section '[sso-session corp]'". */
function owner(s: SectionFact): string {
  return s.profile !== null ? profileWords(s.profile) : `the section ${quote(s.header)}`;
}

/** The correct header for a profile in this file. */
function headerFor(file: FileFacts, profile: string): string {
  return file.kind === 'config' && profile !== 'default' ? `[profile ${profile}]` : `[${profile}]`;
}

class Wording {
  constructor(
    private readonly file: CheckedFile,
    private readonly other: CheckedFile | null,
    private readonly isListed: (profile: string) => boolean,
  ) {}

  /** What losing a header means for the profile it was meant to be. */
  private lost(meant: string | null, settings: number): string {
    const ignored = settings === 0 ? '' : `${underIt(settings)} ${isAre(settings)} ignored`;
    if (meant === null) return settings === 0 ? 'the section is ignored' : ignored;
    const who = profileWords(meant);
    if (this.isListed(meant)) return settings === 0 ? `${who} is listed from its other section, not this one` : `${who} is listed, but without ${underIt(settings)}`;
    return settings === 0 ? `${who} is not listed` : `${who} is not listed, and ${ignored}`;
  }

  header(s: SectionFact, settings: number): Words | null {
    const f = this.file.facts;
    const base = { line: s.line, profile: s.meant };
    switch (s.trouble) {
      case null:
        return null;
      case 'refused':
        return { ...base, profile: null, problem: `${quote(s.header)} uses a name the AWS SDK refuses`, effect: `it stops reading the file there, so no profile in ${this.file.shown} is listed`, fix: 'Rename that section.' };
      case 'bare-in-config':
        return { ...base, problem: `${quote(s.header)} is not how the config file names a profile`, effect: this.lost(s.meant, settings), fix: `Write ${quote(headerFor(f, s.meant ?? 'NAME'))}: only [default] goes without 'profile ' in the config file.` };
      case 'unknown-kind': {
        const kind = /^\[\s*([^\s\]]+)/.exec(s.header)?.[1] ?? '';
        const meantKind = ['profile', 'sso-session', 'services'].find((k) => k === kind.toLowerCase() || k === kind.toLowerCase().replace(/_/g, '-'));
        const fixed = meantKind === undefined ? null : s.header.replace(kind, meantKind);
        return {
          ...base,
          problem: `${quote(kind)} in ${quote(s.header)} is not a kind of section the AWS SDK reads (profile, sso-session, services)`,
          effect: this.lost(s.meant, settings),
          fix: fixed === null ? 'Write the header as [profile NAME], [sso-session NAME] or [services NAME]; a profile name has no spaces.' : `Write ${quote(fixed)}.`,
        };
      }
      case 'bad-name':
        return {
          ...base,
          problem: s.meant === null ? `${quote(s.header)} names no profile the AWS SDK can read` : `the profile name ${quote(s.meant)} in ${quote(s.header)} has characters the AWS SDK does not accept`,
          effect: this.lost(s.meant, settings),
          fix: s.meant === null
            ? `Write the header as ${quote(headerFor(f, 'NAME'))}.`
            : `Use only letters, digits and - _ @ + . % : / in a profile name, e.g. ${quote(headerFor(f, s.meant.replace(/[^A-Za-z0-9_\-@+.%:/]+/g, '-')))}.`,
        };
      case 'extra-spaces':
        return { ...base, problem: `${quote(s.header)} has extra spaces inside the brackets`, effect: this.lost(s.meant, settings), fix: `Write ${quote(`[${s.header.slice(1, -1).trim().split(/\s+/).join(' ')}]`)}.` };
      case 'empty':
        return { ...base, problem: `'[]' names no section`, effect: this.lost(null, settings), fix: 'Write the profile’s name between the brackets, or remove the line.' };
      case 'prefixed-in-credentials':
        return {
          ...base,
          problem: `${quote(s.header)}: the credentials file names profiles without 'profile '`,
          effect: `it is listed as a separate profile named ${quote(`profile.${s.meant ?? ''}`)}${s.meant !== null && this.isListed(s.meant) ? `, and ${profileWords(s.meant)} does not get its settings` : `, not as ${s.meant === null ? 'the profile meant' : quote(s.meant)}`}`,
          fix: `Write ${quote(`[${s.meant ?? 'NAME'}]`)}.`,
        };
      case 'config-section-in-credentials':
        return { ...base, profile: null, problem: `${quote(s.header)} belongs in the config file`, effect: `the credentials file holds only profiles, so ${settings === 0 ? 'it is' : `${underIt(settings)} ${isAre(settings)}`} ignored`, fix: `Move the section to ${this.other?.shown ?? 'the config file'}.` };
      case 'space-in-credentials-name':
        return { ...base, problem: `the profile name in ${quote(s.header)} has a space`, effect: this.lost(s.meant, settings), fix: `Use a name without spaces, e.g. ${quote(`[${(s.meant ?? 'NAME').split(/\s+/).join('-')}]`)}.` };
    }
  }

  broken(b: BrokenHeaderFact): Words {
    const close = b.header.indexOf(']');
    const meantHeader = close === -1 ? `${b.header}]` : b.header.slice(0, close + 1);
    const after = close === -1 ? '' : b.header.slice(close + 1).trim();
    const problem = b.why === 'unclosed' ? `${quote(b.header)} has no closing ']'` : `${quote(b.header)} has text after its closing ']'`;
    const lost = b.meant === null ? 'it is not read as a header' : this.isListed(b.meant) ? `it is not read as a header (${profileWords(b.meant)} is listed, from its other section)` : `${profileWords(b.meant)} is not listed`;
    const lines = b.settings.map((s) => s.line);
    const keys = b.settings.map((s) => s.key);
    const moved = b.settings.length === 0
      ? ''
      : b.into === null
        ? `, and ${settingNames(keys)} under it (${lineRange(lines)}) ${keys.length === 1 ? 'is' : 'are'} ignored`
        : `, and ${settingNames(keys)} under it (${lineRange(lines)}) ${keys.length === 1 ? 'goes' : 'go'} to ${owner(b.into)} instead`;
    const fix = /^[#;]/.test(after) ? `Put a space before the comment, or write the header alone: ${quote(meantHeader)}.` : `Write ${quote(meantHeader)}.`;
    return { line: b.line, profile: b.meant, problem, effect: `${lost}${moved}`, fix };
  }

  line(f: LineFact): Words | null {
    switch (f.kind) {
      case 'header':
        return this.header(f.section, f.settingCount);
      case 'broken-header':
        return this.broken(f);
      case 'outside':
        return { line: f.line, profile: null, problem: 'this line comes before any [section] header', effect: 'it belongs to no profile and is ignored', fix: 'Move it under the header of the profile it is meant for.' };
      case 'no-equals': {
        const who = owner(f.section);
        if (f.continues !== null) {
          const key = nameOf(f.continues.key) ?? 'the setting';
          return { line: f.line, profile: f.section.profile, problem: `this indented line continues ${key} from line ${f.continues.line}, but the AWS SDK does not read continued lines`, effect: `${who} gets only the first line of ${key}`, fix: `Put the whole value on line ${f.continues.line}.` };
        }
        if (f.startsWithEquals) return { line: f.line, profile: f.section.profile, problem: "the line starts with '=' and names no setting", effect: `it is ignored, so ${who} does not get it`, fix: "Write the setting's name before '=', or remove the line." };
        const word = f.firstWord === null ? null : `'${f.firstWord}'`;
        return {
          line: f.line,
          profile: f.section.profile,
          problem: word === null ? "the line has no '='" : `the line starting ${word} has no '='`,
          effect: `it is ignored, so ${who} does not get ${word ?? 'this setting'}`,
          fix: `Write it as '${f.firstWord ?? 'name'} = value'.`,
        };
      }
      case 'empty-value': {
        const key = nameOf(f.key) ?? 'the setting';
        if (f.valueBelow) return { line: f.line, profile: f.section.profile, problem: `${key === 'the setting' ? 'a setting' : key} has its value on the next line`, effect: `the AWS SDK reads a value only on the line of its name, so ${owner(f.section)} has no ${key}`, fix: `Put name and value on one line: ${nameOf(f.key) === null ? "'name = value'" : `'${f.key} = …'`}.` };
        return { line: f.line, profile: f.section.profile, problem: `${key === 'the setting' ? 'a setting' : key} has no value after '='`, effect: `the AWS SDK takes it for the start of nested settings and, with none under it, ignores it: ${owner(f.section)} has no ${key}`, fix: `Give it a value (${f.key.length > 0 && key !== 'the setting' ? `'${f.key} = …'` : "'name = value'"}), or remove the line.` };
      }
      case 'setting': {
        const lower = f.writtenKey.toLowerCase();
        if (lower === f.writtenKey || !KNOWN_SETTINGS.has(lower)) return null;
        return { line: f.line, profile: f.section.profile, problem: `${quote(f.writtenKey)} is written in capitals`, effect: `setting names are read exactly as written, so ${owner(f.section)} has no ${lower}`, fix: `Write '${lower}'.` };
      }
    }
  }

  /**
   * A porthole_credential_process_timeout the credentials fetch would refuse (processLimitSeconds,
   * the same rule): only the line that wins in its section, so one set again right is not flagged.
   */
  limits(): Words[] {
    const last = new Map<string, { line: number; profile: string; ok: boolean }>();
    for (const f of this.file.facts.facts) {
      if (f.kind === 'setting' && f.key === PROCESS_LIMIT.SETTING && f.section.profile !== null && f.section.parseKey !== null) {
        last.set(f.section.parseKey, { line: f.line, profile: f.section.profile, ok: f.limitOk === true });
      }
    }
    return [...last.values()].filter((l) => !l.ok).map((l) => ({
      line: l.line,
      profile: l.profile,
      problem: `'${PROCESS_LIMIT.SETTING}' is not ${PROCESS_LIMIT_RANGE_WORDS}`,
      effect: `Porthole will not run the credential_process of ${profileWords(l.profile)} (or of a role using it as source_profile) until it is fixed, so getting those credentials fails`,
      fix: processLimitFixWords(l.profile),
    }));
  }

  /** Findings that need the whole file: a section written twice, a setting set twice, a profile left empty. */
  sections(): Words[] {
    const out: Words[] = [];
    const facts = this.file.facts.facts;
    const firstHeader = new Map<string, SectionFact>();
    const keyLines = new Map<string, number>();
    const settings = new Map<string, number>();
    for (const f of facts) if (f.kind === 'setting' && f.section.parseKey !== null) settings.set(f.section.parseKey, (settings.get(f.section.parseKey) ?? 0) + 1);
    for (const f of facts) {
      if (f.kind === 'header' && f.section.parseKey !== null && f.section.trouble === null) {
        const s = f.section;
        const key = s.parseKey ?? '';
        const first = firstHeader.get(key);
        if (first !== undefined) {
          out.push({ line: s.line, profile: s.profile, problem: `${quote(s.header)} appears a second time (first at line ${first.line})`, effect: `the two are read as one ${s.profile === null ? 'section' : profileWords(s.profile)}, a setting set in both taking this section's value`, fix: `Keep one ${quote(s.header)} section with all its settings.` });
        } else firstHeader.set(key, s);
        if (s.profile !== null && (settings.get(key) ?? 0) === 0 && first === undefined && !this.isListed(s.profile)) {
          out.push({ line: s.line, profile: s.profile, problem: `${quote(s.header)} has no setting the AWS SDK can read under it`, effect: `${profileWords(s.profile)} is not listed`, fix: 'Add its settings (region = …) under the header, or fix the lines flagged below it.' });
        }
      }
      if (f.kind === 'setting' && f.section.parseKey !== null && !f.viaBroken) {
        const id = `${f.section.parseKey}\n${f.key}`;
        const first = keyLines.get(id);
        const name = nameOf(f.key);
        if (first !== undefined && name !== null) {
          out.push({ line: f.line, profile: f.section.profile, problem: `${name} is set a second time in ${owner(f.section)} (first at line ${first})`, effect: 'the value on this line wins', fix: 'Remove the line you do not mean.' });
        } else if (first === undefined) keyLines.set(id, f.line);
      }
    }
    // [profile default] replaces [default] whole in the config file (it does not add to it).
    const plain = firstHeader.get('default');
    const prefixed = firstHeader.get('profile.default');
    if (this.file.facts.kind === 'config' && plain !== undefined && prefixed !== undefined && (settings.get('profile.default') ?? 0) > 0) {
      const n = settings.get('default') ?? 0;
      out.push({ line: plain.line, profile: 'default', problem: `'[default]' and '[profile default]' (line ${prefixed.line}) both define profile default`, effect: `the AWS SDK reads only '[profile default]', so ${n === 1 ? "the setting under '[default]' is" : `the ${counted(n, 'setting')} under '[default]' are`} ignored`, fix: 'Move them under one of the two headers and remove the other.' });
    }
    return out;
  }
}

/** The findings for both shared files, config first, each by line. */
export function configFindings(config: CheckedFile | null, credentials: CheckedFile | null): ConfigFinding[] {
  const listedIn = (c: CheckedFile | null) => c?.facts.listed ?? new Set<string>();
  const isListed = (p: string): boolean => listedIn(config).has(p) || listedIn(credentials).has(p);
  const out: ConfigFinding[] = [];
  for (const [file, other] of [[config, credentials], [credentials, config]] as const) {
    if (file === null) continue;
    const words = new Wording(file, other, isListed);
    const found: Words[] = file.facts.refused !== null ? [words.header(file.facts.refused, 0)].filter((w) => w !== null) : [...file.facts.facts.map((f) => words.line(f)).filter((w) => w !== null), ...words.sections(), ...words.limits()];
    found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    out.push(...found.map((w) => ({ file: file.shown, ...w, profile: w.profile !== null && w.profile.length > 0 && w.profile.length <= CONTRACT_LIMITS.MAX_PROFILE_LENGTH ? w.profile : null })));
  }
  return out;
}
