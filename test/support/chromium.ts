// Debian's Chromium for the browser tests. Without it they are skipped with a warning on a
// developer's machine, and refused under CI, which must run them (.ci/run installs it).

import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_MISSING = existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} is missing (apt-get install -y chromium): the browser tests are skipped`;

if (CHROMIUM_MISSING && process.env.CI) throw new Error(`${CHROMIUM_MISSING}, but CI must run them`);
if (CHROMIUM_MISSING) console.warn(CHROMIUM_MISSING);
