import { describe, expect, it } from 'vitest';
import { DEFAULT_THINK_TAGS, parseThinkTags, splitThinking } from './think-tags.js';
import { thinkingWriter } from './thinking-field.js';

describe('inline think tags', () => {
  const split = (text: string) => splitThinking(text, DEFAULT_THINK_TAGS);

  it('splits closed, unopened and unclosed thinking from the answer', () => {
    expect(split('<think>\nhmm\n</think>\n#### 4')).toEqual({ content: '#### 4', reasoning: 'hmm', unclosed: false });
    // chat templates that put the opening tag in the prompt
    expect(split('hmm, 2+2\n</think>\n#### 4')).toEqual({ content: '#### 4', reasoning: 'hmm, 2+2', unclosed: false });
    expect(split('<think>still going')).toEqual({ content: '', reasoning: 'still going', unclosed: true });
    expect(split('<think>a</think>x<think>b</think>y')).toEqual({ content: 'xy', reasoning: 'a\nb', unclosed: false });
    expect(split('plain answer')).toEqual({ content: 'plain answer', reasoning: '', unclosed: false });
  });

  it('parses --think-tags and refuses a malformed value', () => {
    expect(parseThinkTags('<reason>,</reason>')).toEqual({ open: '<reason>', close: '</reason>' });
    expect(parseThinkTags('off')).toBeNull();
    expect(() => parseThinkTags('<think>')).toThrow(/OPEN,CLOSE/);
  });
});

describe('thinking field', () => {
  const write = (field: string) => {
    const body: Record<string, unknown> = { model: 'm' };
    thinkingWriter(field)!(body, 2048);
    return body;
  };

  it('writes the budget where each kind of server takes it', () => {
    expect(write('vllm')).toEqual({ model: 'm', thinking_token_budget: 2048 });
    expect(write('openrouter')).toEqual({ model: 'm', reasoning: { max_tokens: 2048 } });
    expect(write('anthropic')).toEqual({ model: 'm', thinking: { type: 'enabled', budget_tokens: 2048 } });
    expect(write('extra_body.budget')).toEqual({ model: 'm', extra_body: { budget: 2048 } });
    expect(thinkingWriter('none')).toBeUndefined();
    expect(() => thinkingWriter('not a path!')).toThrow(/not a preset/);
  });
});
