import type { CliCommand } from './cli-command.js';
import { auditVerifyCommand } from './audit-verify.js';
import { awardsPublishCommand } from './awards-publish.js';
import { awardsShowCommand } from './awards-show.js';
import { backupCommand } from './backup.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';
import { statsCommand } from './stats.js';
import { exportCommand } from './export.js';
import { campApplyCommand } from './camp-apply.js';
import { rosterImportCommand } from './roster-import.js';
import { eventsImportCommand } from './events-import.js';
import { standingsCommand } from './standings.js';
import { awardsPreviewCommand } from './awards-preview.js';
import { dbCopyCommand } from './db-copy.js';
import { demoCommand } from './demo.js';
import { eventsListCommand } from './events-list.js';
import { sourcesSyncCommand } from './sources-sync.js';

/** Every `camp-bot` subcommand; each lives in its own file. */
export const commands: CliCommand[] = [
  serveCommand,
  migrateCommand,
  auditVerifyCommand,
  backupCommand,
  dbCopyCommand,
  statsCommand,
  exportCommand,
  awardsPublishCommand,
  awardsShowCommand,
  campApplyCommand,
  rosterImportCommand,
  eventsImportCommand,
  eventsListCommand,
  sourcesSyncCommand,
  standingsCommand,
  awardsPreviewCommand,
  demoCommand,
];
