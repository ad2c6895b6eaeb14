#!/usr/bin/env node
// `npm start`: the web app, as built into dist/ at install (see build.js).
import { distEntry } from './dist.js';

const { startFromCommandLine } = await import(distEntry('server'));
startFromCommandLine();
