import { describe, expect, it } from 'vitest';
import { refusalMessage } from './refusal.js';

describe('refusal messages', () => {
  it('keeps the server’s reason for a refused update', () => {
    expect(refusalMessage(4409, 'you may change only your own agency’s entries')).toBe('The server refused it: you may change only your own agency’s entries.');
  });

  it('says something plain for every refusal', () => {
    expect(refusalMessage(4409, '')).toContain('own agency');
    expect(refusalMessage(4412, 'update depends on changes the server does not have')).toContain('out-of-date copy');
    expect(refusalMessage(4413, '')).toContain('too large');
    expect(refusalMessage(4400, '')).toContain('could not read');
    expect(refusalMessage(4426, 'this page writes entries in an old form: reload it')).toContain('Reload the page');
    expect(refusalMessage(4999, 'odd thing happened.')).toBe('Odd thing happened.');
  });
});
