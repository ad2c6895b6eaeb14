// The columns of the registry's runs, reused from one request to the next: the entries that run
// the model themselves reduce each run to plain data and release it before they return.

import { ColumnPool } from '../../engine/column-pool.ts';

export const columns = new ColumnPool();
