export { type Config, ConfigSchema } from './config-schema.js';
export { resolveJwtSecret } from './jwt-secret.js';
export { ConfigError, loadConfig } from './load-config.js';
