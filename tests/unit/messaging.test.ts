import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineMessage, handle, handleRuntimeMessage, originOf, request, MessageError } from '@/lib/messaging';

const self = { id: 'ext-id', origin: 'chrome-extension://ext-id/' };
const fromPage = { id: 'ext-id', url: 'chrome-extension://ext-id/options.html' };
const fromContent = { id: 'ext-id', url: 'https://x.com/i/chat', tab: { id: 3, url: 'https://x.com/i/chat' } };

const echo = defineMessage('test/echo', {
  from: ['content'],
  request: z.strictObject({ text: z.string().max(10) }),
  response: z.strictObject({ text: z.string() }),
});
const secret = defineMessage('test/secret', { from: ['extension'], request: z.null(), response: z.string() });
let calls = 0;
const handlers = [
  handle(echo, ({ text }) => {
    calls++;
    return { text };
  }),
  handle(secret, () => 'token'),
];

describe('message router', () => {
  it('answers a valid message from an allowed sender', async () => {
    const reply = await handleRuntimeMessage({ baton: 1, type: 'test/echo', payload: { text: 'hi' } }, fromContent, handlers, self);
    expect(reply).toEqual({ ok: true, value: { text: 'hi' } });
  });

  it.each([
    ['not an object', 'hello'],
    ['no envelope marker', { type: 'test/echo', payload: { text: 'x' } }],
    ['extra envelope field', { baton: 1, type: 'test/echo', payload: { text: 'x' }, more: 1 }],
    ['unknown type', { baton: 1, type: 'test/nope', payload: null }],
    ['payload of the wrong type', { baton: 1, type: 'test/echo', payload: { text: 5 } }],
    ['payload with an unknown field', { baton: 1, type: 'test/echo', payload: { text: 'x', evil: true } }],
    ['oversized payload', { baton: 1, type: 'test/echo', payload: { text: 'x'.repeat(11) } }],
  ])('rejects %s without running a handler', async (_name, raw) => {
    calls = 0;
    const reply = await handleRuntimeMessage(raw, fromContent, handlers, self);
    expect(reply.ok).toBe(false);
    expect(calls).toBe(0);
  });

  it('rejects a privileged message from a content script', async () => {
    const reply = await handleRuntimeMessage({ baton: 1, type: 'test/secret', payload: null }, fromContent, handlers, self);
    expect(reply).toEqual({ ok: false, error: 'sender not allowed' });
  });

  it('rejects a content message from another extension or a page', async () => {
    for (const sender of [{ ...fromContent, id: 'other' }, { id: 'ext-id', url: 'http://evil.test/' }, {}]) {
      const reply = await handleRuntimeMessage({ baton: 1, type: 'test/echo', payload: { text: 'a' } }, sender, handlers, self);
      expect(reply.ok).toBe(false);
    }
  });

  it('classifies senders', () => {
    expect(originOf(fromPage, self.id, self.origin)).toBe('extension');
    expect(originOf(fromContent, self.id, self.origin)).toBe('content');
    expect(originOf({ id: 'ext-id', url: 'https://x.com/' }, self.id, self.origin)).toBeNull(); // no tab
  });

  it('reports a handler answer outside its schema as an error', async () => {
    const bad = handle(echo, () => ({ text: 1 }) as unknown as { text: string });
    const reply = await handleRuntimeMessage({ baton: 1, type: 'test/echo', payload: { text: 'a' } }, fromContent, [bad], self);
    expect(reply.ok).toBe(false);
  });

  it('request() parses the reply and surfaces refusals', async () => {
    const ok = await request(async (m) => handleRuntimeMessage(m, fromContent, handlers, self), echo, { text: 'yo' });
    expect(ok).toEqual({ text: 'yo' });
    await expect(request(async (m) => handleRuntimeMessage(m, fromContent, handlers, self), secret, null)).rejects.toThrow(MessageError);
    await expect(request(async () => 'garbage', echo, { text: 'a' })).rejects.toThrow(MessageError);
  });
});
