// The order test files start in: the browser files first (the longest, each holding a worker for
// a minute or more while Chromium and the app's workers take turns with it), then the rest in
// vitest's own order (longest first once it has timed them, largest first before). Every file
// shares its worker's process, the browser files too, so the app's modules are imported once per
// worker rather than again for each browser file.

import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The browser files, longest first. */
export const BROWSER_FILES = [
  'test/web/screens-b.test.ts',
  'test/web/screens-a.test.ts',
  'test/web/browser.test.ts',
  'test/web/editor-browser.test.ts',
  'test/web/calibration-browser.test.ts',
];

export default class BrowserFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = BROWSER_FILES.findIndex((b) => f.moduleId.endsWith(`/${b}`));
      return i < 0 ? BROWSER_FILES.length : i;
    };
    // A stable sort: the files that are not browser files keep vitest's order.
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}
