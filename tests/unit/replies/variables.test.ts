import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, validateTemplate, variableValues, variablesOf, VARIABLE_NAMES } from '@/lib/replies';

const values = variableValues({ customerName: 'Sara Al-Qahtani', agentName: 'Omar Haddad', brandName: 'Nakheel', platformLabel: 'Instagram' });

describe('reply variables', () => {
  it.each([
    ['{{customer.first_name}}', 'Sara'],
    ['{{customer.name}}', 'Sara Al-Qahtani'],
    ['{{agent.first_name}}', 'Omar'],
    ['{{agent.name}}', 'Omar Haddad'],
    ['{{brand.name}}', 'Nakheel'],
    ['{{platform}}', 'Instagram'],
    ['{{ customer.first_name }}', 'Sara'],
    ['{{customer.first_name | "there"}}', 'Sara'],
    ["{{customer.first_name|'there'}}", 'Sara'],
  ])('fills %s', (body, text) => {
    expect(renderTemplate(`Hi ${body}!`, values)).toEqual({ text: `Hi ${text}!`, cursor: null, missing: [] });
  });

  it('knows exactly the documented names', () => {
    expect([...VARIABLE_NAMES]).toEqual(['customer.first_name', 'customer.name', 'agent.first_name', 'agent.name', 'brand.name', 'platform']);
  });

  it('uses the fallback when the value is missing or blank, and reports names with no fallback', () => {
    const none = variableValues({ customerName: '   ', agentName: null });
    expect(renderTemplate('Hi {{customer.first_name | "there"}}, I am {{agent.first_name}}.', none)).toEqual({
      text: 'Hi there, I am .',
      cursor: null,
      missing: ['agent.first_name'],
    });
    expect(renderTemplate('{{customer.name | ""}}ok', none)).toEqual({ text: 'ok', cursor: null, missing: [] });
  });

  it('reads escaped quotes and backslashes in fallbacks, and Arabic fallbacks', () => {
    expect(renderTemplate('{{customer.first_name | "the \\"best\\" \\\\ friend"}}', {}).text).toBe('the "best" \\ friend');
    expect(renderTemplate('مرحباً {{customer.first_name | "عميلنا العزيز"}}', {}).text).toBe('مرحباً عميلنا العزيز');
    expect(renderTemplate('{{customer.first_name | "a }} b"}}', {}).text).toBe('a }} b');
  });

  it('puts the cursor where {{cursor}} was, in UTF-16 offsets after filling', () => {
    const r = renderTemplate('Hi {{customer.first_name}}, {{cursor}} thanks 🙏', values);
    expect(r.text).toBe('Hi Sara,  thanks 🙏');
    expect(r.cursor).toBe('Hi Sara, '.length);
    expect(renderTemplate('مرحباً {{cursor}}', {}).cursor).toBe('مرحباً '.length);
  });

  it.each([
    ['unknown name', 'Hi {{customer.firstname}}', 'unknown'],
    ['unknown namespace', '{{order.id}}', 'unknown'],
    ['code-like name', '{{constructor}}', 'unknown'],
    ['empty braces', 'Hi {{ }}', 'empty'],
    ['unquoted fallback', '{{customer.first_name | there}}', 'badFallback'],
    ['two fallbacks', '{{customer.first_name | "a" "b"}}', 'badFallback'],
    ['unterminated fallback quote', '{{customer.first_name | "there}}', 'unclosed'],
    ['unclosed tag', 'Hi {{customer.first_name', 'unclosed'],
    ['tag opened inside a tag', '{{customer.first_name {{platform}}', 'unclosed'],
    ['two cursors', '{{cursor}} and {{cursor}}', 'twoCursors'],
    ['cursor with a fallback', '{{cursor | "x"}}', 'cursorFallback'],
  ])('rejects %s', (_name, body, code) => {
    const problems = validateTemplate(body);
    expect(problems.map((p) => p.code)).toContain(code);
    expect(problems[0]!.message.length).toBeGreaterThan(5);
    expect(() => renderTemplate(body, values)).toThrow();
  });

  it('accepts plain text, single braces and every form together', () => {
    expect(validateTemplate('Price {in SAR}: 10 } {')).toEqual([]);
    const body = '{{customer.first_name | "there"}} {{customer.name}} {{agent.first_name}} {{agent.name}} {{brand.name}} {{platform}} {{cursor}}';
    expect(validateTemplate(body)).toEqual([]);
    expect(variablesOf(`${body} {{platform}}`)).toEqual([...VARIABLE_NAMES]);
  });

  it('reports where the problem is', () => {
    const parsed = parseTemplate('abc {{nope}}');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]).toMatchObject({ code: 'unknown', at: 4, name: 'nope' });
  });

  it('derives first names from display names', () => {
    expect(variableValues({ customerName: '  محمد   العتيبي ' })['customer.first_name']).toBe('محمد');
    expect(variableValues({})['customer.first_name']).toBeNull();
  });
});
