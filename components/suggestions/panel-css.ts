/**
 * Panel styles for its shadow root. Pixel sizes only (sites change the root font size,
 * research/reliability.md B4); `:host` rules are !important so page CSS cannot reach in.
 * Colours keep text contrast at 4.5:1 or more (axe).
 */
export const PANEL_CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  z-index: 2147483000 !important;
  display: block !important;
  width: 340px !important;
  max-width: calc(100vw - 16px) !important;
}
:host([hidden]) { display: none !important; }
.panel, .reopen {
  box-sizing: border-box;
  font: 400 13px/18px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  color: #111827;
  background: #ffffff;
  border: 1px solid #9ca3af;
  border-radius: 8px;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.18);
}
.panel { padding: 8px; max-height: 420px; overflow: auto; }
.head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.title { margin: 0; font-size: 13px; line-height: 18px; font-weight: 600; }
button { font: inherit; color: inherit; cursor: pointer; }
.close { border: 0; background: transparent; width: 24px; height: 24px; font-size: 18px; line-height: 24px; padding: 0; border-radius: 4px; }
.reopen { padding: 6px 10px; font-weight: 600; }
.crisis { margin: 6px 0; padding: 4px 6px; border-radius: 4px; background: #fee2e2; color: #7f1d1d; font-weight: 600; }
.search { box-sizing: border-box; width: 100%; margin: 6px 0; padding: 4px 6px; font: inherit; color: #111827; background: #ffffff; border: 1px solid #6b7280; border-radius: 4px; }
.list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.item { box-sizing: border-box; width: 100%; display: flex; justify-content: space-between; gap: 6px; text-align: start; padding: 6px 8px; border: 1px solid #d1d5db; border-radius: 6px; background: #f9fafb; }
.item[aria-current="true"] { border-color: #1d4ed8; background: #eff6ff; }
.item:focus-visible, .insert:focus-visible, .close:focus-visible, .search:focus-visible, .reopen:focus-visible, input:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
.item-title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; unicode-bidi: isolate; }
.flag { flex: none; font-size: 12px; font-weight: 600; color: #ffffff; background: #b91c1c; border-radius: 4px; padding: 0 4px; }
.detail { margin-top: 8px; padding-top: 8px; border-top: 1px solid #e5e7eb; }
.preview { margin: 0 0 6px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 120px; overflow: auto; unicode-bidi: plaintext; }
.fills { margin: 0 0 6px; padding-inline-start: 16px; color: #374151; }
.missing { display: flex; flex-direction: column; gap: 2px; margin-bottom: 6px; }
.missing input { font: inherit; padding: 3px 6px; border: 1px solid #6b7280; border-radius: 4px; color: #111827; background: #ffffff; }
.hint { color: #92400e; font-size: 12px; }
.length { margin: 0 0 6px; color: #374151; font-size: 12px; }
.length.over { color: #991b1b; font-weight: 600; }
.insert { padding: 4px 10px; border: 1px solid #1d4ed8; border-radius: 4px; background: #1d4ed8; color: #ffffff; }
.insert:disabled { background: #e5e7eb; border-color: #9ca3af; color: #374151; cursor: not-allowed; }
.notice { margin: 6px 0 0; color: #14532d; }
.muted { margin: 6px 0 0; color: #4b5563; font-size: 12px; }
`;
