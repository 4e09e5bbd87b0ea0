import { ApiRefusal, ValidationError } from '../errors.js';
import type { LineIssue, PathIssue } from './api-types.js';

/** `key.path: what` problems (camp and quiz files) as the API's `issues`; a problem without a path keeps `(file)`. */
function issuesOf(problems: readonly string[]): PathIssue[] {
  return problems.map((problem) => {
    const at = problem.indexOf(': ');
    return at < 0 ? { path: '(file)', message: problem } : { path: problem.slice(0, at), message: problem.slice(at + 2) };
  });
}

/** `line N: what` problems (rosters, imports) as the API's `lines`; others are line 0, the file as a whole. */
export function linesOf(problems: readonly string[]): LineIssue[] {
  return problems.map((problem) => {
    const match = /^line (\d+): (.*)$/s.exec(problem);
    return match ? { line: Number(match[1]), message: match[2]! } : { line: 0, message: problem };
  });
}

/** A file's ValidationError as a 400 listing every problem by key path; other errors pass through. */
export function refuseByPaths(error: unknown, what: string): never {
  if (!(error instanceof ValidationError)) throw error;
  const issues = issuesOf(error.problems);
  const first = issues[0]!;
  const more = issues.length > 1 ? `（共 ${issues.length} 处）` : '';
  throw new ApiRefusal(400, `${what}有错：${first.path}: ${first.message}${more}`, { issues });
}

/** A table file's ValidationError as a 400 listing every problem by line; other errors pass through. */
export function refuseByLines(error: unknown): never {
  if (!(error instanceof ValidationError)) throw error;
  throw new ApiRefusal(400, error.message, { lines: linesOf(error.problems) });
}
