// Pages loaded on first navigation, not with the app. Each brings what only it needs: the chronology
// and snapshot pages Yjs, the timeline and the pattern engine; the household view the timeline; import the CSV preview; pack, admin and
// emergency access their own forms. Sign-in and the caseload then download a fraction of the app
// (`pnpm --filter @mac/web bundle-size` prints the figures per route).
// Each page module exports a function that defines its elements, called here once it has loaded:
// importing a module never defines anything (see define.ts).
import type { Route } from './router.js';

type Definer = (registry: CustomElementRegistry) => void;

export const PAGE_LOADERS = {
  chronology: () => import('../pages/chronology-page.js').then((m) => m.defineChronologyPage),
  snapshot: () => import('../pages/snapshot-page.js').then((m) => m.defineSnapshotPage),
  import: () => import('../pages/import-page.js').then((m) => m.defineImportPage),
  pack: () => import('../pages/pack-page.js').then((m) => m.definePackPage),
  analysis: () => import('../pages/analysis-page.js').then((m) => m.defineAnalysisPage),
  household: () => import('../pages/household-page.js').then((m) => m.defineHouseholdPage),
  admin: () => import('../pages/admin-page.js').then((m) => m.defineAdminPage),
  'emergency-access': () => import('../pages/emergency-access-page.js').then((m) => m.defineEmergencyAccessPage),
} satisfies Partial<Record<Route['name'], () => Promise<Definer>>>;

export type LazyRoute = keyof typeof PAGE_LOADERS;

export function isLazy(name: Route['name']): name is LazyRoute {
  return Object.hasOwn(PAGE_LOADERS, name);
}

export type PageState = 'loading' | 'ready' | 'failed';

/** Loads each lazy page once; a failed load (offline, a new deployment) may be tried again. */
export class PageLoader {
  private readonly states = new Map<LazyRoute, PageState>();
  private readonly pending = new Map<LazyRoute, Promise<void>>();

  private readonly registry: CustomElementRegistry;
  private readonly loaders: Record<LazyRoute, () => Promise<Definer>>;

  constructor(registry: CustomElementRegistry = customElements, loaders: Record<LazyRoute, () => Promise<Definer>> = PAGE_LOADERS) {
    this.registry = registry;
    this.loaders = loaders;
  }

  state(name: LazyRoute): PageState {
    return this.states.get(name) ?? 'loading';
  }

  /** Starts loading the page (if it is not loaded or loading) and settles when it is ready or has failed. */
  load(name: LazyRoute): Promise<void> {
    const existing = this.pending.get(name);
    if (existing && this.states.get(name) !== 'failed') return existing;
    this.states.set(name, 'loading');
    const loading = this.loaders[name]().then(
      (define) => {
        define(this.registry);
        this.states.set(name, 'ready');
      },
      () => {
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
