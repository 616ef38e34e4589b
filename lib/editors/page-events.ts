/**
 * Events the page's editor must accept as if the user had pasted or typed. In Chrome a content
 * script's events and DataTransfer objects are usable by page listeners as they are. In Firefox
 * the content script sees the page through Xray wrappers, and page code cannot read a
 * DataTransfer made in the content script's compartment; so there we build the objects from the
 * page's own constructors (`window.wrappedJSObject`), as Briskine does from a page script.
 */
interface PageWindow {
  DataTransfer: typeof DataTransfer;
  ClipboardEvent: typeof ClipboardEvent;
  InputEvent: typeof InputEvent;
}

type XrayWindow = Window & { wrappedJSObject?: PageWindow };
declare const cloneInto: ((obj: object, target: object, opts?: { wrapReflectors?: boolean }) => object) | undefined;

function pageWindow(doc: Document): { win: PageWindow; clone: <T extends object>(o: T) => T } {
  const view = doc.defaultView as XrayWindow | null;
  const page = view?.wrappedJSObject;
  if (page && typeof cloneInto === 'function' && view) {
    return { win: page, clone: (o) => cloneInto(o, view, { wrapReflectors: true }) as typeof o };
  }
  return { win: (view ?? window) as unknown as PageWindow, clone: (o) => o };
}

function transfer(doc: Document, text: string): DataTransfer {
  const { win } = pageWindow(doc);
  const dt = new win.DataTransfer();
  dt.setData('text/plain', text);
  return dt;
}

/** A paste of plain text, as the clipboard would deliver it. */
export function pasteEvent(doc: Document, text: string): ClipboardEvent {
  const { win, clone } = pageWindow(doc);
  return new win.ClipboardEvent('paste', clone({ bubbles: true, cancelable: true, clipboardData: transfer(doc, text) }));
}

/** A beforeinput carrying the text on its own DataTransfer (what Lexical reads for replacements). */
export function beforeInputEvent(doc: Document, text: string): InputEvent {
  const { win, clone } = pageWindow(doc);
  return new win.InputEvent(
    'beforeinput',
    clone({ bubbles: true, cancelable: true, inputType: 'insertReplacementText', data: text, dataTransfer: transfer(doc, text) }),
  );
}
