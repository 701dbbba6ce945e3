// The command lines typed into the transfer's own remote shell. Each is one line, sent only
// after the previous one answered with a marker. `M TAG args` prints a marker; `Q` folds an
// error text onto one line; a trap removes the temporary file `$T` if the session ends midway.
// Markers are built from pieces ('#PH%s' and "$N"), so the echo of these lines never holds one.
import { posix } from 'node:path';
import { TRANSFER } from './constants.js';
import { transferError } from './errors.js';
import { TAG } from './markers.js';
import { probeLoop, type RemoteTools } from './tools.js';

/** A remote path as one single-quoted shell word. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Paths travel on one command line: control characters (a newline above all) are refused. */
export function checkRemotePath(path: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
  if (path.length === 0 || /[\u0000-\u001f\u007f]/.test(path)) {
    throw transferError('bad-path', `The remote path ${JSON.stringify(path)} is empty or holds control characters.`);
  }
  return path;
}

/**
 * A leading ~ or ~/ is the remote user's home, as scp and a shell read it: the path reaches the
 * shell single-quoted (so nothing else in it is expanded), which would keep the ~ literal.
 */
const expandHome = (v: string): string => `case $${v} in '~') ${v}=$HOME;; '~/'*) ${v}="$HOME/\${${v}#??}";; esac`;

/** tar's -C folder and member for a folder download, the home-relative forms left to the shell. */
function tarParts(source: string): { readonly dir: string; readonly base: string } {
  if (source === '~') return { dir: '"$HOME"/..', base: '"${HOME##*/}"' };
  if (source.startsWith('~/')) {
    const rest = source.slice(2);
    return { dir: `"$HOME"/${shQuote(posix.dirname(rest))}`, base: shQuote(posix.basename(rest)) };
  }
  return { dir: shQuote(posix.dirname(source)), base: shQuote(posix.basename(source)) };
}

const FAIL = (tag: string = TAG.ERROR) => `{ M ${tag} "$(Q "$E")"; exit 1; }`;

/**
 * The first line hands the session to a non-interactive /bin/sh that reads each later line and
 * evals it: an interactive shell would get in the way (bash's readline restores its own terminal
 * modes at every prompt, undoing `stty raw -echo`; job control hands the terminal around). The
 * login shell runs it as a child and exits right after it (`; exit` is read with the same line,
 * so nothing we send later reaches the login shell). Not `exec`: an interactive dash in its own
 * PID namespace (a container's shell, the sandbox's bubblewrap) cannot give the terminal back to
 * its original process group on exec, and dies of it. That sh makes the pty raw with no echo,
 * defines M (print a marker), Q (fold an error onto one line) and the cleanup trap, and prints the
 * tools found (TAG.PROBE).
 */
export function setupScript(nonce: string): string {
  const bootstrap = `/bin/sh -c 'stty raw -echo 2>/dev/null; while IFS= read -r C; do eval "$C"; done'; exit\n`;
  return bootstrap + [
    `N=${nonce}`,
    `M() { printf '#PH%s %s\\n' "$N" "$*"; }`,
    `Q() { printf %s "$1" | tr '\\n' ' '; }`,
    'T=',
    `trap '[ -n "$T" ] && rm -rf -- "$T"; exit 1' HUP INT TERM`,
    `M ${TAG.PROBE} "$(${probeLoop()})"`,
  ].join('; ') + '\n';
}

/** The temporary name `$T` beside `$D`: `.name.porthole-part-<nonce>` in the same folder. */
const TEMP_BESIDE_D = `case $D in */*) T="\${D%/*}/.\${D##*/}.porthole-part-$N";; *) T=".$D.porthole-part-$N";; esac`;

export interface UploadScriptOptions {
  /** Destination as given; a folder there gets `name` appended, as cp and scp do. */
  readonly dest: string;
  readonly name: string;
  readonly gzip: boolean;
  /** A tar stream to unpack into the destination instead of a file. */
  readonly directory: boolean;
}

/**
 * Reads chunks announced by a line with their length (`head -c` copies exactly that many bytes
 * off the terminal), appends each decoded chunk to `$T` and acks it (TAG.ACK). `e <sha256>` ends:
 * the temp file is hashed here, and renamed only when the hashes agree; anything else cancels.
 */
export function uploadScript(tools: RemoteTools, o: UploadScriptOptions): string {
  const decode = `${tools.head} -c "$L" | ${tools.decode}${o.gzip ? ` | ${tools.gzip ?? 'gzip'} -dc` : ''} >> "$T"`;
  const place = o.directory
    ? `E=$( { mkdir -- "$T.d" && ${tools.tar ?? 'tar'} -xf "$T" -C "$T.d" && mv -f -- "$T.d"/${shQuote(o.name)} "$D"; } 2>&1 ); R=$?; rm -rf -- "$T" "$T.d"`
    : `E=$( { mv -f -- "$T" "$D"; } 2>&1 ); R=$?; rm -f -- "$T"`;
  return [
    `D=${shQuote(checkRemotePath(o.dest))}`,
    expandHome('D'),
    // A path ending in / names a folder even when it is missing, so the error names the file that was meant.
    `case $D in */) D="$D"${shQuote(o.name)};; *) [ -d "$D" ] && D="\${D%/}/"${shQuote(o.name)};; esac`,
    o.directory ? `[ -e "$D" ] && { E="$D: File exists"; ${FAIL()} }` : ':',
    TEMP_BESIDE_D,
    // The shell's own words name the hidden temporary file ("sh: 1: eval: cannot create /d/.f.porthole-part-…: …"): keep its reason, name $D.
    `E=$( { : > "$T"; } 2>&1 ) || { E="$D: \${E##*: }"; T=; ${FAIL()} }`,
    `M ${TAG.READY} "$D"`,
    `while IFS= read -r L; do case $L in [0-9]*) E=$( { ${decode}; } 2>&1 ) || { rm -f -- "$T"; T=; ${FAIL()} }; M ${TAG.ACK};; *) break;; esac; done`,
    `case $L in e*) H=$(${tools.hash} < "$T"); H=\${H%% *}; if [ "$H" = "\${L#e }" ]; then ${place}; T=; if [ $R = 0 ]; then M ${TAG.OK} "$H"; else M ${TAG.ERROR} "$(Q "$E")"; fi; else rm -f -- "$T"; T=; M ${TAG.MISMATCH} "$H"; fi;; *) rm -f -- "$T"; T=; M ${TAG.CANCELLED};; esac`,
  ].join('; ') + '\n';
}

export interface DownloadScriptOptions {
  readonly source: string;
  readonly gzip: boolean;
  /** Pack the folder with tar into a temporary file first, then send that file. */
  readonly directory: boolean;
}

/**
 * Checks the source, announces its size (TAG.BEGIN), streams it as base64 lines (through gzip
 * when asked), ends the data (TAG.FINISH), then sends the SHA-256 of what it sent (TAG.HASH).
 */
export function downloadScript(tools: RemoteTools, o: DownloadScriptOptions): string {
  const source = checkRemotePath(o.source);
  const parts = tarParts(source);
  const encode = o.gzip ? `${tools.gzip ?? 'gzip'} -${TRANSFER.GZIP_LEVEL} -c < "$S" 2>/dev/null | ${tools.encode}` : `${tools.encode} < "$S" 2>/dev/null`;
  const pack = o.directory
    ? [
        `[ -d "$S" ] || { E="$S: Not a directory"; ${FAIL()} }`,
        `W=$(mktemp -d 2>&1) || { E="$W"; ${FAIL()} }`,
        'T="$W"',
        `E=$( { ${tools.tar ?? 'tar'} -cf "$W/t" -C ${parts.dir} ${parts.base}; } 2>&1 ) || { rm -rf -- "$W"; T=; ${FAIL()} }`,
        'S="$W/t"',
      ]
    : [`[ -d "$S" ] && { E="$S: Is a directory"; ${FAIL()} }`];
  return [
    `S=${shQuote(source)}`,
    expandHome('S'),
    `E=$( { : < "$S"; } 2>&1 ) || ${FAIL()}`,
    ...pack,
    `M ${TAG.BEGIN} $(wc -c < "$S")`,
    encode,
    `M ${TAG.FINISH}`,
    `H=$(${tools.hash} < "$S")`,
    'if [ -n "$T" ]; then rm -rf -- "$T"; T=; fi',
    `M ${TAG.HASH} "\${H%% *}"`,
  ].join('; ') + '\n';
}

/** Whether the remote path names a folder (the answer decides between file and tar). */
export function kindScript(path: string): string {
  return `P=${shQuote(checkRemotePath(path))}; ${expandHome('P')}; if [ -d "$P" ]; then M ${TAG.READY} d; elif [ -e "$P" ]; then M ${TAG.READY} f; else M ${TAG.READY} n; fi\n`;
}
