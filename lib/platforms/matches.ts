/** The manifest's content-script and host match patterns, from the adapters themselves. */
import { adapters } from './index';

export function contentScriptMatches(): string[] {
  return [...new Set(adapters.flatMap((a) => a.matches))].sort();
}
