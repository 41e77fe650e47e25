// What the PostgreSQL project's global setup hands to test files (`inject`).
declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's throwaway cluster, `postgres` database: for CREATE DATABASE. */
    pgAdminUrl: string;
  }
}

export {};
