/**
 * A strict JSON parser that remembers where each value starts, so an import error can name the
 * line of the bad record or field (JSON.parse only reports where the syntax broke, and not the
 * same way in every engine). It also refuses what JSON.parse lets through silently: duplicate
 * keys (the last one would win unseen) and `__proto__` keys.
 */

export interface Position {
  line: number;
  column: number;
}

export type JsonPath = readonly (string | number)[];

export type LocatedJson =
  | { ok: true; value: unknown; locate(path: JsonPath): Position | undefined }
  | { ok: false; position: Position; message: string };

/** Values deeper than this are not located (records are at depth 2, fields at 3–4). */
const MAX_LOCATED_DEPTH = 5;
const MAX_DEPTH = 64;

class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const keyOf = (path: JsonPath) => path.join('\u0000');

export function parseJsonLocated(text: string): LocatedJson {
  let i = 0;
  const starts = new Map<string, number>();

  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const describe = (at: number) => (at >= text.length ? 'the end of the file' : `"${text[at]}"`);

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let run = i;
    while (true) {
      if (i >= text.length) fail('Unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('Control character in a string (use \\n for a new line)');
      if (c === 0x5c) {
        out += text.slice(run, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail('Invalid escape in a string');
        }
        run = i;
        continue;
      }
      i++;
    }
  };

  const parseValue = (path: (string | number)[]): unknown => {
    if (path.length > MAX_DEPTH) fail('Nested too deeply');
    ws();
    if (path.length <= MAX_LOCATED_DEPTH) starts.set(keyOf(path), i);
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      while (true) {
        ws();
        if (text[i] !== '"') fail(`Expected a quoted key but found ${describe(i)}`);
        const keyAt = i;
        const key = parseString();
        if (key === '__proto__') fail('The key "__proto__" is not allowed', keyAt);
        if (Object.hasOwn(obj, key)) fail(`Duplicate key "${key}"`, keyAt);
        ws();
        if (text[i] !== ':') fail(`Expected ":" after a key but found ${describe(i)}`);
        i++;
        path.push(key);
        obj[key] = parseValue(path);
        path.pop();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`Expected "," or "}" but found ${describe(i)}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      while (true) {
        path.push(arr.length);
        arr.push(parseValue(path));
        path.pop();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`Expected "," or "]" but found ${describe(i)}`);
      }
    }
    if (c === '"') return parseString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail(`Unexpected ${describe(i)}`);
    const token = literal![0];
    i += token.length;
    return token === 'true' ? true : token === 'false' ? false : token === 'null' ? null : Number(token);
  };

  // Line and column (1-based) of an offset, by binary search over line starts.
  const lineStarts = [0];
  const position = (offset: number): Position => {
    if (lineStarts.length === 1) for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 0x0a) lineStarts.push(k + 1);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1; // a byte-order mark from Windows editors
    const value = parseValue([]);
    ws();
    if (i < text.length) fail(`Unexpected ${describe(i)} after the end of the data`);
    return {
      ok: true,
      value,
      locate(path) {
        const at = starts.get(keyOf(path));
        return at === undefined ? undefined : position(at);
      },
    };
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { ok: false, position: position(err.offset), message: err.message };
    throw err;
  }
}
