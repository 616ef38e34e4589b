import { describe, expect, it } from 'vitest';
import { mergeOpenThread } from '@/lib/overlay/thread-merge';
import type { ConversationObservation, ConversationState } from '@/lib/platforms/types';

const at = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00.000Z`);
const base: ConversationState = {
  key: 'x:1',
  platform: 'x',
  customerName: 'Jane',
  lastInboundAt: at('10:00'),
  lastOutboundAt: null,
  lastIsInbound: true,
  waitingSince: at('10:00'),
  lastInboundText: 'Where is my order?',
  url: null,
};
const row = (over: Partial<ConversationObservation> = {}): ConversationObservation => ({ ...base, row: document.createElement('li'), unread: true, ...over });
const thread = (over: Partial<ConversationState> = {}): ConversationState => ({ ...base, waitingSince: at('09:41'), ...over });

describe('mergeOpenThread', () => {
  it.each([
    ['both waiting: the thread’s oldest unanswered message wins', row(), thread(), at('09:41')],
    ['another conversation is open: the row keeps its own reading', row(), thread({ key: 'x:2' }), at('10:00')],
    ['no thread open', row(), null, at('10:00')],
    ['the row says the brand answered: a stale thread cannot keep it waiting', row({ lastIsInbound: false, waitingSince: null }), thread(), null],
    ['the thread says answered (it may lag): the row’s newer message stands', row(), thread({ lastIsInbound: false, waitingSince: null }), at('10:00')],
    ['the row has no readable time: the thread supplies it', row({ waitingSince: null }), thread(), at('09:41')],
    ['the thread is not older (it re-read first): the row stands', row({ waitingSince: at('09:30') }), thread(), at('09:30')],
  ])('%s', (_name, r, t, expected) => {
    expect(mergeOpenThread(r, t).waitingSince).toEqual(expected);
  });
});
