import { createWeComClient, type WeComClient } from '../bot/wecom-client.js';
import { readConfig } from '../config.js';
import { ConfigError } from '../errors.js';

/**
 * The WeCom API client a CLI command uses (the self-built app's CorpID and Secret, `WECOM_API_BASE`); ConfigError
 * naming the first key that is missing. Callback keys are not needed.
 * @example const client = wecomClientFromEnv(process.env, io.err);
 */
export function wecomClientFromEnv(env: NodeJS.ProcessEnv, log: (line: string) => void): WeComClient {
  const config = readConfig(env, { requireApp: false });
  for (const [key, value] of [['WECOM_CORP_ID', config.corpId], ['WECOM_SECRET', config.secret]] as const) {
    if (!value) throw new ConfigError(`${key} is required (see .env.example)`);
  }
  return createWeComClient({ apiBase: config.apiBase, corpId: config.corpId, agentId: config.agentId, secret: config.secret, log });
}
