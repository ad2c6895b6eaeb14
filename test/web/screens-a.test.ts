// Half the shipped models' pages at both widths (screens.ts says what each test checks).

import { describeScreens, modelScreens } from './screens.ts';

describeScreens(modelScreens(0));
