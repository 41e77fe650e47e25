// The GOV.UK character count pattern: say how many characters are left (or how many too many),
// counting as a person would and as the entry schema does (Unicode code points, so an emoji or an
// accented letter typed as one character counts as one).
import { plural } from '@mac/domain';

export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

export interface CharacterCountState {
  readonly count: number;
  readonly remaining: number;
  readonly over: boolean;
  readonly message: string;
}

export function characterCountState(text: string, limit: number): CharacterCountState {
  const count = characterCount(text);
  const remaining = limit - count;
  const over = remaining < 0;
  const n = Math.abs(remaining);
  const characters = plural(n, 'character');
  return { count, remaining, over, message: over ? `You have ${characters} too many` : `You have ${characters} remaining` };
}
