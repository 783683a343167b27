import { expect, test, type Page } from '@playwright/test';
import {
  DEMO_CASE,
  demoPerson,
  demoTravelRecord,
  expectAccessible,
  screenshot,
  signIn,
  watchErrors,
} from './console-helpers';

// One stack for every flow, in order: oversight reads the log the others wrote.
test.describe.configure({ mode: 'serial' });

const gatewayRequests = (url: string) => url.includes('/graphql');

test('a missing purpose blocks every request; a refused one is explained', async ({ page }) => {
  const seen = watchErrors(page);
  const sent: string[] = [];
  page.on('request', (r) => {
    if (gatewayRequests(r.url())) sent.push(r.url());
  });
  await page.goto(process.env['MOSAIC_E2E_CONSOLE_URL'] ?? '');
  await expectAccessible(page, 'sign-in');
  await screenshot(page, 'sign-in');
  await signIn(page, 'demo.analyst');
  await expect(page.getByTestId('context-purpose')).toHaveText('not chosen');
  await expectAccessible(page, 'purpose');
  await screenshot(page, 'purpose');

  // Every screen stays behind the purpose form.
  for (const hash of [
    '#/search',
    '#/identify',
    `#/person/${demoPerson()}`,
    `#/graph/${demoPerson()}`,
    '#/audit',
  ]) {
    await page.evaluate((h) => (window.location.hash = h), hash);
    await expect(page.getByRole('heading', { name: 'Why are you looking?' })).toBeVisible();
  }
  // A case number is required too.
  await page.getByLabel(/^CASE_INVESTIGATION/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('A case number looks like');
  expect(sent, 'no request left without a purpose and a case').toEqual([]);

  // Were the headers stripped on the way, the gateway's refusal is shown, not a blank page.
  await page.route('**/graphql', async (route) => {
    const headers = { ...route.request().headers() };
    delete headers['x-mosaic-purpose'];
    await route.continue({ headers });
  });
  await page.getByLabel('Case number').fill(DEMO_CASE);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Name').fill('Hassan');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Purpose and case number required');
  await expect(page.getByRole('alert')).toContainText('PURPOSE_REQUIRED');
  await page.unroute('**/graphql');
  // The refused request's status is logged by the browser itself; nothing else may be.
  expect(seen.errors.filter((e) => !/status of 40[01]/.test(e))).toEqual([]);
});

test('analyst identifies a probe, opens the top candidate and follows a shared phone', async ({
  page,
}) => {
  const seen = watchErrors(page);
  await signIn(page, 'demo.analyst', 'CASE_INVESTIGATION');

  await page.getByRole('link', { name: 'Identify' }).click();
  await expect(page.getByTestId('not-verified-notice')).toBeVisible();
  await page.getByLabel('Probe source').selectOption('TRAVEL');
  await page.getByLabel('Record id or template reference').fill(demoTravelRecord());
  await page.getByLabel('FACE').check();
  await page.getByRole('button', { name: 'Search candidates' }).click();
  const top = page.getByTestId('candidate').first();
  await expect(top).toBeVisible();
  await expect(top.getByRole('meter')).toHaveAttribute('aria-valuetext', /%/);
  await expect(page.getByTestId('gallery-size')).toHaveText(/\d/);
  await expect(page.getByTestId('not-verified-notice')).toContainText('Not verified');
  await expect(top.getByTestId('waterfall')).toBeVisible();
  await expectAccessible(page, 'identify');
  await screenshot(page, 'identify');

  await top.getByRole('heading').getByRole('link').click();
  await expect(page).toHaveURL(/#\/person\//);
  await expect(page.getByRole('heading', { name: 'Attributes' })).toBeVisible();
  await expect(page.getByTestId('attribute-value').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Timeline of records' })).toBeVisible();
  await expect(page.getByTestId('decision').first()).toBeVisible();
  await expect(page.getByTestId('decision').first().getByTestId('waterfall')).toBeVisible();
  await expectAccessible(page, 'profile');
  await screenshot(page, 'profile');

  await page.getByRole('link', { name: 'Open link graph' }).click();
  await expect(page.getByLabel('Hops')).toHaveValue('2');
  await expect(page.getByTestId('graph-summary')).toContainText('persons');
  const phone = page.locator('[data-testid="ties"] tr[data-type="SHARED_PHONE"]').first();
  await expect(phone).toBeVisible();
  await phone.getByRole('button', { name: 'Show evidence' }).click();
  const evidence = page.getByTestId('edge-evidence');
  await expect(evidence).toContainText('Shared phone');
  await expect(evidence).toContainText(/STRONG|WEAK/);

  // Co-travellers within a day join the view as travelled-together ties.
  await page.getByRole('spinbutton', { name: /^Co-travellers/ }).fill('1440');
  await page.getByRole('button', { name: 'Show co-travellers' }).click();
  const coTravel = page.getByTestId('co-travellers');
  await expect(coTravel).toBeVisible();
  const found = /^(\d+) co-travell/.exec((await coTravel.textContent()) ?? '');
  if (found) {
    await expect(
      page.locator('[data-testid="ties"] tr[data-type="CO_TRAVEL"]').first(),
    ).toBeVisible();
  } else {
    await expect(coTravel).toContainText('Nobody travelled with this person');
  }
  await expectAccessible(page, 'graph');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'graph');

  expect(seen.errors).toEqual([]);
});

test('analyst searches by name and sees why each person matched', async ({ page }) => {
  const seen = watchErrors(page);
  await signIn(page, 'demo.analyst', 'CASE_INVESTIGATION');
  await page.goto(`${process.env['MOSAIC_E2E_CONSOLE_URL']}#/person/${demoPerson()}`);
  // A reload signs out (the token lives in memory only): sign in again on the profile's address.
  await signIn(page, 'demo.analyst', 'CASE_INVESTIGATION');
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Name').fill('Hassan');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  await expect(page.getByTestId('search-hit').first().locator('mark').first()).toBeVisible();
  await expectAccessible(page, 'search');
  await screenshot(page, 'search');
  expect(seen.errors).toEqual([]);
});

test('an officer is told why a seizure narrative and the link graph are withheld', async ({
  page,
}) => {
  const seen = watchErrors(page);
  await signIn(page, 'demo.officer', 'CASE_INVESTIGATION');
  await page.evaluate((id) => (window.location.hash = `#/person/${id}`), demoPerson());
  const hidden = page.getByTestId('hidden-field').first();
  await expect(hidden).toContainText('Narrative hidden');
  await expect(hidden).toContainText('SeizureCase.narrative is open to SUPERVISOR');
  await expect(hidden).toContainText('OFFICER');
  await expect(page.getByTestId('narrative')).toHaveCount(0);
  await expectAccessible(page, 'profile (officer)');
  await hidden.scrollIntoViewIfNeeded();
  await screenshot(page, 'officer-profile');

  await page.evaluate((id) => (window.location.hash = `#/graph/${id}`), demoPerson());
  await expect(page.getByRole('alert')).toContainText('FORBIDDEN');
  await expect(page.getByRole('alert')).toContainText('Person.neighbors');
  expect(seen.errors).toEqual([]);
});

/** The demo person's profile, signed in afresh as `user` (a reload signs out). */
async function openDemoProfile(page: Page, user: string, purpose: string): Promise<void> {
  await signIn(page, user, purpose);
  await page.evaluate((id) => (window.location.hash = `#/person/${id}`), demoPerson());
  await expect(page.getByTestId('decision').first()).toBeVisible();
}

test('two reviewers confirm a link and the profile shows it verified; the requester may not', async ({
  page,
}) => {
  const seen = watchErrors(page);
  // A reviewer asks for verification of one of the demo person's links...
  await openDemoProfile(page, 'demo.reviewer1', 'IDENTITY_VERIFICATION');
  const unverified = page
    .getByTestId('decision')
    .filter({ has: page.getByRole('button', { name: 'Request verification of this link' }) })
    .first();
  const records = (await unverified.getByRole('heading').textContent()) ?? '';
  expect(records).not.toBe('');
  const decision = page.getByTestId('decision').filter({ hasText: records });
  await unverified.getByRole('button', { name: 'Request verification of this link' }).click();
  await expect(decision.getByTestId('verification-state').first()).toContainText(
    'Verification pending',
  );
  await expect(decision).toContainText('requested by demo.reviewer1');

  // ...and may not confirm it: the service refuses, and the screen says why.
  await decision.getByText('Review this verification request').click();
  await expect(decision.getByTestId('review-verification')).toContainText(
    'two other reviewers must confirm it',
  );
  await decision.getByLabel('Reference (where the evidence is)').fill('PASSPORT-EXAM-0001');
  await decision.getByRole('button', { name: 'Confirm the link' }).click();
  await expect(decision.getByRole('alert')).toContainText('SELF_CONFIRMATION');
  await expect(decision.getByTestId('verification-state').first()).toContainText(
    'Verification pending',
  );

  // A second reviewer finds it among the requests waiting for reviewers and confirms it,
  // citing a document: one of two.
  await signIn(page, 'demo.reviewer2', 'IDENTITY_VERIFICATION');
  await page.getByRole('link', { name: 'Verifications' }).click();
  const recordIds = records.match(/[A-Z]{2}\d+(?:-S\d+)?/g) ?? [];
  expect(recordIds.length).toBe(2);
  let waiting = page.getByTestId('pending-verification');
  for (const id of recordIds) waiting = waiting.filter({ hasText: id });
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('Asked by demo.reviewer1');
  await waiting.getByText('Review this verification request').click();
  // Biometric evidence alone is refused before anything is sent.
  await waiting.getByLabel('Kind').selectOption('FACE_COMPARISON');
  await waiting.getByLabel('Reference (where the evidence is)').fill('FACE-CHECK-0001');
  await waiting.getByRole('button', { name: 'Confirm the link' }).click();
  await expect(waiting.getByRole('alert')).toContainText('non-biometric');
  await waiting.getByLabel('Kind').selectOption('TRAVEL_DOCUMENT');
  await waiting.getByLabel('Reference (where the evidence is)').fill('PASSPORT-EXAM-0002');
  await waiting.getByRole('button', { name: 'Confirm the link' }).click();
  await expect(waiting.getByTestId('review-recorded')).toContainText('(1/2)');
  await expect(waiting).toContainText('confirmed by demo.reviewer2');
  await expectAccessible(page, 'verification review');
  await waiting.scrollIntoViewIfNeeded();
  await screenshot(page, 'verification');

  // A supervisor, a different person again, confirms: the link is verified.
  await openDemoProfile(page, 'demo.supervisor', 'IDENTITY_VERIFICATION');
  await decision.getByText('Review this verification request').click();
  await decision.getByLabel('Kind').selectOption('CASE_FILE');
  await decision.getByLabel('Reference (where the evidence is)').fill('CASE-FILE-0003');
  await decision.getByRole('button', { name: 'Confirm the link' }).click();
  await expect(decision.getByTestId('verification-state').first()).toContainText(
    'Verified by two reviewers',
  );
  await expect(decision).toContainText('confirmed by demo.reviewer2, demo.supervisor');
  await expect(decision.getByTestId('review-verification')).toHaveCount(0);

  // Anyone reading the profile now sees the link verified.
  await openDemoProfile(page, 'demo.analyst', 'CASE_INVESTIGATION');
  await expect(decision.getByTestId('verification-state').first()).toContainText(
    'Verified by two reviewers',
  );
  expect(seen.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
});

test('two reviewers disagree on a review item, a supervisor links it; a held item cannot be taken', async ({
  page,
}) => {
  const seen = watchErrors(page);
  await signIn(page, 'demo.reviewer1', 'DATA_QUALITY');
  await page.getByRole('link', { name: 'Review queue' }).click();
  const rows = page.getByTestId('review-row');
  await expect(rows.first()).toBeVisible();
  await expectAccessible(page, 'review queue');
  await screenshot(page, 'review-queue');

  // The first reviewer takes the top item they can take and, from the side-by-side comparison,
  // says NOT_LINK.
  await page.getByLabel('only items I can take now').check();
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(/#\/review\//);
  const itemUrl = page.url();
  await expect(page.getByTestId('compared-record')).toHaveCount(2);
  await expect(page.getByTestId('compared-fields')).toBeVisible();
  await expect(page.getByTestId('held-because').first()).toBeVisible();
  await page.getByRole('button', { name: 'Take this item' }).click();
  await expect(page.getByTestId('review-lease')).toContainText('Held by demo.reviewer1');
  await page.getByLabel('Not a link: different persons').check();
  await page.getByLabel('Kind').selectOption('CASE_FILE');
  await page.getByLabel('Reference (where the evidence is)').fill('CASE-FILE-0101');
  await page.getByRole('button', { name: 'Record my verdict' }).click();
  await expect(page.getByTestId('review-state')).toContainText('1 of 2 verdicts; yours: NOT_LINK');
  await expect(page.getByTestId('review-next')).toContainText('a second, different reviewer');
  await expectAccessible(page, 'review item');
  await screenshot(page, 'review-item');

  // The second reviewer sees it otherwise: the item goes to a supervisor.
  await signIn(page, 'demo.reviewer2', 'DATA_QUALITY');
  await page.evaluate((hash) => (window.location.hash = hash), new URL(itemUrl).hash);
  await page.getByRole('button', { name: 'Take this item' }).click();
  await page.getByLabel('Link: the same person').check();
  await page.getByLabel('Reference (where the evidence is)').fill('PASSPORT-EXAM-0102');
  await page.getByRole('button', { name: 'Record my verdict' }).click();
  await expect(page.getByTestId('review-state')).toContainText('Reviewers disagreed');

  // The second reviewer takes another item; a supervisor cannot take it from them.
  await page.getByRole('link', { name: '← Review queue' }).click();
  await page.getByLabel('only items I can take now').check();
  await page.getByTestId('review-row').first().getByRole('link').click();
  // Against a stack already running (MOSAIC_E2E_CONSOLE_URL), an earlier run may have left it held.
  await expect(page.getByTestId('review-next')).toBeVisible();
  if (!(await page.getByRole('button', { name: 'Give it back' }).isVisible())) {
    await page.getByRole('button', { name: 'Take this item' }).click();
  }
  await expect(page.getByTestId('review-lease')).toContainText('Held by demo.reviewer2');
  const heldHash = new URL(page.url()).hash;

  await signIn(page, 'demo.supervisor', 'DATA_QUALITY');
  await page.evaluate((hash) => (window.location.hash = hash), heldHash);
  await expect(page.getByTestId('review-next')).toContainText('demo.reviewer2 holds this item now');
  await expect(page.getByRole('button', { name: 'Take this item' })).toHaveCount(0);

  // The supervisor settles the escalated item.
  await page.evaluate((hash) => (window.location.hash = hash), new URL(itemUrl).hash);
  await page.getByRole('button', { name: 'Take this item' }).click();
  await expect(page.getByRole('heading', { name: 'Settle as supervisor' })).toBeVisible();
  await page.getByLabel('Link: the same person').check();
  await page.getByLabel('Kind').selectOption('CASE_FILE');
  await page.getByLabel('Reference (where the evidence is)').fill('CASE-FILE-0103');
  await page.getByRole('button', { name: 'Settle' }).click();
  // Applied as two agreeing reviewers would: the persons merged (or already were one).
  await expect(page.getByTestId('review-state')).toContainText('Linked');
  await expect(page.getByTestId('review-state')).toContainText('settled LINK by demo.supervisor');
  await expect(page.getByTestId('review-reason')).toContainText('LINK');
  await expect(page.getByTestId('verdict')).toHaveCount(3);
  expect(seen.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
});

test('oversight reads the audit entries of those actions, without personal data', async ({
  page,
}) => {
  const seen = watchErrors(page);
  await signIn(page, 'demo.oversight', 'OVERSIGHT_AUDIT');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByTestId('audit-entry').first()).toBeVisible();
  await page.getByRole('textbox', { name: 'User' }).fill('demo.analyst');
  await page.getByRole('button', { name: 'Filter' }).click();
  const analystEntries = page.getByTestId('audit-entry');
  await expect(analystEntries.filter({ hasText: 'Identify' }).first()).toBeVisible();
  await expect(analystEntries.filter({ hasText: 'Neighbourhood' }).first()).toBeVisible();
  await expect(analystEntries.filter({ hasText: 'PURPOSE_REQUIRED' }).first()).toBeVisible();

  await page.getByRole('textbox', { name: 'User' }).fill('demo.reviewer1');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(
    page.getByTestId('audit-entry').filter({ hasText: 'SELF_CONFIRMATION' }).first(),
  ).toBeVisible();

  await page.getByRole('textbox', { name: 'User' }).fill('demo.supervisor');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(
    page.getByTestId('audit-entry').filter({ hasText: 'SettleReviewItem' }).first(),
  ).toBeVisible();

  await page.getByRole('textbox', { name: 'User' }).fill('demo.officer');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(
    page.getByTestId('audit-entry').filter({ hasText: 'FORBIDDEN' }).first(),
  ).toBeVisible();
  // No names, record ids or person ids on this screen.
  await expect(page.locator('main')).not.toContainText(demoPerson());
  await expect(page.locator('main')).not.toContainText(demoTravelRecord());

  await page.getByRole('button', { name: 'Verify the hash chain now' }).click();
  await expect(page.getByTestId('chain-status')).toContainText('Intact');
  await expectAccessible(page, 'audit');
  await screenshot(page, 'audit');
  expect(seen.errors).toEqual([]);
});
