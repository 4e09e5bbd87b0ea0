import { forkServer } from './fork-server.js';
import { runLoad } from './load.js';
import { buildSubmitCallbacks } from './callback-bodies.js';
const bodies = buildSubmitCallbacks(6000, 2000, 2e12);
const camp = await forkServer('camp', { learners: 2000, events: 20000, execArgv: ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] });
console.log('camp', await runLoad({ baseUrl: camp.baseUrl, connections: 100, callbacks: bodies }));
console.log(await camp.finish());
