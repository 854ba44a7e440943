// What background work of the process engine is given: the store, the configuration, a logger and
// the mail settings derived from the configuration once.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Store } from '../db/open';
import { type MailSettings, mailSettings } from '../mail/settings';

export interface ProcessDeps {
  store: Store;
  config: Config;
  log: FastifyBaseLogger;
  mail: MailSettings;
}

export function processDeps(store: Store, config: Config, log: FastifyBaseLogger): ProcessDeps {
  return { store, config, log, mail: mailSettings(config) };
}
