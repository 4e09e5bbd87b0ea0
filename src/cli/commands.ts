import type { CliCommand } from './cli-command.js';
import { auditVerifyCommand } from './audit-verify.js';
import { backupCommand } from './backup.js';
import { migrateCommand } from './migrate.js';

/** Every `camp-bot` subcommand; each lives in its own file. */
export const commands: CliCommand[] = [
  migrateCommand,
  auditVerifyCommand,
  backupCommand,
];
