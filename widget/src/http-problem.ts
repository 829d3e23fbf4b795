/**
 * What went wrong with a collector answer, for a warning: `HTTP 403`, and the collector's
 * own words when it sent its JSON error (`forbidden_origin: … Allow it with
 * AHAKIT_ALLOWED_ORIGINS=…`), so the one warning a page sees names the fix.
 *
 * @example
 * if (!response.ok) throw new Error(await httpProblem(response));
 */
export async function httpProblem(response: Response): Promise<string> {
  let problem = `HTTP ${response.status}`;
  try {
    const { code, message } = (await response.json()).error;
    if (code && message) problem += `, ${code}: ${message}`;
  } catch {
    // Not the collector's JSON error (a proxy's HTML page): the status says enough.
  }
  return problem;
}
