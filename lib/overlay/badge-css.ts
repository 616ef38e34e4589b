/**
 * Badge styles. Pixel sizes only: sites change the root font size, so rem/em would drift
 * (research/reliability.md B4). `:host` rules are !important because page CSS targeting the
 * host would otherwise win over shadow styles. Colours keep text contrast ≥ 4.5:1 (axe).
 */
export const BADGE_CSS = `
:host {
  all: initial !important;
  display: inline-block !important;
  vertical-align: middle !important;
  margin-inline: 6px !important;
  line-height: 0 !important;
}
:host([hidden]) { display: none !important; }
.badge {
  display: inline-flex;
  align-items: center;
  gap: 4px;
  box-sizing: border-box;
  height: 18px;
  padding: 0 6px;
  border-radius: 9px;
  font: 600 12px/18px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  white-space: nowrap;
  unicode-bidi: isolate;
  color: #14532d;
  background: #dcfce7;
  cursor: default;
}
.dot { width: 6px; height: 6px; border-radius: 3px; background: currentColor; flex: none; }
.badge[data-state="warn"] { color: #713f12; background: #fef3c7; }
.badge[data-state="breach"] { color: #ffffff; background: #b91c1c; }
.badge[data-state="unknown"] { color: #374151; background: #e5e7eb; }
`;
