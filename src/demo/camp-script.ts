import type { CampDay } from './demo-calendar.js';
import { assignmentSteps, planAssignments } from './script-assignments.js';
import { chatAndQuerySteps } from './script-chat.js';
import { planScores, scoreSteps } from './script-scores.js';
import { makeUpSteps, sessionSteps } from './script-sessions.js';
import type { ScriptDay, ScriptStep, ScriptTools } from './script-tools.js';

/** How many callbacks a script sends (for the progress bar). */
export function countMessages(days: ScriptDay[]): number {
  return days.reduce((sum, d) => sum + d.steps.reduce((n, s) => n + (s.kind === 'send' ? s.messages.length : 0), 0), 0);
}

function jobSteps(tools: ScriptTools, day: CampDay, last: boolean): ScriptStep[] {
  const job = (name: 'leaderboard' | 'preview' | 'publish', time: string): ScriptStep =>
    ({ kind: 'job', job: name, slot: `${day.date}T${time}`, time: tools.at(day, time) });
  return last ? [job('preview', '10:00'), job('publish', '18:00'), job('leaderboard', '20:00')] : [job('leaderboard', '20:00')];
}

/**
 * The compressed five weeks, day by day: chat and look-ups, lessons with check-ins, assignments with submissions,
 * peer reviews and grades, exams, project points, manager cases, a leaderboard every evening, and on the last day
 * the award preview (10:00) and publication (18:00). The same seed always writes the same script.
 */
export function campScript(tools: ScriptTools): ScriptDay[] {
  const assignments = planAssignments(tools);
  const scores = planScores(tools);
  const lastDay = tools.calendar.days.at(-1)!;
  return tools.calendar.days.map((day) => {
    const steps = [
      ...chatAndQuerySteps(tools, day),
      ...sessionSteps(tools, day),
      ...makeUpSteps(tools, day),
      ...assignmentSteps(tools, assignments, day),
      ...scoreSteps(tools, scores, day),
      ...jobSteps(tools, day, day === lastDay),
    ].filter((step) => step.kind === 'job' || step.messages.length > 0);
    // A stable sort by time keeps the steps of one activity in the order written.
    return { day, steps: steps.sort((a, b) => a.time - b.time) };
  });
}
