import { describe, expect, it } from 'vitest';
import { failedModuleUrl, PageLoader, isLazy, PAGE_LOADERS, type Importer, type LazyRoute } from './lazy-pages.js';

/** A registry that records what is defined (the browser's own is not there in Node). */
function registry() {
  const defined = new Map<string, CustomElementConstructor>();
  const r = {
    get: (name: string) => defined.get(name),
    define: (name: string, ctor: CustomElementConstructor) => {
      if (defined.has(name)) throw new Error(`${name} is defined already`);
      defined.set(name, ctor);
    },
  } as unknown as CustomElementRegistry;
  return { r, defined };
}

class Page {}

/** Loaders for every lazy route whose chronology loader fails `failures` times, then works. */
function loaders(failures: number) {
  let calls = 0;
  const define = (reg: CustomElementRegistry) => reg.define('mac-chronology-page', Page as unknown as CustomElementConstructor);
  const all = Object.fromEntries(Object.keys(PAGE_LOADERS).map((k) => [k, () => Promise.resolve(() => undefined)])) as unknown as Record<LazyRoute, (im: Importer) => Promise<(r: CustomElementRegistry) => void>>;
  all.chronology = () => {
    calls += 1;
    return calls <= failures ? Promise.reject(new Error('Failed to fetch dynamically imported module')) : Promise.resolve(define);
  };
  return { all, calls: () => calls };
}

describe('pages loaded on first navigation', () => {
  it('are the large pages only: sign-in and the caseload come with the app', () => {
    expect(isLazy('chronology')).toBe(true);
    expect(isLazy('admin')).toBe(true);
    expect(isLazy('sign-in')).toBe(false);
    expect(isLazy('caseload')).toBe(false);
  });

  it('loads a page once and defines its elements once, however often it is asked for', async () => {
    const { r, defined } = registry();
    const l = loaders(0);
    const pages = new PageLoader(r, l.all);
    expect(pages.state('chronology')).toBe('loading');
    await Promise.all([pages.load('chronology'), pages.load('chronology')]);
    await pages.load('chronology');
    expect(pages.state('chronology')).toBe('ready');
    expect(l.calls()).toBe(1);
    expect([...defined.keys()]).toEqual(['mac-chronology-page']);
  });

  it('says a page failed to load, defines nothing, and loads it when asked again', async () => {
    const { r, defined } = registry();
    const l = loaders(1);
    const pages = new PageLoader(r, l.all);
    await pages.load('chronology');
    expect(pages.state('chronology')).toBe('failed');
    expect(defined.size).toBe(0);
    await pages.load('chronology');
    expect(pages.state('chronology')).toBe('ready');
    expect(l.calls()).toBe(2);
    expect(defined.has('mac-chronology-page')).toBe(true);
  });

  it('tries a failed page again under a new URL: the browser keeps a module whose fetch failed as failed', async () => {
    const { r, defined } = registry();
    const url = 'http://127.0.0.1:8080/assets/chronology-page-AbC123.js';
    const define = (reg: CustomElementRegistry) => reg.define('mac-chronology-page', Page as unknown as CustomElementConstructor);
    const l = loaders(0);
    let builtImports = 0;
    l.all.chronology = (im: Importer) =>
      im(() => {
        builtImports += 1;
        return Promise.reject<{ define: typeof define }>(new TypeError(`Failed to fetch dynamically imported module: ${url}`));
      }).then((m) => m.define);
    const asked: string[] = [];
    const pages = new PageLoader(r, l.all, (fresh) => (asked.push(fresh), Promise.resolve({ define })));
    await pages.load('chronology');
    expect(pages.state('chronology')).toBe('failed');
    await pages.load('chronology');
    expect(pages.state('chronology')).toBe('ready');
    // The built import once; then the script it named, afresh.
    expect(builtImports).toBe(1);
    expect(asked).toEqual([`${url}?retry=1`]);
    expect(defined.has('mac-chronology-page')).toBe(true);
  });

  it('finds the script a failed import names, where the browser names one', () => {
    const url = 'https://mac.example/assets/chronology-page-AbC123.js';
    expect(failedModuleUrl(new TypeError(`Failed to fetch dynamically imported module: ${url}`))).toBe(url);
    expect(failedModuleUrl(new TypeError(`error loading dynamically imported module: ${url}?retry=2`))).toBe(url);
    // Safari names none: the built import is tried again.
    expect(failedModuleUrl(new TypeError('Importing a module script failed.'))).toBeNull();
  });
});
