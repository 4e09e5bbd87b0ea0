import type { CampConfig } from '../../src/camp/camp-config.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import type { EventRow, Role, RosterPerson } from '../../src/console/api-types.js';
import type { QuizDefinition } from '../../src/console/quiz-definition.js';
import { computeStandings } from '../../src/scoring/compute-standings.js';
import { resolveRevoked } from '../../src/scoring/resolve-revoked.js';
import type { Learner, Standings } from '../../src/scoring/standings.js';
import { iso, mockNow } from './mock-clock.js';
import type { MockEvent, NewMockEvent } from './mock-event.js';

/** A learner's attempt at a quiz, kept by the mock server (answers saved as they go). */
export interface MockAttempt {
  startedAt: number;
  deadline: number;
  answers: Record<string, string[]>;
  submittedAt: number | null;
  reason: 'submitted' | 'timeout' | null;
  event: number | null;
}

export interface MockPublication {
  id: number;
  publishedAt: number;
  publishedBy: string;
  winners: { award: string; userid: string; code: string }[];
  supersedes: number | null;
}

/** One camp of the mock: its file, roster, ledger, quizzes and publication, all in memory. */
export class MockCamp {
  config: CampConfig;
  fileUpdatedAt = mockNow();
  readonly events: MockEvent[] = [];
  readonly quizzes = new Map<string, QuizDefinition>();
  /** `${quizId}\u0000${userid}` → attempt. */
  readonly attempts = new Map<string, MockAttempt>();
  publication: MockPublication | null = null;

  constructor(
    public yaml: string,
    public people: RosterPerson[],
    private readonly nextId: () => number,
  ) {
    this.config = parseCampFile(yaml);
  }

  get id(): string {
    return this.config.id;
  }

  rolesOf(userid: string): Role[] {
    const roles: Role[] = [];
    if (this.people.some((p) => p.userid === userid && p.role === 'learner')) roles.push('learner');
    if (this.config.trainers.includes(userid)) roles.push('trainer');
    if (this.config.managers.includes(userid)) roles.push('manager');
    if (this.config.admins.users.includes(userid)) roles.push('admin');
    return roles;
  }

  learners(): Learner[] {
    return this.people.filter((p) => p.role === 'learner').map(({ userid, name, team, department }) => ({ userid, name, team, department }));
  }

  nameOf(userid: string): string {
    return this.people.find((p) => p.userid === userid)?.name ?? userid;
  }

  record(event: NewMockEvent): MockEvent {
    const stored: MockEvent = {
      userid: null, num: null, text: null, ref: null, revokes: null, note: null, source: 'command',
      ...event,
      id: this.nextId(),
      recordedAt: Math.max(event.at, Math.min(mockNow(), event.at + 2000)),
    };
    this.events.push(stored);
    return stored;
  }

  standings(asOf = mockNow()): Standings {
    return computeStandings({ config: this.config, learners: this.learners(), facts: this.events, asOf });
  }

  revoked(): Set<number> {
    return resolveRevoked(this.events, mockNow());
  }

  /** An event in the `events list --json` shape. */
  row(event: MockEvent, revoked = this.revoked()): EventRow {
    return {
      id: event.id, type: event.type, userid: event.userid, value: event.num ?? event.text, ref: event.ref, actor: event.actor,
      source: event.source, happenedAt: iso(event.at), recordedAt: iso(event.recordedAt), revoked: revoked.has(event.id),
    };
  }
}
