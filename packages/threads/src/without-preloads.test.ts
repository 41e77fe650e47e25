import { describe, expect, it } from 'vitest';
import { withoutPreloads } from './without-preloads.js';

describe('withoutPreloads', () => {
  it('drops every preload flag and its value, in both spellings, and keeps the other flags in order', () => {
    expect(withoutPreloads(['--import', 'tsx', '--import', '/x/probe.ts', '--conditions', 'development', '--require=./a.cjs', '-r', 'b', '--import=c', '--max-old-space-size=4096'])).toEqual([
      '--conditions',
      'development',
      '--max-old-space-size=4096',
    ]);
  });
});
