import { describe, expect, it } from 'vitest';
import { parseRoute, safeNext, signInPath } from './router.js';

const id = '0b8e7a3c-5f0e-4a8e-9d7c-1e2f3a4b5c6d';

describe('routes', () => {
  it('parses the pages', () => {
    expect(parseRoute('/')).toEqual({ name: 'caseload' });
    expect(parseRoute(`/chronologies/${id}`)).toEqual({ name: 'chronology', id });
    expect(parseRoute('/sign-in', `?next=${encodeURIComponent(`/chronologies/${id}?agency=x`)}`)).toEqual({ name: 'sign-in', next: `/chronologies/${id}?agency=x`, error: null });
    expect(parseRoute('/sign-in', '?error=oidc_denied')).toEqual({ name: 'sign-in', next: null, error: 'oidc_denied' });
    expect(parseRoute('/sign-in', '?error=<script>')).toEqual({ name: 'sign-in', next: null, error: null });
    expect(parseRoute('/chronologies/new')).toEqual({ name: 'new-chronology' });
    expect(parseRoute(`/chronologies/${id}/import`)).toEqual({ name: 'import', id });
    expect(parseRoute(`/chronologies/${id}/pack`)).toEqual({ name: 'pack', id });
    expect(parseRoute(`/chronologies/${id}/members`)).toEqual({ name: 'members', id });
    expect(parseRoute(`/chronologies/${id}/analysis`)).toEqual({ name: 'analysis', id });
    expect(parseRoute(`/chronologies/${id}/snapshots/${id}`)).toEqual({ name: 'snapshot', id, snapshotId: id });
    expect(parseRoute('/emergency-access')).toEqual({ name: 'emergency-access' });
    expect(parseRoute(`/households/${id}`)).toEqual({ name: 'household', id });
    expect(parseRoute('/households/not-an-id')).toEqual({ name: 'not-found' });
    expect(parseRoute('/notifications')).toEqual({ name: 'notifications' });
    expect(parseRoute('/admin')).toEqual({ name: 'admin' });
    expect(parseRoute('/admin/')).toEqual({ name: 'admin' });
    expect(parseRoute('/admin/users')).toEqual({ name: 'not-found' });
    expect(parseRoute('/account/password')).toEqual({ name: 'change-password' });
    expect(parseRoute('/account/password/')).toEqual({ name: 'change-password' });
    expect(parseRoute('/account/alerts')).toEqual({ name: 'alert-settings' });
    expect(parseRoute('/account/alerts/')).toEqual({ name: 'alert-settings' });
    expect(parseRoute('/account')).toEqual({ name: 'not-found' });
    expect(parseRoute(`/chronologies/${id}/other`)).toEqual({ name: 'not-found' });
    expect(parseRoute('/nope')).toEqual({ name: 'not-found' });
  });

  it('only returns to a path on this site after signing in', () => {
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('/sign-in')).toBeNull();
    expect(safeNext('/')).toBe('/');
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath(`/chronologies/${id}`)).toBe(`/sign-in?next=%2Fchronologies%2F${id}`);
  });
});
