// The other half of the shipped models' pages, and every page that is not a model page, at both
// widths (screens.ts says what each test checks).

import { describeScreens, modelScreens, OTHER_SCREENS } from './screens.ts';

describeScreens([...modelScreens(1), ...OTHER_SCREENS]);
