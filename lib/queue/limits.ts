/**
 * Wire limits shared by the extension and the team server, so a client never builds a request the
 * server is bound to refuse (reliability.md E5).
 */
export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_MUTATIONS_PER_PUSH = 100;
export const MAX_CONVERSATION_KEY_LENGTH = 200;
export const MAX_NOTE_LENGTH = 500;
export const MAX_HOLDING_STATEMENT_LENGTH = 2000;
export const MAX_REPLY_TITLE_LENGTH = 120;
export const MAX_REPLY_BODY_LENGTH = 5000;
export const MAX_DISPLAY_NAME_LENGTH = 80;
/** Clients ping at least this often over the poke socket (Chrome keeps the worker alive ≤ 30 s). */
export const KEEPALIVE_MS = 20_000;
