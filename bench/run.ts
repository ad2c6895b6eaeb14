// `npm run bench`: every benchmark in turn, each in its own process so one's heap and JIT
// state do not colour the next. Figures are printed; nothing here passes or fails a build.
//
//   npm run bench            engine, analyses, report, web, browser, loading, flood
//   npm run bench -- engine  one of them

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ALL = ['engine', 'analysis', 'report', 'web', 'browser', 'loading', 'flood'];
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const extra = process.argv.slice(2).filter((a) => a.startsWith('-'));

for (const name of chosen.length ? chosen : ALL) {
  if (!ALL.includes(name)) {
    console.error(`unknown benchmark '${name}'; choose from ${ALL.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== ${name} ==`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`), ...extra], {
    stdio: 'inherit',
    cwd: join(here, '..'),
  });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
