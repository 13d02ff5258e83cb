/**
 * What the view-picture tests share: where the picture is, the pictures kept in localStorage, and
 * its shadow root opened so a test can look inside (the app opens it closed).
 */
import type { Page } from '@playwright/test';

const PICTURE_PREFIX = 'nwbe:view:';

/** The picture index.html paints over the page. */
export const picture = (page: Page) => page.locator('[data-view-snapshot]');

/** Before any of the page's scripts: every shadow root is opened, the picture's included. */
export async function openShadowRoots(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      return attach.call(this, { ...init, mode: 'open' });
    };
  });
}

/** The kept pictures: their localStorage keys, and the file key each was kept with. */
export const keptPictures = (page: Page) =>
  page.evaluate(
    (prefix) =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith(prefix))
        .map((k) => ({
          key: k,
          fileKey: (JSON.parse(localStorage.getItem(k) ?? 'null') as { identity: { key: string } })
            .identity.key,
        })),
    PICTURE_PREFIX,
  );
