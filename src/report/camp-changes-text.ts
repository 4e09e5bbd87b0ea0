import type { CampChanges } from '../db/camp-store.js';
import { ROLE_LABELS } from '../db/roster-store.js';

function show(value: unknown): string {
  return value === undefined ? '（无）' : JSON.stringify(value);
}

/** Chinese-first lines describing what `saveCamp` changed. */
export function describeCampChanges(campId: string, name: string, changes: CampChanges): string[] {
  const lines = [changes.created ? `已创建训练营 ${campId}（${name}）` : `已更新训练营 ${campId}（${name}）`];
  for (const change of changes.changed) lines.push(`  修改 ${change.path}: ${show(change.before)} → ${show(change.after)}`);
  for (const m of changes.membersAdded) lines.push(`  新增${ROLE_LABELS[m.role]} ${m.userid}`);
  for (const m of changes.membersRemoved) lines.push(`  移除${ROLE_LABELS[m.role]} ${m.userid}`);
  for (const chat of changes.chatsAdded) lines.push(`  绑定群聊 ${chat}`);
  for (const chat of changes.chatsUpdated) lines.push(`  更新群聊 ${chat}`);
  const nothing = !changes.created && lines.length === 1;
  if (nothing) lines.push('  没有变化（no changes）');
  return lines;
}
