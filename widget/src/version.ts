// A named import lets the bundler inline just this string, not the whole package.json.
import { version } from '../../package.json';

/** The widget's version, sent as `context.library.version` with every message. */
export const VERSION: string = version;
