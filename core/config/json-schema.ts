import { z } from 'zod';
import { configSchema } from './schema';

/** The JSON Schema of `ahakit.config.json`, as published in `schema/` and by `ahakit schema`. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://ahakit.dev/schema/ahakit.config.schema.json',
    title: 'ahakit config',
  };
}
