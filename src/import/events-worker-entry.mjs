// tsx's hooks do not reach worker threads on Node 20, so the worker registers them itself before loading TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./events-worker.ts');
