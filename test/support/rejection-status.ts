import { CallbackRejected } from '../../src/errors.js';

/** The HTTP status a callback step answers: 200 when it passes, the rejection's status when it throws one. */
export function rejectionStatus(run: () => unknown): number {
  try {
    run();
  } catch (error) {
    if (error instanceof CallbackRejected) return error.status;
    throw error;
  }
  return 200;
}
