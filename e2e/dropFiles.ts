/** Drops files on the app's drop zone the way a browser does: a DataTransfer with File objects. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

export async function dropFiles(page: Page, paths: string[]) {
  const payload = paths.map((p) => ({
    name: path.basename(p),
    bytes: readFileSync(p).toString('base64'),
  }));
  const transfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const { name, bytes } of items) {
      const raw = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      dt.items.add(new File([raw], name, { lastModified: 1_700_000_000_000 }));
    }
    return dt;
  }, payload);
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}
