import { isIsoDate } from '../camp/time-zone.js';
import { ValidationError } from '../errors.js';
import { ROLES, type Role, type RosterRow } from '../db/roster-store.js';
import type { Table, TableRow } from './table-row.js';

export const ROSTER_COLUMNS = ['userid', 'name', 'department', 'team', 'role', 'joined'] as const;

/**
 * Validates a roster table (columns `userid,name,department,team,role,joined`; role defaults to learner). Every bad
 * row is reported as `line N: what`; nothing is returned unless all rows are good.
 */
export function parseRoster(table: Table): RosterRow[] {
  checkHeader(table.header);
  const problems: string[] = [];
  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const result = rosterRow(row);
    if (typeof result === 'string') {
      problems.push(`line ${row.line}: ${result}`);
      continue;
    }
    const key = `${result.userid}\u0000${result.role}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`line ${row.line}: ${result.userid} 的角色 ${result.role} 与 line ${first} 重复`);
    else seen.set(key, row.line);
    rows.push(result);
  }
  if (table.rows.length === 0) problems.push('文件没有数据行（no rows）');
  if (problems.length > 0) throw new ValidationError(`名单有 ${problems.length} 处错误，未导入任何内容`, problems);
  return rows;
}

function checkHeader(header: string[]): void {
  const missing = ['userid', 'name'].filter((column) => !header.includes(column));
  const unknown = header.filter((column) => column && !(ROSTER_COLUMNS as readonly string[]).includes(column));
  const problems = [
    ...missing.map((column) => `header: 缺少列 ${column}`),
    ...unknown.map((column) => `header: 未知列 ${column}（应为 ${ROSTER_COLUMNS.join(',')}）`),
  ];
  if (problems.length > 0) throw new ValidationError('名单表头不正确，未导入任何内容', problems);
}

function rosterRow({ values, extra }: TableRow): RosterRow | string {
  const userid = values.userid ?? '';
  const role = (values.role || 'learner').toLowerCase();
  const joined = values.joined || null;
  if (extra > 0) return '列数多于表头（多余的逗号？）';
  if (!userid) return 'userid 为空';
  if (/\s/.test(userid)) return `userid "${userid}" 含空白`;
  if (!values.name) return 'name 为空';
  if (!(ROLES as readonly string[]).includes(role)) return `role "${values.role}" 无效（learner|trainer|manager|admin）`;
  if (joined !== null && !isIsoDate(joined)) return `joined "${joined}" 不是日期（YYYY-MM-DD）`;
  return {
    userid,
    name: values.name,
    department: values.department || null,
    team: values.team || null,
    role: role as Role,
    joined,
  };
}
