// What global-setup.ts provides to the end-to-end tests.
declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    password: string;
    /** The test OpenID Connect provider the server signs in with (apps/server/src/oidc/testing.ts). */
    idpURL: string;
  }
}

export {};
