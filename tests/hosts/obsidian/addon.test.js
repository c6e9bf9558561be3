// The real Node-API addon on real vaults in temp folders: every call of the
// JS API, its errors, the watcher's events, and that the JS thread keeps
// running while the library works.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { addonFile, makeVault, writeNote, git, waitFor, sampleNotes } = require('./support');

const addon = require(addonFile);

async function openVault(t, root, settings) {
  const vault = await addon.Vault.open(root, settings);
  t.after(() => vault.close());
  return vault;
}

test('the addon exposes the library version, ABI and manifest', () => {
  assert.equal(addon.abiVersion, 1);
  const manifest = JSON.parse(addon.manifest);
  assert.equal(manifest.id, 'vaultlink');
  assert.equal(addon.version, manifest.version);
  assert.throws(() => new addon.Vault(), /Vault\.open/);
});

test('check and checkNote report broken links as the library finds them', async (t) => {
  const vault = await openVault(t, makeVault(t, sampleNotes));
  const result = await vault.check();
  assert.equal(result.summary.notes, 3);
  assert.deepEqual(result.diagnostics.map((d) => [d.path, d.line, d.code]), [['Gamma.md', 3, 'broken-link']]);
  assert.match(result.diagnostics[0].message, /Nowhere at all/);

  const unsaved = await vault.checkNote('Alpha.md', '# Alpha\n\n[[Beta#Detail]] and [[Beta#Details]]\n');
  assert.deepEqual(unsaved.diagnostics.map((d) => [d.line, d.column, d.code, d.suggestion]),
                   [[3, 1, 'broken-heading', '[[Beta#Details]]']]);
  const onDisk = await vault.checkNote('Alpha.md');
  assert.deepEqual(onDisk.diagnostics, []);
});

test('failures reject with the library code and message', async (t) => {
  const root = makeVault(t, sampleNotes);
  await assert.rejects(addon.Vault.open(path.join(root, 'missing')), { code: 'VL_ENOTFOUND' });
  await assert.rejects(addon.Vault.open(root, { severites: {} }), (error) => {
    assert.equal(error.code, 'VL_EINVALID');
    assert.equal(error.errno, -2);
    assert.match(error.message, /severites/);
    return true;
  });
  const vault = await openVault(t, root);
  await assert.rejects(vault.checkNote('../outside.md', ''), { code: 'VL_EINVALID' });
  await assert.rejects(vault.checkNote('Nope.md'), { code: 'VL_ENOTFOUND' });
  assert.throws(() => vault.checkNote('Alpha.md', 'a\0b'), TypeError);
  assert.throws(() => vault.checkNote(42), TypeError);
  // Invalid UTF-16 from JS (a lone surrogate) arrives as U+FFFD, not a crash.
  const odd = await vault.checkNote('Alpha.md', '# \ud800 [[Nowhere]]\n');
  assert.equal(odd.diagnostics[0].code, 'broken-link');
});

test('backlinks writes the generated section once', async (t) => {
  const root = makeVault(t, sampleNotes);
  const vault = await openVault(t, root);
  const first = await vault.backlinks();
  assert.deepEqual(first.changed, ['Beta.md']);
  const beta = fs.readFileSync(path.join(root, 'Beta.md'), 'utf8');
  assert.match(beta, /^# Beta\n\n## Details\n/);
  assert.match(beta, /<!-- vaultlink:backlinks -->\n## Backlinks\n- \[\[Alpha\]\]/);
  assert.deepEqual((await vault.backlinks({ checkOnly: true })).changed, []);
  assert.deepEqual((await vault.backlinks({ paths: ['Beta.md'] })).changed, []);
});

test('commit records the vault in its git repository', async (t) => {
  const root = makeVault(t, sampleNotes);
  git(root, 'init', '-q');
  const vault = await openVault(t, root);
  const result = await vault.commit({ message: 'from the addon: {{numFiles}} files' });
  assert.equal(result.committed, true);
  assert.deepEqual(result.files.map((f) => [f.status, f.path]).sort(),
                   [['A', 'Alpha.md'], ['A', 'Beta.md'], ['A', 'Gamma.md']]);
  const log = git(root, 'log', '--format=%H %s').trim().split('\n');
  assert.deepEqual(log, [`${result.id} from the addon: 3 files`]);
  assert.equal((await vault.commit()).outcome, 'nothing_to_commit');
});

test('git failures reject with VL_EGIT', async (t) => {
  const vault = await openVault(t, makeVault(t, sampleNotes));
  await assert.rejects(vault.commit(), { code: 'VL_EGIT' });
});

test('the watcher delivers diagnostics events for a note edited on disk', async (t) => {
  const root = makeVault(t, sampleNotes);
  const vault = await openVault(t, root, { debounceMs: 50 });
  const events = [];
  await vault.watch((event) => events.push(event));
  assert.throws(() => vault.watch(() => {}), /already watched/);

  writeNote(root, 'Alpha.md', '# Alpha\n\nNow [[Nowhere either]].\n');
  const event = await waitFor('a diagnostics event for Alpha.md',
                              () => events.find((e) => e.type === 'diagnostics' && e.path === 'Alpha.md'));
  assert.deepEqual(event.diagnostics.map((d) => [d.line, d.code]), [[3, 'broken-link']]);

  await vault.unwatch();
  const seen = events.length;
  writeNote(root, 'Alpha.md', '# Alpha\n');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(events.length, seen, 'no events after unwatch');
});

test('close waits for calls in flight, then refuses new ones', async (t) => {
  const root = makeVault(t, sampleNotes);
  const vault = await addon.Vault.open(root);
  await vault.watch(() => {});
  const inFlight = vault.check();
  const closed = vault.close();
  assert.equal(vault.closed, true);
  assert.equal((await inFlight).summary.notes, 3);
  await closed;
  assert.equal(vault.close(), closed, 'closing twice gives the same promise');
  await assert.rejects(vault.check(), /the vault is closed/);
});

test('vault-wide work leaves the JS thread free', async (t) => {
  const generator = process.env.VAULTLINK_GEN_VAULT;
  assert.ok(generator, 'VAULTLINK_GEN_VAULT is set');
  const root = makeVault(t, {});
  execFileSync(generator, ['--notes', '300', '--seed', '1', path.join(root, 'v')]);
  const vault = await openVault(t, path.join(root, 'v'));

  let ticks = 0;
  const timer = setInterval(() => { ticks += 1; }, 2);
  const synchronousMs = [];
  for (let run = 0; run < 3; run += 1) {
    const started = process.hrtime.bigint();
    const pending = vault.check();
    synchronousMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    assert.ok((await pending).summary.notes >= 300);
  }
  clearInterval(timer);
  // Had check() run on the JS thread, no timer could have fired before its
  // promise settled: the library's work takes far longer than a few 2 ms
  // ticks.  The call itself only queues the work (the least of three runs,
  // as a loaded machine may deschedule the process during any one).
  assert.ok(ticks >= 3, `the JS thread ran ${ticks} timer ticks during three checks`);
  assert.ok(Math.min(...synchronousMs) < 20, `check() held the JS thread ${synchronousMs.join(', ')} ms`);
});
