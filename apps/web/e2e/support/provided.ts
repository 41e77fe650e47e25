// What global-setup.ts provides to the end-to-end tests.
declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    password: string;
    /** The test OpenID Connect provider the server signs in with (@mac/test-support/oidc-provider). */
    idpURL: string;
    /** The run's one Chromium (support/chromium.ts): every file connects to it. */
    browserWSEndpoint: string;
  }
}

export {};
