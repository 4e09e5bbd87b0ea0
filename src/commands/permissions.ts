import { ROLE_LABELS } from '../db/roster-store.js';
import type { CommandSpec, Role } from './command-spec.js';


/** True when someone with these roles may run the command. */
export function mayRun(spec: CommandSpec, roles: readonly Role[]): boolean {
  return spec.roles === 'all' || spec.roles.some((role) => roles.includes(role));
}

/** Who may run it, in words: `培训老师`, `部门负责人、培训老师`, `所有人`. */
export function whoMayRun(spec: CommandSpec): string {
  return spec.roles === 'all' ? '所有人' : spec.roles.map((role) => ROLE_LABELS[role]).join('、');
}

/**
 * The answer to someone running a command their roles do not allow; nothing changes.
 * @example forbiddenReply(scoreCommand) // '/score（/记分）仅限培训老师使用，本次未做任何更改'
 */
export function forbiddenReply(spec: CommandSpec): string {
  return `${callName(spec)}仅限${whoMayRun(spec)}使用，本次未做任何更改`;
}

/** `/score（/记分）` */
export function callName(spec: CommandSpec): string {
  const alias = spec.aliases[0];
  return alias ? `/${spec.name}（/${alias}）` : `/${spec.name}`;
}
