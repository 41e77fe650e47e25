// Entry point of the browser app: define the elements; <mac-app> in index.html then starts.
// csp.ts must stay the first import: it configures zod before any schema is built.
import './csp.js';
import { defineMacElements } from '@mac/ui';
import { defineWebElements } from './define.js';
import './styles.css';

defineMacElements();
defineWebElements();
