/**
 * A test probe run in a fixture page's own world (E2E only): reads the open thread with the same
 * adapter the content script uses and ranks a given library for its customer's last message
 * with the same options, so a test can check the panel suggests what the ranking says.
 */
import { adapterForUrl } from '../../lib/platforms/index';
import { buildReplyIndex, detectLanguage, queryReplyIndex, type Reply } from '../../lib/replies';

function probe(library: Reply[]): { message: string; ids: string[] } | null {
  const url = new URL(location.href);
  const match = adapterForUrl(url);
  if (!match) return null;
  const thread = match.adapter.readThread(document, {
    now: new Date(),
    locale: document.documentElement.lang || navigator.language || 'en',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    url,
  });
  const message = thread?.lastInboundText?.trim() ?? '';
  const fallbackLanguage = detectLanguage(message) ?? (document.documentElement.lang.split('-')[0] || 'en');
  const ranked = queryReplyIndex(buildReplyIndex(library), message, { platform: match.adapter.id, limit: 3, fallbackLanguage, now: Date.now() });
  return { message, ids: ranked.map((r) => r.reply.id) };
}

Object.assign(window, { __batonProbe: probe });
