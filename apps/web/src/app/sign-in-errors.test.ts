import { describe, expect, it } from 'vitest';
import { signInErrorMessage } from './sign-in-errors.js';

describe('single sign-on errors', () => {
  it('has a plain message for every code the server sends, and one for any other', () => {
    for (const code of ['oidc_unavailable', 'oidc_state', 'oidc_denied', 'oidc_failed', 'oidc_no_email', 'oidc_domain_not_allowed', 'oidc_unknown_user', 'oidc_account_disabled', 'oidc_identity_changed']) {
      const message = signInErrorMessage(code);
      expect(message).toMatch(/^[A-Z].*\.$/);
      expect(message).not.toContain('oidc');
    }
    expect(signInErrorMessage('something_else')).toContain('Signing in did not work');
    expect(signInErrorMessage(null)).toBeNull();
  });
});
