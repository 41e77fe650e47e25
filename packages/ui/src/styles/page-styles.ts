// The sheets a page of the app adopts, in order (tokens first: the others use its custom properties).
// A page adds its own sheet after them: \`static styles = [...pageStyles, css\`…\`]\`.
import { banners } from './banners.js';
import { base } from './base.js';
import { forms } from './forms.js';
import { tables } from './tables.js';
import { tokens } from './tokens.js';

export const pageStyles = [tokens, base, forms, tables, banners] as const;
