// What the sign-in page says for each code single sign-on can return with (/sign-in?error=…). The
// server only ever sends a fixed code, never the provider's own text; each gets a plain message.

export const SIGN_IN_ERRORS: Readonly<Record<string, string>> = {
  oidc_unavailable: 'Signing in with your organisation account is not available at the moment. Try again later, or sign in with your email address and password.',
  oidc_state: 'Your sign-in took too long or was started in another window. Try signing in with your organisation account again.',
  oidc_denied: 'Signing in with your organisation account was cancelled or refused. Try again, or sign in with your email address and password.',
  oidc_failed: 'Signing in with your organisation account did not work. Try again; if it keeps happening, tell your MAC administrator.',
  oidc_no_email: 'Your organisation account did not tell MAC your email address, so MAC cannot tell who you are. Ask your IT service desk.',
  oidc_domain_not_allowed: 'Your organisation account is not from an organisation that can use MAC. Sign in with the account your agency uses for MAC.',
  oidc_unknown_user: 'There is no MAC account for your organisation email address. Ask your agency’s MAC administrator to set one up.',
  oidc_account_disabled: 'Your MAC account has been switched off. Ask your agency’s MAC administrator if you still need access.',
  oidc_identity_changed:
    'Your MAC account is linked to a different organisation account than the one you signed in with. If your organisation account has changed, ask your MAC administrator to unlink the old one.',
};

export function signInErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return SIGN_IN_ERRORS[code] ?? 'Signing in did not work. Try again; if it keeps happening, tell your MAC administrator.';
}
