// Registers the app's own elements (the shell and its pages). Like @mac/ui's defineMacElements:
// explicit, never a side effect of an import.
import { MacApp } from './app/mac-app.js';
import { MacCaseloadPage } from './pages/caseload-page.js';
import { MacChronologyPage } from './pages/chronology-page.js';
import { MacImportPage } from './pages/import-page.js';
import { MacPackPage } from './pages/pack-page.js';
import { MacSharingDecisions } from './pages/sharing-decisions.js';
import { MacSnapshotPage } from './pages/snapshot-page.js';
import { MacEmergencyAccessPage } from './pages/emergency-access-page.js';
import { MacNotificationsPage } from './pages/notifications-page.js';
import { MacNewChronologyPage } from './pages/new-chronology-page.js';
import { MacMembersPage } from './pages/members-page.js';
import { MacNotFoundPage } from './pages/not-found-page.js';
import { MacAdminPage } from './pages/admin-page.js';
import { MacApprovals } from './pages/approvals-panel.js';
import { MacHouseholdPanel } from './pages/household-panel.js';
import { MacChangePasswordPage } from './pages/change-password-page.js';
import { MacSignInPage } from './pages/sign-in-page.js';

export function defineWebElements(registry: CustomElementRegistry = customElements): void {
  const elements: Array<[string, CustomElementConstructor]> = [
    ['mac-sign-in-page', MacSignInPage],
    ['mac-caseload-page', MacCaseloadPage],
    ['mac-chronology-page', MacChronologyPage],
    ['mac-import-page', MacImportPage],
    ['mac-pack-page', MacPackPage],
    ['mac-sharing-decisions', MacSharingDecisions],
    ['mac-snapshot-page', MacSnapshotPage],
    ['mac-emergency-access-page', MacEmergencyAccessPage],
    ['mac-notifications-page', MacNotificationsPage],
    ['mac-new-chronology-page', MacNewChronologyPage],
    ['mac-members-page', MacMembersPage],
    ['mac-admin-page', MacAdminPage],
    ['mac-approvals', MacApprovals],
    ['mac-household-panel', MacHouseholdPanel],
    ['mac-change-password-page', MacChangePasswordPage],
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
    'mac-chronology-page': MacChronologyPage;
    'mac-import-page': MacImportPage;
    'mac-pack-page': MacPackPage;
    'mac-snapshot-page': MacSnapshotPage;
    'mac-emergency-access-page': MacEmergencyAccessPage;
    'mac-notifications-page': MacNotificationsPage;
    'mac-new-chronology-page': MacNewChronologyPage;
    'mac-members-page': MacMembersPage;
    'mac-admin-page': MacAdminPage;
    'mac-approvals': MacApprovals;
    'mac-household-panel': MacHouseholdPanel;
    'mac-change-password-page': MacChangePasswordPage;
    'mac-not-found-page': MacNotFoundPage;
  }
}
