// The password policy's limits (NCSC guidance: length over complexity rules), shared by the server's
// policy (apps/server/src/services/auth/password-policy.ts, which also refuses common passwords) and the browser's
// form, so that both say the same numbers.
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
