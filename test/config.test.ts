import { describe, expect, it } from 'vitest';
import { describeConfig, readConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const APP = {
  WECOM_CORP_ID: 'ww-corp',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 's',
  WECOM_TOKEN: 't',
  WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

describe('readConfig: the AI bot long connection', () => {
  it('is off without its keys, with WeCom’s URL as the default', () => {
    const config = readConfig(APP);
    expect([config.aibotId, config.aibotSecret, config.aibotWsUrl]).toEqual([null, null, 'wss://openws.work.weixin.qq.com']);
    expect(describeConfig(config)).toContain('aibot=off');
  });

  it('reads the bot id, secret and URL, and never shows the secret', () => {
    const config = readConfig({ ...APP, WECOM_AIBOT_ID: ' aibot-1 ', WECOM_AIBOT_SECRET: 'very-secret', WECOM_AIBOT_WS_URL: 'ws://127.0.0.1:9000/' });
    expect([config.aibotId, config.aibotSecret, config.aibotWsUrl]).toEqual(['aibot-1', 'very-secret', 'ws://127.0.0.1:9000']);
    expect(describeConfig(config)).toContain('aibot=ws://127.0.0.1:9000');
    expect(describeConfig(config)).not.toContain('very-secret');
  });

  it('refuses half a pair and a URL that is not ws(s), naming the key', () => {
    expect(() => readConfig({ ...APP, WECOM_AIBOT_ID: 'aibot-1' })).toThrow(/WECOM_AIBOT_ID and WECOM_AIBOT_SECRET must be set together/);
    expect(() => readConfig({ ...APP, WECOM_AIBOT_SECRET: 's' })).toThrow(ConfigError);
    expect(() => readConfig({ ...APP, WECOM_AIBOT_WS_URL: 'https://openws.work.weixin.qq.com' })).toThrow(/^WECOM_AIBOT_WS_URL must be a ws:\/\/ or wss:\/\/ URL/);
    expect(() => readConfig({ ...APP, WECOM_AIBOT_WS_URL: 'not a url' })).toThrow(/WECOM_AIBOT_WS_URL/);
  });
});
