// Which Node each part of Porthole needs, in one place (README "Which Node" says the same):
//   web mode, the CLI, the tests, the build:        Node 20.19+ or 22.12+ (vite 8, the AWS SDK)
//   rebuilding node-pty for Electron, packaging:    Node 22.12+ (electron-builder 26's @electron/rebuild and node-abi)
// The desktop app itself runs on the Node inside Electron.
//   node scripts/node-version.mjs electron-tools   exits 1 with a plain message on an older Node
export const NODE_FOR = {
  /** package.json engines.node: what `npm ci` and everything but the Electron tooling need. */
  runtime: '^20.19.0 || >=22.12.0',
  /** electron-builder 26 (install-app-deps, packaging): its @electron/rebuild and node-abi declare >=22.12.0. */
  electronTools: [22, 12],
};

export function atLeast([major, minor], version = process.versions.node) {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

export function electronToolsMessage() {
  const [major, minor] = NODE_FOR.electronTools;
  return `porthole: rebuilding node-pty for Electron and packaging need Node ${major}.${minor} or newer (electron-builder 26's @electron/rebuild); this is Node ${process.versions.node}. Web mode (npm run web), the CLI and the tests run on Node 20.19+.`;
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === 'electron-tools' && !atLeast(NODE_FOR.electronTools)) {
  console.error(electronToolsMessage());
  process.exit(1);
}
