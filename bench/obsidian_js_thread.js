#!/usr/bin/env node
// How long the Obsidian addon's calls hold the JS thread (Obsidian's UI
// thread), on a real vault:
//
//   node bench/obsidian_js_thread.js build/plugin/obsidian/vaultlink VAULT [--runs N]
//
// For each call: "call" is the synchronous part (argument copying and
// queueing, until the Promise is returned); "longest stall" is the longest the
// event loop was kept from running while the call was pending (it includes
// turning the result's JSON into objects when the call settles), measured by
// a 1 ms timer; "total" is until the Promise settles.  Medians of N runs.
'use strict';
const path = require('path');
const { performance } = require('perf_hooks');

const [pluginDir, vaultRoot] = process.argv.slice(2);
const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 5;
if (!pluginDir || !vaultRoot) {
  console.error('usage: obsidian_js_thread.js PLUGIN_DIR VAULT [--runs N]');
  process.exit(2);
}
const addon = require(path.resolve(pluginDir, `vaultlink-${process.platform}-${process.arch}.node`));

// Runs start() while a 1 ms timer watches the loop; returns the timings.
async function measure(start) {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const begin = performance.now();
  const promise = start();
  const call = performance.now() - begin;
  const result = await promise;
  const total = performance.now() - begin;
  // The settle itself: the time from the last tick to now also held the loop.
  stall = Math.max(stall, performance.now() - last);
  clearInterval(timer);
  return { call, stall, total, result };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const rows = [];
  async function row(name, start, times = runs) {
    const samples = [];
    let result;
    for (let i = 0; i < times; i += 1) {
      const sample = await measure(start);
      samples.push(sample);
      result = sample.result;
    }
    rows.push([name, ...['call', 'stall', 'total'].map((k) => median(samples.map((s) => s[k])).toFixed(2))]);
    return result;
  }
  // The machine's own noise: the same timer while nothing but a timeout runs.
  await row('(idle baseline: a 1 s timeout)', () => new Promise((resolve) => setTimeout(resolve, 1000)));
  const vaults = [];
  await row('Vault.open', async () => { const v = await addon.Vault.open(vaultRoot); vaults.push(v); return v; });
  const vault = vaults.pop();
  await Promise.all(vaults.map((v) => v.close()));
  const checked = await row('check', () => vault.check());
  // The part of settling a check that is JSON.parse of its result.
  const text = JSON.stringify(checked);
  let parseMs = Infinity;
  for (let i = 0; i < runs; i += 1) {
    const parseStarted = performance.now();
    JSON.parse(text);
    parseMs = Math.min(parseMs, performance.now() - parseStarted);
  }
  const note = checked.diagnostics.length ? checked.diagnostics[0].path : null;
  if (note) await row(`checkNote (${note})`, () => vault.checkNote(note));
  await row('backlinks (checkOnly)', () => vault.backlinks({ checkOnly: true }));
  await row('close (once)', () => vault.close(), 1);
  console.log(`${checked.summary.notes} notes, ${checked.diagnostics.length} diagnostics, ` +
              `${(text.length / 1024).toFixed(0)} KiB of check JSON (JSON.parse at best: ${parseMs.toFixed(1)} ms); ` +
              `medians of ${runs} runs (ms)`);
  console.log('| call | synchronous part | longest event-loop stall | until settled |');
  console.log('|---|---:|---:|---:|');
  for (const [name, ...cells] of rows) console.log(`| ${name} | ${cells.join(' | ')} |`);
}

main().catch((error) => { console.error(error); process.exit(1); });
