import type { Channel } from '../bot/inbound-message.js';
import type { FakeMessage } from '../fake-wecom/fake-wecom-callbacks.js';
import type { ScheduleJob } from '../db/schedule-runs.js';
import type { CampDay, DemoCalendar } from './demo-calendar.js';
import { DEMO_BOT_NAME, type DemoChat } from './sample-camp.js';
import type { DemoLearner, DemoPeople } from './sample-people.js';
import type { SeededRandom } from './seeded-random.js';

/** One callback to send. `expect: 'recorded'` = the answer must name the event it created (`#id`). */
export interface ScriptMessage {
  channel: Channel;
  message: FakeMessage;
  expect?: 'recorded';
  /** Shown in the transcript's conversation excerpt with its answer. */
  show?: boolean;
}

/** Messages sent together (in any order), or a scheduled job fired at its slot; `time` orders a day's steps. */
export type ScriptStep =
  | { kind: 'send'; time: number; messages: ScriptMessage[] }
  | { kind: 'job'; time: number; job: ScheduleJob; slot: string };

export interface ScriptDay {
  day: CampDay;
  steps: ScriptStep[];
}

/** What the script writers share: the people, the calendar, the chats and message factories. */
export interface ScriptTools {
  random: SeededRandom;
  calendar: DemoCalendar;
  people: DemoPeople;
  chats: DemoChat[];
  apiBase: string;
  chatOf(learner: DemoLearner): DemoChat;
  /** A 1:1 message to the app. */
  app(from: string, text: string, time: number, extra?: Partial<FakeMessage>): ScriptMessage;
  /** A group message that @-mentions the bot, on the chat's channel (group robot XML or AI bot JSON). */
  group(chat: DemoChat, from: string, text: string, time: number): ScriptMessage;
  send(time: number, messages: ScriptMessage[]): ScriptStep;
  /** CreateTime (s) on `day` at `HH:MM`, plus `seconds`. */
  at(day: CampDay, time: string, seconds?: number): number;
}

export function createScriptTools(random: SeededRandom, calendar: DemoCalendar, people: DemoPeople, chats: DemoChat[], apiBase: string): ScriptTools {
  let msgId = 7_400_000_000_000_000_000n;
  const nextId = (): string => String((msgId += 1n));
  const names = new Map<string, string>([...people.learners, ...people.trainers, ...people.managers, ...people.admins].map((p) => [p.userid, p.name]));
  const chatByTeam = new Map(chats.flatMap((chat) => chat.teams.map((team) => [team, chat] as const)));
  return {
    random,
    calendar,
    people,
    chats,
    apiBase,
    chatOf: (learner) => chatByTeam.get(learner.team) ?? chats[0]!,
    app: (from, text, time, extra = {}) => ({ channel: 'app', message: { from, text, createTime: time, msgId: nextId(), ...extra } }),
    group: (chat, from, text, time) => ({
      channel: chat.channel,
      message: {
        from,
        name: names.get(from) ?? from,
        text: `@${DEMO_BOT_NAME} ${text}`,
        chatId: chat.id,
        chatType: 'group',
        createTime: time,
        msgId: nextId(),
        webhookUrl: `${apiBase}/cgi-bin/webhook/send?key=${chat.key}`,
        responseUrl: `${apiBase}/cgi-bin/aibot/response?response_code=${nextId()}`,
      },
    }),
    send: (time, messages) => ({ kind: 'send', time, messages }),
    at: (day, time, seconds = 0) => calendar.at(day.date, time) + seconds,
  };
}

/** Marks messages whose answer must name a new event. */
export function recorded(message: ScriptMessage, show = false): ScriptMessage {
  return { ...message, expect: 'recorded', show };
}
