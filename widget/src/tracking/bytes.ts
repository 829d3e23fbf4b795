/**
 * The UTF-8 size of a string: message and batch limits are in bytes on the wire, and
 * `keepalive` requests are refused above 64 KiB.
 */
export const utf8Length = (text: string): number => new TextEncoder().encode(text).length;
