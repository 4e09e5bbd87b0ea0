import type { Db } from '../db/db.js';
import type { Standings } from '../scoring/standings.js';
import type { SignInTarget } from './sign-in-urls.js';

/** The server settings the console reads (never `process.env` at run time). */
export interface ConsoleSettings extends SignInTarget {
  /** SESSION_SECRET; null: every console path answers 503 and the rest of the server runs. */
  sessionSecret: string | null;
  /** CERT_SECRET, to publish awards (null: publishing is refused). */
  certSecret: string | null;
  /** The built web app, `console/dist`. */
  distDir: string;
  /** CAMP_TIMEZONE: a camp file's zone when it names none. */
  defaultTimezone: string;
}

/** What the console's routes are built on; the composition root (`startCampBot`) passes the real ones. */
export interface ConsoleDeps {
  store: Db;
  settings: ConsoleSettings;
  /** The camp's standings as of `now` (the server's shared, incrementally kept cache). */
  standings(db: Db, campId: string, now: number): Promise<Standings>;
  /** WeCom's `auth/getuserinfo`: the member a login code belongs to (null: not a member; 40029: used or expired). */
  userIdByCode(code: string): Promise<string | null>;
  now(): number;
  log(line: string): void;
}
