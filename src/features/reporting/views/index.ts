/** The reporter's pages, one per route of the reporting point. */
export { LandingPage } from './landing.tsx';
export { ReportFormPage } from './report-form.tsx';
export { ConfirmationPage } from './confirmation.tsx';
export { ProofPage } from './proof.tsx';
export { FollowUpSignInPage } from './follow-up-sign-in.tsx';
export { InboxPage } from './inbox.tsx';
