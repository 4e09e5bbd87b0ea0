import { assignCommand } from './assign.js';
import { awardsPreviewCommand, awardsPublishCommand } from './awards.js';
import { campBindCommand } from './camp-bind.js';
import { caseCommand } from './case.js';
import { checkinCommand } from './checkin.js';
import type { CommandSpec } from './command-spec.js';
import { gradeCommand } from './grade.js';
import { helpCommand } from './help.js';
import { lessonCommand } from './lesson.js';
import { lessonLiveCommand } from './lesson-live.js';
import { meCommand } from './me.js';
import { prizeClaimedCommand, prizeListCommand } from './prize.js';
import { rankCommand } from './rank.js';
import { reviewCommand } from './review.js';
import { rulesCommand } from './rules.js';
import { scoreCommand } from './score.js';
import { sessionCommand } from './session.js';
import { statsCommand } from './stats.js';
import { submitCommand } from './submit.js';
import { teamCommand } from './team.js';
import { undoCommand } from './undo.js';
import { weightsCommand } from './weights.js';
import { whyCommand } from './why.js';

/**
 * Every chat command, in the order `/help` lists them. Registering a command is one import and one entry here.
 * @example import { commands } from './registry.js'; findCommand(['我的'], commands)
 */
export const commands: readonly CommandSpec[] = [
  helpCommand,
  meCommand,
  rankCommand,
  teamCommand,
  rulesCommand,
  whyCommand,
  checkinCommand,
  submitCommand,
  reviewCommand,
  campBindCommand,
  sessionCommand,
  lessonCommand,
  lessonLiveCommand,
  scoreCommand,
  assignCommand,
  gradeCommand,
  caseCommand,
  undoCommand,
  weightsCommand,
  awardsPreviewCommand,
  awardsPublishCommand,
  prizeClaimedCommand,
  prizeListCommand,
  statsCommand,
];
