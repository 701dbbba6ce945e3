// The house's import boundaries as one ESLint rule. Each import (static, dynamic, re-export,
// require) is resolved to what it names: a relative specifier becomes a repository path
// ("main/ipc/router.js"), a Node built-in becomes "node:<name>" whichever way it was written, and
// any other package keeps its name. Each zone in the options says which files it covers (a
// repository-path prefix) and which targets they may not import, with the reason the message
// gives. tsconfig `paths` and main/architecture.test.ts guard some of the same rules; this rule
// is the one that names every offending line while editing.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const builtins = new Set(builtinModules);

/** What an import specifier names, in the vocabulary the zones use. */
function target(specifier, fromFile) {
  if (specifier.startsWith('.')) return relative(root, resolve(dirname(fromFile), specifier)).split(sep).join('/');
  if (specifier.startsWith('node:')) return specifier;
  const bare = specifier.split('/')[0] ?? specifier;
  if (builtins.has(specifier) || builtins.has(bare)) return `node:${specifier}`;
  return specifier;
}

/** A prefix covers itself and everything under it ("main/ipc" covers "main/ipc/router.js"); "node:" covers every built-in. */
function covers(prefix, path) {
  if (prefix.endsWith(':') || prefix.endsWith('/')) return path.startsWith(prefix);
  return path === prefix || path.startsWith(`${prefix}/`);
}

export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce which folders and packages each part of Porthole may import.' },
    schema: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            files: { type: 'string' },
            except: { type: 'array', items: { type: 'string' } },
            forbid: { type: 'array', items: { type: 'string' } },
            because: { type: 'string' },
          },
          required: ['files', 'forbid', 'because'],
          additionalProperties: false,
        },
      },
    ],
    messages: { forbidden: '{{file}} may not import "{{specifier}}" ({{target}}): {{because}}' },
  },
  create(context) {
    const file = relative(root, context.filename).split(sep).join('/');
    const zones = (context.options[0] ?? []).filter((z) => covers(z.files, file) && !(z.except ?? []).some((e) => covers(e, file)));
    if (zones.length === 0) return {};
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const to = target(node.value, context.filename);
      for (const zone of zones) {
        // A folder's own files are never forbidden to it (main/ forbids main/cli except to main/cli).
        if (zone.forbid.some((f) => covers(f, to) && !covers(f, file))) {
          context.report({ node, messageId: 'forbidden', data: { file, specifier: node.value, target: to, because: zone.because } });
        }
      }
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      TSImportEqualsDeclaration: (n) => n.moduleReference.type === 'TSExternalModuleReference' && check(n.moduleReference.expression),
      TSImportType: (n) => check(n.argument?.type === 'TSLiteralType' ? n.argument.literal : n.argument),
      CallExpression: (n) => n.callee.type === 'Identifier' && n.callee.name === 'require' && check(n.arguments[0]),
    };
  },
};
