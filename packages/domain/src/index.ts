// The domain package: pure types, schemas and rules shared by server and browser. No I/O.
export * from './taxonomy.js';
export * from './dates.js';
export * from './text-rules.js';
export * from './entry.js';
export * from './screening.js';
export * from './childs-voice.js';
export * from './errors.js';
export * from './permissions.js';
export * from './identifiers.js';
export * from './csv.js';
export * from './pack.js';
export * from './passwords.js';
export * from './plural.js';
export * from './patterns/index.js';
export * from './household.js';
