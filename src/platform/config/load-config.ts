import Value from 'typebox/value';
import { type Config, ConfigSchema } from './config-schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against `ConfigSchema`. Empty strings count as unset so that
 * `FOO=` in a `.env` file falls back to the default. Throws `ConfigError` naming each bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(ConfigSchema.properties);
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const candidate = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw));
  const problems = new Map<string, string>();
  for (const error of Value.Errors(ConfigSchema, candidate)) {
    const name = error.instancePath.replace(/^\//, '');
    if (problems.has(name)) continue;
    const property = (ConfigSchema.properties as Record<string, { description?: string }>)[name];
    problems.set(
      name,
      `${name}: ${describeProblem(error.message)}; ${shownValue(name, raw[name])}; wants ${property?.description ?? ''}`,
    );
  }
  if (problems.size > 0) throw new ConfigError([...problems.values()]);
  return candidate as Config;
}

const SECRET_NAME = /SECRET|PASSWORD|_URL$|_API_KEY$/;

function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'missing';
  return SECRET_NAME.test(name)
    ? `got a value of ${value.length} characters`
    : `got ${JSON.stringify(value)}`;
}

function describeProblem(message: string): string {
  return message === 'must be equal to constant' ? 'not one of the allowed values' : message;
}
