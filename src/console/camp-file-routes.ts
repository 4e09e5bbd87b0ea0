import type { CampConfig } from '../camp/camp-config.js';
import { parseCampFile } from '../camp/parse-camp-file.js';
import { loadCampFile } from '../db/camp-files.js';
import { loadCamp, saveCamp, type CampChanges } from '../db/camp-store.js';
import { transaction, type Db } from '../db/db.js';
import { campsOfUser } from '../db/roster-store.js';
import { ApiRefusal } from '../errors.js';
import { describeCampChanges } from '../report/camp-changes-text.js';
import { isoOf } from '../report/iso-of.js';
import type { ApiRequest, ConsoleApi } from './api-router.js';
import type { CampFileResponse, CampFileResult } from './api-types.js';
import { textField } from './body-fields.js';
import { refuseByPaths } from './problem-details.js';

const MAX_YAML = 200_000;

/** Camp files: creating a camp, reading and updating one (like `camp apply`), with a dry run that applies nothing. */
export function campFileRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.user('post', '/camps', async (req): Promise<CampFileResult> => {
    if (!(await campsOfUser(deps.store, req.userid)).some((c) => c.roles.includes('admin'))) {
      throw new ApiRefusal(403, '只有训练营的管理员可以新建训练营');
    }
    const { yaml, config, dryRun } = campFileOf(req, deps.settings.defaultTimezone);
    if (![...config.trainers, ...config.admins.users].includes(req.userid)) {
      throw new ApiRefusal(400, 'admins: 请把自己写进 trainers 或 admins.users，否则建好后你进不去', {
        issues: [{ path: 'admins', message: '请把自己写进 trainers 或 admins.users' }],
      });
    }
    const result = await apply(deps.store, config, yaml, req.now, dryRun, async (tx) => {
      if (await loadCamp(tx, config.id)) throw new ApiRefusal(409, `id: 训练营 ${config.id} 已存在，请在它的页面里修改`);
    });
    req.ctx.status = dryRun ? 200 : 201;
    return result;
  });

  api.camp('get', '/camp-file', ['admin', 'trainer'], async ({ campId }): Promise<CampFileResponse> => {
    const file = await loadCampFile(deps.store, campId);
    if (!file) throw new ApiRefusal(404, '这个营是用旧版本建的，还没有存档的营配置文件：上传一次完整的文件即可');
    return { yaml: file.yaml, updatedAt: isoOf(file.updatedAt) };
  });

  api.camp('put', '/camp-file', ['admin'], async (req): Promise<CampFileResult> => {
    const { yaml, config, dryRun } = campFileOf(req, req.camp.timezone);
    if (config.id !== req.campId) {
      throw new ApiRefusal(400, `id: 不能改营 id（应为 ${req.campId}）`, { issues: [{ path: 'id', message: `不能改营 id（应为 ${req.campId}）` }] });
    }
    return apply(deps.store, config, yaml, req.now, dryRun, async () => undefined);
  });
}

function campFileOf(req: ApiRequest, defaultTimezone: string): { yaml: string; config: CampConfig; dryRun: boolean } {
  textField(req.body, 'yaml', '营配置文件', MAX_YAML);
  const yaml = req.body.yaml as string; // kept as written: it is what the editor shows next time
  try {
    return { yaml, config: parseCampFile(yaml, { defaultTimezone }), dryRun: req.body.dryRun === true };
  } catch (error) {
    return refuseByPaths(error, '营配置文件');
  }
}

/** Tells a dry run's changes from a rollback. */
class DryRun extends Error {
  constructor(readonly changes: CampChanges) {
    super('dry run');
  }
}

/** Saves the camp (a dry run saves it in a transaction rolled back), after `check`, and says what changed. */
async function apply(db: Db, config: CampConfig, yaml: string, now: number, dryRun: boolean, check: (tx: Db) => Promise<void>): Promise<CampFileResult> {
  let changes: CampChanges;
  try {
    changes = await transaction(db, async (tx) => {
      await check(tx);
      const saved = await saveCamp(tx, config, now, yaml);
      if (dryRun) throw new DryRun(saved);
      return saved;
    }, 'write');
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
    changes = error.changes;
  }
  return { id: config.id, created: changes.created, applied: !dryRun, changes: describeCampChanges(config.id, config.name, changes).slice(1).map((line) => line.trim()) };
}
