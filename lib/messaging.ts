/**
 * Baton's one message protocol between contexts (content scripts, extension pages, background).
 * Each message is declared once with `defineMessage`: its name, who may send it, and zod schemas
 * for the request and the response. The background routes raw runtime messages through
 * `handleRuntimeMessage`, which parses the envelope and payload, checks the sender, runs the
 * handler and parses its answer; senders use `request()`, which parses the reply too. Feature
 * modules declare their messages beside their code (e.g. lib/health-messages.ts) and the
 * background registers handlers for them (entrypoints/background).
 */
import { z } from 'zod';

/** Who may send a message: a content script in a page tab, or an extension page (popup, options). */
export type Origin = 'content' | 'extension';

export interface MessageDef<N extends string, Req extends z.ZodType, Res extends z.ZodType> {
  name: N;
  from: readonly Origin[];
  request: Req;
  response: Res;
}

export function defineMessage<N extends string, Req extends z.ZodType, Res extends z.ZodType>(
  name: N,
  spec: { from: readonly Origin[]; request: Req; response: Res },
): MessageDef<N, Req, Res> {
  return { name, ...spec };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- erased registry of heterogeneous defs
export type AnyMessageDef = MessageDef<string, z.ZodType, any>;

export const EnvelopeSchema = z.strictObject({
  baton: z.literal(1),
  type: z.string().min(1).max(64),
  payload: z.unknown(),
});

/** What the router needs to know of the sender (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** Classify a sender: our own extension page, a content script in a tab, or someone else. */
export function originOf(sender: SenderInfo, ownId: string, ownOrigin: string): Origin | null {
  if (sender.id !== ownId) return null;
  const url = sender.url ?? '';
  if (url.startsWith(ownOrigin)) return 'extension';
  if (sender.tab && /^https:\/\//.test(url)) return 'content';
  return null;
}

export type Reply = { ok: true; value: unknown } | { ok: false; error: string };

export interface Handler {
  def: AnyMessageDef;
  run(payload: unknown, sender: SenderInfo): Promise<unknown> | unknown;
}

/** Pair a message definition with its typed implementation. */
export function handle<N extends string, Req extends z.ZodType, Res extends z.ZodType>(
  def: MessageDef<N, Req, Res>,
  run: (payload: z.infer<Req>, sender: SenderInfo) => Promise<z.input<Res>> | z.input<Res>,
): Handler {
  return { def, run: (payload, sender) => run(payload as z.infer<Req>, sender) };
}

/**
 * Route one raw runtime message. Never throws: malformed, unknown and unauthorised messages
 * get `{ ok: false, error }` and touch nothing.
 */
export async function handleRuntimeMessage(
  raw: unknown,
  sender: SenderInfo,
  handlers: readonly Handler[],
  self: { id: string; origin: string },
): Promise<Reply> {
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, error: 'malformed message' };
  const handler = handlers.find((h) => h.def.name === envelope.data.type);
  if (!handler) return { ok: false, error: `unknown message type ${envelope.data.type}` };
  const origin = originOf(sender, self.id, self.origin);
  if (!origin || !handler.def.from.includes(origin)) return { ok: false, error: 'sender not allowed' };
  const payload = handler.def.request.safeParse(envelope.data.payload);
  if (!payload.success) return { ok: false, error: `invalid payload: ${z.prettifyError(payload.error)}` };
  try {
    const value = handler.def.response.parse(await handler.run(payload.data, sender));
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export class MessageError extends Error {}

const ReplySchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);

/**
 * Send a typed request through `send` (browser.runtime.sendMessage) and parse the answer.
 * Throws MessageError when the background refuses or answers out of protocol.
 */
export async function request<N extends string, Req extends z.ZodType, Res extends z.ZodType>(
  send: (message: unknown) => Promise<unknown>,
  def: MessageDef<N, Req, Res>,
  payload: z.input<Req>,
): Promise<z.infer<Res>> {
  const reply = ReplySchema.safeParse(await send({ baton: 1, type: def.name, payload }));
  if (!reply.success) throw new MessageError(`no valid reply to ${def.name}`);
  if (!reply.data.ok) throw new MessageError(reply.data.error);
  return def.response.parse(reply.data.value);
}
