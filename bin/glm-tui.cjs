#!/usr/bin/env node
// CommonJS: an ES module here would start Node's ES module loader, ~10 ms of every start, for one line.
'use strict';
require('../dist/launch.cjs');
