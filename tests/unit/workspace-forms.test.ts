// What the workspace page's forms may send, and the one property change each becomes.
import { describe, expect, it } from 'vitest';
import { CommentForm, formFields, parseForm, PersonForm, PropertyForm, sheetRows, UploadForm } from '../demo/workspace/forms';
import { formatTime, isUnchanged, propertyChange, type PageProperty } from '../demo/workspace/properties';

const MAYA = '6c1e9f3a-2d4b-4e8a-8f70-3b5a1c9d2e01';
const SAM = '6c1e9f3a-2d4b-4e8a-8f70-3b5a1c9d2e03';
type Schema = Parameters<typeof propertyChange>[1];
const status = (name: string | null): PageProperty => ({ id: 's', type: 'select', select: name ? { id: name, name, color: 'default' } : null }) as PageProperty;
const statusSchema = { id: 's', name: 'Status', description: null, type: 'select', select: { options: ['Needs review', 'Approved'].map((name) => ({ id: name, name, color: 'default', description: null })) } } as unknown as Schema;
const form = (body: string) => {
  const parsed = parseForm(PropertyForm, body);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

describe('form bodies', () => {
  it('reads urlencoded fields, a repeated one as a list', () => {
    expect(formFields('property=Reviewer&value=a&value=b&back=%2Fruns')).toEqual({ property: 'Reviewer', value: ['a', 'b'], back: '/runs' });
  });

  it('names each wrong field in plain words instead of failing', () => {
    expect(parseForm(CommentForm, 'text=+++&back=/')).toEqual({ ok: false, message: 'The form was not sent: text is empty: type a comment first.' });
    expect(parseForm(PersonForm, 'person=nobody')).toEqual({ ok: false, message: 'The form was not sent: person is not a person of this workspace.' });
    const missing = parseForm(UploadForm, 'name=x&content=');
    expect(missing.ok ? '' : missing.message).toMatch(/kind/);
    expect(parseForm(CommentForm, `text=${'a'.repeat(2001)}`)).toMatchObject({ ok: false, message: expect.stringContaining('2000-character') });
  });

  it('never sends a person back to another site', () => {
    for (const back of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      expect(parseForm(CommentForm, `text=hi&back=${encodeURIComponent(back)}`).ok).toBe(false);
    }
    expect(parseForm(CommentForm, 'text=hi')).toEqual({ ok: true, value: { text: 'hi', back: '/' } });
  });

  it('reads a typed Sheet as CSV rows, quotes included, blank lines dropped', () => {
    expect(sheetRows('competitor,price\r\n"Rival, A","39 EUR"\n\nRival B,55 EUR\n')).toEqual([['competitor', 'price'], ['Rival, A', '39 EUR'], ['Rival B', '55 EUR']]);
  });
});

describe('one property change', () => {
  it('sets a select to one of its options, and refuses one it does not have', () => {
    expect(propertyChange(status('Needs review'), statusSchema, form('property=Status&value=Approved'))).toEqual({ ok: true, request: { select: { name: 'Approved' } } });
    expect(propertyChange(status('Needs review'), statusSchema, form('property=Status&value=Shipped'))).toEqual({ ok: false, message: 'Status has no option “Shipped”: pick one of Needs review, Approved.' });
  });

  it('sends nothing when the value would stay as it is', () => {
    expect(isUnchanged(status('Approved'), form('property=Status&value=Approved'))).toBe(true);
    expect(isUnchanged(status('Needs review'), form('property=Status&value=Approved'))).toBe(false);
    const people = { id: 'r', type: 'people', people: [{ object: 'user', id: MAYA }] } as PageProperty;
    expect(isUnchanged(people, form(`property=Reviewer&value=${MAYA}`))).toBe(true);
    expect(propertyChange(people, undefined, form(`property=Reviewer&value=${MAYA}&value=${SAM}`))).toEqual({ ok: true, request: { people: [{ id: MAYA }, { id: SAM }] } });
  });

  it('ticks a checkbox, writes text, numbers and dates in Notion’s value shapes, and refuses what is not one', () => {
    const box = { id: 'c', type: 'checkbox', checkbox: false } as PageProperty;
    expect(propertyChange(box, undefined, form('property=Run+now&value=true'))).toEqual({ ok: true, request: { checkbox: true } });
    expect(propertyChange(box, undefined, form('property=Run+now&value=yes'))).toMatchObject({ ok: false });
    const feedback = { id: 'f', type: 'rich_text', rich_text: [] } as unknown as PageProperty;
    expect(propertyChange(feedback, undefined, form('property=Feedback&value=Shorter+please'))).toEqual({ ok: true, request: { rich_text: [{ type: 'text', text: { content: 'Shorter please' } }] } });
    expect(propertyChange(feedback, undefined, form('property=Feedback&value='))).toEqual({ ok: true, request: { rich_text: [] } });
    const amount = { id: 'a', type: 'number', number: 1 } as PageProperty;
    expect(propertyChange(amount, undefined, form('property=Amount&value=48000'))).toEqual({ ok: true, request: { number: 48000 } });
    expect(propertyChange(amount, undefined, form('property=Amount&value=lots'))).toMatchObject({ ok: false });
    const due = { id: 'd', type: 'date', date: null } as PageProperty;
    expect(propertyChange(due, undefined, form('property=Due&value=2026-12-01'))).toEqual({ ok: true, request: { date: { start: '2026-12-01' } } });
    expect(propertyChange(due, undefined, form('property=Due&value=tomorrow'))).toMatchObject({ ok: false });
  });

  it('refuses to edit what Notion computes', () => {
    const created = { id: 'x', type: 'created_time', created_time: '2026-12-01T10:00:00.000Z' } as PageProperty;
    expect(propertyChange(created, undefined, form('property=Created&value=now'))).toEqual({ ok: false, message: 'Created is a created_time property, which people cannot edit.' });
  });
});

describe('formatTime', () => {
  it('shows timestamps to the minute with their zone, and leaves dates and words alone', () => {
    expect(formatTime('2026-12-01T18:06:49.385Z')).toBe('2026-12-01 18:06 UTC');
    expect(formatTime('2026-12-07T09:00:00.000+01:00')).toBe('2026-12-07 09:00 (UTC+01:00)');
    expect(formatTime('2026-12-01')).toBe('2026-12-01');
    expect(formatTime('soon')).toBe('soon');
  });
});

