import { appCallback, type PreparedCallback, submitText } from './callback-bodies.js';
import { chatterCallback, groupCallback } from './chatter-callbacks.js';
import { seededRandom } from './seeded-random.js';

type Make = (learner: string, msgId: string, random: () => number) => PreparedCallback;

/**
 * A camp's day of traffic, per 100 callbacks. Plain group chatter is what a camp mostly hears (a 2,000-learner camp
 * counts about a million messages a month); each learner looks at `/me` or `/rank` about once a day (a couple of
 * thousand a day, a few per cent of the chatter), from the group or 1:1; and 1:1 with the app is mostly
 * `/submit` (five assignments a camp) and `/help`.
 */
export const TRAFFIC_MIX: { what: string; per100: number; make: Make }[] = [
  { what: 'group-robot chatter (XML)', per100: 55, make: (learner, msgId, random) => chatterCallback('group-robot', learner, msgId, random) },
  { what: 'AI-bot chatter (JSON)', per100: 30, make: (learner, msgId, random) => chatterCallback('ai-bot', learner, msgId, random) },
  { what: '`/me` in the group (group robot)', per100: 1, make: (learner, msgId, random) => groupCallback('group-robot', learner, { text: '/me' }, msgId, random) },
  { what: '`/me` in the group (AI bot)', per100: 1, make: (learner, msgId, random) => groupCallback('ai-bot', learner, { text: '/me' }, msgId, random) },
  { what: '`/rank` in the group (group robot)', per100: 1, make: (learner, msgId, random) => groupCallback('group-robot', learner, { text: '/rank' }, msgId, random) },
  { what: '`/me` 1:1 (app)', per100: 1, make: (learner, msgId) => appCallback(learner, '/me', msgId) },
  { what: '`/rank` 1:1 (app)', per100: 1, make: (learner, msgId) => appCallback(learner, '/rank', msgId) },
  { what: '`/submit` 1:1 (app)', per100: 7, make: (learner, msgId) => appCallback(learner, submitText(msgId), msgId) },
  { what: '`/help` 1:1 (app)', per100: 3, make: (learner, msgId) => appCallback(learner, '/help', msgId) },
];

/** `count` callbacks in the mix's shares, in random order, from learners chosen at random, each with its own MsgId. */
export function buildMixCallbacks(count: number, learners: number, firstMsgId: number): PreparedCallback[] {
  const random = seededRandom(firstMsgId % 2 ** 31);
  return Array.from({ length: count }, (_, i) => {
    let roll = random() * 100;
    const entry = TRAFFIC_MIX.find((e) => (roll -= e.per100) < 0) ?? TRAFFIC_MIX[0]!;
    return entry.make(`u${Math.floor(random() * learners)}`, String(firstMsgId + i), random);
  });
}
