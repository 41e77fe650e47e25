// Pages loaded on first navigation, not with the app. Each brings what only it needs: the chronology
// and snapshot pages Yjs, the timeline and the pattern engine; the household view the timeline; import the CSV preview; pack, admin and
// emergency access their own forms. Sign-in and the caseload then download a fraction of the app
// (`pnpm --filter @mac/web bundle-size` prints the figures per route).
// Each page module exports a function that defines its elements, called here once it has loaded:
// importing a module never defines anything (see define.ts).
import type { Route } from './router.js';

type Definer = (registry: CustomElementRegistry) => void;

/**
 * How a page's module is imported: as built (the first time), or, when trying again after its fetch failed,
 * afresh (PageLoader). Chromium keeps a module whose fetch failed as failed: importing the same URL again
 * fails at once without asking the network, so "Try again" could never work on a connection that came back.
 */
export type Importer = <M>(asBuilt: () => Promise<M>) => Promise<M>;

export const PAGE_LOADERS = {
  chronology: (im: Importer) => im(() => import('../pages/chronology-page.js')).then((m) => m.defineChronologyPage),
  snapshot: (im: Importer) => im(() => import('../pages/snapshot-page.js')).then((m) => m.defineSnapshotPage),
  import: (im: Importer) => im(() => import('../pages/import-page.js')).then((m) => m.defineImportPage),
  pack: (im: Importer) => im(() => import('../pages/pack-page.js')).then((m) => m.definePackPage),
  analysis: (im: Importer) => im(() => import('../pages/analysis-page.js')).then((m) => m.defineAnalysisPage),
  household: (im: Importer) => im(() => import('../pages/household-page.js')).then((m) => m.defineHouseholdPage),
  admin: (im: Importer) => im(() => import('../pages/admin-page.js')).then((m) => m.defineAdminPage),
  'emergency-access': (im: Importer) => im(() => import('../pages/emergency-access-page.js')).then((m) => m.defineEmergencyAccessPage),
} satisfies Partial<Record<Route['name'], (im: Importer) => Promise<Definer>>>;

/**
 * The script a failed dynamic import names (Chromium: "Failed to fetch dynamically imported module: <url>";
 * Firefox: "error loading dynamically imported module: <url>"), or null when it names none (Safari).
 */
export function failedModuleUrl(err: unknown): string | null {
  const message = err instanceof Error ? err.message : String(err);
  return /(https?:\/\/[^\s'"]+\.js)(?:[?#][^\s'"]*)?/.exec(message)?.[1] ?? null;
}

export type LazyRoute = keyof typeof PAGE_LOADERS;

export function isLazy(name: Route['name']): name is LazyRoute {
  return Object.hasOwn(PAGE_LOADERS, name);
}

export type PageState = 'loading' | 'ready' | 'failed';

/** Loads each lazy page once; a failed load (offline, a new deployment) may be tried again. */
export class PageLoader {
  private readonly states = new Map<LazyRoute, PageState>();
  private readonly pending = new Map<LazyRoute, Promise<void>>();
  /** The script each failed page's import named: tried again under a new URL (Importer says why). */
  private readonly failedUrls = new Map<LazyRoute, string>();
  private attempts = 0;

  private readonly registry: CustomElementRegistry;
  private readonly loaders: Record<LazyRoute, (im: Importer) => Promise<Definer>>;
  private readonly importUrl: (url: string) => Promise<unknown>;

  constructor(
    registry: CustomElementRegistry = customElements,
    loaders: Record<LazyRoute, (im: Importer) => Promise<Definer>> = PAGE_LOADERS,
    importUrl: (url: string) => Promise<unknown> = (url) => import(/* @vite-ignore */ url),
  ) {
    this.registry = registry;
    this.loaders = loaders;
    this.importUrl = importUrl;
  }

  state(name: LazyRoute): PageState {
    return this.states.get(name) ?? 'loading';
  }

  /** Starts loading the page (if it is not loaded or loading) and settles when it is ready or has failed. */
  load(name: LazyRoute): Promise<void> {
    const existing = this.pending.get(name);
    if (existing && this.states.get(name) !== 'failed') return existing;
    this.states.set(name, 'loading');
    const failed = this.failedUrls.get(name);
    // Again after a failure: the script that failed, under a URL the browser has not failed to fetch.
    const importer: Importer = failed === undefined ? (asBuilt) => asBuilt() : <M>() => this.importUrl(`${failed}?retry=${++this.attempts}`) as Promise<M>;
    const loading = this.loaders[name](importer).then(
      (define) => {
        define(this.registry);
        this.states.set(name, 'ready');
      },
      (err: unknown) => {
        const url = failedModuleUrl(err);
        if (url !== null) this.failedUrls.set(name, url);
        this.states.set(name, 'failed');
      },
    );
    this.pending.set(name, loading);
    return loading;
  }
}

/** Defines an element unless the registry has it already (two chunks may share one). */
export function defineOnce(registry: CustomElementRegistry, name: string, ctor: CustomElementConstructor): void {
  if (!registry.get(name)) registry.define(name, ctor);
}
