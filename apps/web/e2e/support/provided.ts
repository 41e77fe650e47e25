// What global-setup.ts provides to the end-to-end tests.
declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    password: string;
  }
}

export {};
