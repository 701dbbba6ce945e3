/**
 * The world's IAM, as far as the sandbox models it: principals named by ARN, and identity-policy
 * decisions for an action. Explicit deny wins over allow; anything not allowed is an implicit
 * deny, the three outcomes IAM's policy simulator reports. Resources and conditions are not modelled.
 */
import type { AccountSpec, RoleSpec } from './schema.js';
import type { World } from './model.js';

export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export type Principal =
  | { readonly kind: 'role'; readonly account: AccountSpec; readonly role: RoleSpec; readonly arn: string }
  | { readonly kind: 'user'; readonly account: AccountSpec; readonly arn: string };

/** `arn:aws:iam::<account>:role/<path/>name` or `…:user/<path/>name`. */
const IAM_PRINCIPAL_ARN = /^arn:aws:iam::(\d{12}):(role|user)\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/;

export function parsePrincipalArn(arn: string): { account: string; kind: 'role' | 'user'; name: string } | undefined {
  const m = IAM_PRINCIPAL_ARN.exec(arn);
  if (!m || !m[1] || !m[3]) return undefined;
  return { account: m[1], kind: m[2] === 'role' ? 'role' : 'user', name: m[3] };
}

/** A declared role, or the account's own user; undefined when IAM would not know the ARN. */
export function findPrincipal(world: World, arn: string): Principal | undefined {
  const parsed = parsePrincipalArn(arn);
  const account = parsed ? world.accountById(parsed.account) : undefined;
  if (!parsed || !account) return undefined;
  if (parsed.kind === 'user') return parsed.name === account.userName ? { kind: 'user', account, arn } : undefined;
  const role = account.roles.find((r) => r.name === parsed.name);
  return role ? { kind: 'role', account, role, arn } : undefined;
}

/** IAM action patterns: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i').test(action);
}

/** The sandbox user is the account's administrator: every action is allowed. */
export function decide(principal: Principal, action: string): EvalDecision {
  if (principal.kind === 'user') return 'allowed';
  if (principal.role.deny.some((p) => actionMatches(p, action))) return 'explicitDeny';
  return principal.role.allow.some((p) => actionMatches(p, action)) ? 'allowed' : 'implicitDeny';
}

/** A task role's verdict on one action: undefined when the world does not declare the role (not modelled). */
export function roleAllows(world: World, roleArn: string, action: string): boolean | undefined {
  const p = findPrincipal(world, roleArn);
  return p?.kind === 'role' ? decide(p, action) === 'allowed' : undefined;
}
