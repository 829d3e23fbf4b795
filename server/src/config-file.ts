import { readFileSync } from 'node:fs';
import type { AhakitConfig } from '../../core/config/schema';
import { type ConfigProblem, formatProblem, validateConfig } from '../../core/config/validate';

export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `${file} is not a valid ahakit config (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`,
    );
    this.name = 'ConfigFileError';
  }
}

/** Reads and validates a config file; throws a ConfigFileError listing every problem. */
export function loadConfigFile(file: string): AhakitConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new ConfigFileError(file, [{ path: '(file)', message: reason, received: 'nothing' }]);
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file = 'config'): AhakitConfig {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(file, [
      { path: '(file)', message: `not valid JSON: ${(error as Error).message}`, received: 'text' },
    ]);
  }
  const result = validateConfig(input);
  if (!result.ok) throw new ConfigFileError(file, result.problems);
  return result.config;
}
