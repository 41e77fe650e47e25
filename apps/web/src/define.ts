// Registers the app's own elements (the shell and the pages that come with it). Like @mac/ui's
// defineMacElements: explicit, never a side effect of an import. The larger pages are defined when
// they are first visited (app/lazy-pages.ts), so the first load stays small.
import { MacApp } from './app/mac-app.js';
import { MacCaseloadPage } from './pages/caseload-page.js';
import { MacCaseloadSearch } from './pages/search-results.js';
import { MacNotificationsPage } from './pages/notifications-page.js';
import { MacNewChronologyPage } from './pages/new-chronology-page.js';
import { MacMembersPage } from './pages/members-page.js';
import { MacNotFoundPage } from './pages/not-found-page.js';
import { MacApprovals } from './pages/approvals-panel.js';
import { MacChangePasswordPage } from './pages/change-password-page.js';
import { MacAlertSettingsPage } from './pages/alert-settings-page.js';
import { MacSignInPage } from './pages/sign-in-page.js';
import type { MacChronologyPage } from './pages/chronology-page.js';
import type { MacImportPage } from './pages/import-page.js';
import type { MacPackPage } from './pages/pack-page.js';
import type { MacSharingDecisions } from './pages/sharing-decisions.js';
import type { MacSnapshotPage } from './pages/snapshot-page.js';
import type { MacEmergencyAccessPage } from './pages/emergency-access-page.js';
import type { MacAdminPage } from './pages/admin-page.js';
import type { MacHouseholdPanel } from './pages/household-panel.js';
import type { MacPeoplePanel } from './pages/people-panel.js';

export function defineWebElements(registry: CustomElementRegistry = customElements): void {
  const elements: Array<[string, CustomElementConstructor]> = [
    ['mac-sign-in-page', MacSignInPage],
    ['mac-caseload-page', MacCaseloadPage],
    ['mac-caseload-search', MacCaseloadSearch],
    ['mac-notifications-page', MacNotificationsPage],
    ['mac-new-chronology-page', MacNewChronologyPage],
    ['mac-members-page', MacMembersPage],
    ['mac-approvals', MacApprovals],
    ['mac-change-password-page', MacChangePasswordPage],
    ['mac-alert-settings-page', MacAlertSettingsPage],
    ['mac-not-found-page', MacNotFoundPage],
    ['mac-app', MacApp],
  ];
  for (const [name, ctor] of elements) if (!registry.get(name)) registry.define(name, ctor);
}

declare global {
  interface HTMLElementTagNameMap {
    'mac-app': MacApp;
    'mac-sign-in-page': MacSignInPage;
    'mac-caseload-page': MacCaseloadPage;
    'mac-caseload-search': MacCaseloadSearch;
    'mac-chronology-page': MacChronologyPage;
    'mac-import-page': MacImportPage;
    'mac-pack-page': MacPackPage;
    'mac-sharing-decisions': MacSharingDecisions;
    'mac-snapshot-page': MacSnapshotPage;
    'mac-emergency-access-page': MacEmergencyAccessPage;
    'mac-notifications-page': MacNotificationsPage;
    'mac-new-chronology-page': MacNewChronologyPage;
    'mac-members-page': MacMembersPage;
    'mac-admin-page': MacAdminPage;
    'mac-approvals': MacApprovals;
    'mac-household-panel': MacHouseholdPanel;
    'mac-people-panel': MacPeoplePanel;
    'mac-change-password-page': MacChangePasswordPage;
    'mac-alert-settings-page': MacAlertSettingsPage;
    'mac-not-found-page': MacNotFoundPage;
  }
}
