import { readFileSync } from 'node:fs';
import { formatPath } from '../../../core/config/validate';
import { type Message, messageSchema } from '../../../core/events/schema';

/** One message of an events file, with where it came from. */
export interface FileMessage {
  line: number;
  message: Message;
  /** The account: `groupId` of a group call, else a top-level `groupId`, else `context.groupId`. */
  accountId: string | null;
  /** When it happened (ms); messages without a timestamp count from the epoch. */
  at: number;
}

/**
 * Reads an events file: JSON Lines, one Segment message per line (`track`, `identify`,
 * `page`, `screen`, `group`, `alias`), as `POST /v1/batch` takes them. Blank lines are
 * skipped; a line that is not JSON or not a valid message is listed in `problems` with its
 * line number, and the others are read.
 */
export function readEvents(file: string): { messages: FileMessage[]; problems: string[] } {
  return readEventsText(readFileSync(file, 'utf8'));
}

/** The same, from the text of an events file. */
export function readEventsText(text: string): { messages: FileMessage[]; problems: string[] } {
  const messages: FileMessage[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((text, index) => {
    const line = index + 1;
    if (!text.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      problems.push(`line ${line}: not JSON (${(error as Error).message})`);
      return;
    }
    const parsed = messageSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(`line ${line}: ${formatPath(issue.path)} ${issue.message}`);
      return;
    }
    const m = parsed.data;
    const topLevel = (m as { groupId?: unknown }).groupId;
    const contextGroup = m.context?.groupId;
    const accountId =
      typeof topLevel === 'string' && topLevel !== ''
        ? topLevel
        : typeof contextGroup === 'string' && contextGroup !== ''
          ? contextGroup
          : null;
    messages.push({ line, message: m, accountId, at: Date.parse(m.timestamp ?? '1970-01-01Z') });
  });
  return { messages, problems };
}
