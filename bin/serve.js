#!/usr/bin/env node
// `npm start`: the web app, built from src/ into dist/ when the sources changed (see build.js).
import { built } from './build.js';

const { startFromCommandLine } = await import(await built('server'));
startFromCommandLine();
