import type { Router } from '@koa/router';
import { consoleApi } from './api-router.js';
import { assignmentRoutes } from './assignment-routes.js';
import { attemptRoutes } from './attempt-routes.js';
import { awardRoutes } from './award-routes.js';
import { campFileRoutes } from './camp-file-routes.js';
import { caseRoutes } from './case-routes.js';
import { certificateRoutes } from './certificate-routes.js';
import type { ConsoleDeps } from './console-deps.js';
import { evidenceRoutes } from './evidence-routes.js';
import { exportRoutes } from './export-routes.js';
import { historyRoutes } from './history-routes.js';
import { importRoutes } from './import-routes.js';
import { installSignIn, requireSignIn } from './install-sign-in.js';
import { learnerRoutes } from './learner-routes.js';
import { createHistoryCache } from './learner-history.js';
import { meRoutes } from './me-routes.js';
import { prizeRoutes } from './prize-routes.js';
import { quizRoutes } from './quiz-routes.js';
import { reviewRoutes } from './review-routes.js';
import { rosterRoutes } from './roster-routes.js';
import { serveConsoleAssets } from './serve-console-assets.js';
import { sessionRoutes } from './session-routes.js';
import { standingsRoutes } from './standings-routes.js';
import { statsRoutes } from './stats-routes.js';
import { submissionRoutes } from './submission-routes.js';
import { createSubmissionsCache } from './submissions-cache.js';
import { weightsRoutes } from './weights-routes.js';

/**
 * Mounts the camp console on the server's router (SPEC §12): the sign-in, the web app under `/console` (signed-in
 * users only; its hashed assets for everyone) and every `/api` route of docs/console-api.md.
 * @example createCallbackServer({ …, extendRouter: (router) => installConsole(router, deps) });
 */
export function installConsole(router: Router, deps: ConsoleDeps): void {
  installSignIn(router, deps);
  router.get(['/console', '/console/{*page}'], requireSignIn(deps), serveConsoleAssets({ dir: deps.settings.distDir }));
  const api = consoleApi(router, deps);
  for (const routes of [
    meRoutes, campFileRoutes, learnerRoutes, certificateRoutes, assignmentRoutes, standingsRoutes, sessionRoutes, evidenceRoutes,
    weightsRoutes, awardRoutes, statsRoutes, rosterRoutes, importRoutes, exportRoutes, prizeRoutes, caseRoutes, quizRoutes, attemptRoutes,
  ]) routes(api);
  const submissions = createSubmissionsCache();
  submissionRoutes(api, submissions);
  reviewRoutes(api, submissions);
  historyRoutes(api, createHistoryCache());
  api.finish();
}
