import { readFileSync } from 'node:fs';
import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
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
      { path: '(file)', message: `not valid JSON: ${syntaxError(text, error as Error)}` },
    ]);
  }
  const result = validateConfig(input);
  if (!result.ok) throw new ConfigFileError(file, result.problems);
  return result.config;
}

const SYNTAX_WORDS: Record<string, string> = {
  CommaExpected: 'a comma is missing',
  ColonExpected: 'a colon is missing',
  ValueExpected: 'a value is missing',
  PropertyNameExpected: 'a key in double quotes is expected (a trailing comma?)',
  CloseBraceExpected: 'a } is missing',
  CloseBracketExpected: 'a ] is missing',
  EndOfFileExpected: 'text after the end of the JSON',
  InvalidSymbol: 'unexpected character',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
};

/** `line 3, column 3: a comma is missing`: where JSON.parse gave up, found by jsonc-parser. */
function syntaxError(text: string, error: Error): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (!first) return error.message;
  const before = text.slice(0, first.offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  const code = printParseErrorCode(first.error);
  return `line ${line}, column ${column}: ${SYNTAX_WORDS[code] ?? code}`;
}
