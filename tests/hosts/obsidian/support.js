// Shared by the Obsidian host tests: where the built plugin is, temp vaults
// made of real files (removed after each test), and waiting for a condition.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const pluginDir = process.env.VAULTLINK_OBSIDIAN_PLUGIN_DIR;
if (!pluginDir) throw new Error('VAULTLINK_OBSIDIAN_PLUGIN_DIR is not set (run through ctest)');

const addonFile = path.join(pluginDir, `vaultlink-${process.platform}-${process.arch}.node`);

// A fresh vault folder holding `notes` ({relative path: text}), removed when
// the test `t` ends.
function makeVault(t, notes) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vaultlink-obsidian-')));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(notes)) writeNote(root, name, text);
  return root;
}

function writeNote(root, name, text) {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), text);
}

function git(root, ...args) {
  return execFileSync('git', ['-C', root, '-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args],
                      { encoding: 'utf8' });
}

// Resolves once `condition()` is truthy (checked every 20 ms), rejects after
// `timeoutMs` naming `what`.
async function waitFor(what, condition, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sampleNotes = {
  'Alpha.md': '# Alpha\n\nSee [[Beta]].\n',
  'Beta.md': '# Beta\n\n## Details\n',
  'Gamma.md': '# Gamma\n\nA link to [[Nowhere at all]].\n',
};

module.exports = { pluginDir, addonFile, makeVault, writeNote, git, waitFor, sampleNotes };
