import { parentPort } from 'node:worker_threads';
import { type CryptoJob, runCryptoJob } from './crypto-job.js';

/** A batch of jobs from the pool; results go back in the same order under the same batch id. */
export interface JobBatch {
  batch: number;
  jobs: CryptoJob[];
}

const port = parentPort;
if (!port) throw new Error('crypto-worker must run in a worker thread');
port.on('message', ({ batch, jobs }: JobBatch) => {
  port.postMessage({ batch, results: jobs.map(runCryptoJob) });
});
port.postMessage({ ready: true });
