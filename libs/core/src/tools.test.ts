import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseAction, toFunctionTools } from './tools.js';

const tools = {
  submit: { description: 'Submit the answer', input: z.object({ answer: z.string() }) },
  read_file: { description: 'Read', input: z.object({ path: z.string(), startLine: z.number().int().min(1).optional() }) },
};

describe('tools', () => {
  it('converts zod schemas to OpenAI function tools', () => {
    const defs = toFunctionTools(tools);
    expect(defs.map((d) => d.function.name)).toEqual(['submit', 'read_file']);
    expect(defs[0]!.function.parameters).toMatchObject({ type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] });
    expect(defs[1]!.function.parameters['required']).toEqual(['path']);
  });

  it('parses a valid call into a typed action', () => {
    const parsed = parseAction(tools, 'read_file', '{"path":"a.ts","startLine":3}');
    expect(parsed).toEqual({ ok: true, action: { tool: 'read_file', input: { path: 'a.ts', startLine: 3 } } });
  });

  it('turns bad calls into messages for the model, never throws', () => {
    expect(parseAction(tools, 'delete_all', '{}')).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown tool "delete_all".*submit, read_file/) });
    expect(parseAction(tools, 'submit', '{"answer": ')).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    expect(parseAction(tools, 'submit', '{}')).toMatchObject({ ok: false, error: expect.stringMatching(/answer/) });
    expect(parseAction(tools, 'read_file', '{"path":"x","startLine":0}')).toMatchObject({ ok: false, error: expect.stringMatching(/startLine/) });
  });
});
