#!/usr/bin/env node
import('../dist/commands/main.js').then((m) => m.main());
