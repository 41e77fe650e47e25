// Entry point of the browser app: define the shell and its first pages; <mac-app> in index.html then
// starts, and loads the larger pages (with @mac/ui's chronology elements) when they are first visited.
// csp.ts must stay the first import: it configures zod before any schema is built.
import './csp.js';
import { defineWebElements } from './define.js';
import './styles.css';

defineWebElements();
