import { describe, expect, it } from 'vitest';
import { characterCount, characterCountState } from './char-count.js';

describe('character count', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(characterCount('Zoë 👍')).toBe(5);
  });

  it('words the message as GOV.UK does', () => {
    expect(characterCountState('', 200).message).toBe('You have 200 characters remaining');
    expect(characterCountState('x'.repeat(199), 200).message).toBe('You have 1 character remaining');
    expect(characterCountState('x'.repeat(201), 200)).toMatchObject({ over: true, message: 'You have 1 character too many' });
    expect(characterCountState('x'.repeat(205), 200).message).toBe('You have 5 characters too many');
  });
});
