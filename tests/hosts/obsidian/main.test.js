// The real main.js, installed the way a user installs it (the built plugin
// folder copied into VAULT/.obsidian/plugins/vaultlink/), run against the
// `obsidian` test double in stubs/obsidian (see its header for the API surface
// it stands for; NODE_PATH points require('obsidian') at it) and the real
// addon on a real vault.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { App, TFile, Notice, FileSystemAdapter } = require('obsidian');
const { pluginDir, makeVault, writeNote, git, waitFor, sampleNotes } = require('./support');

const PLUGIN_FOLDER = '.obsidian/plugins/vaultlink';

// Copies the built plugin into `root` (all of it, or the files `only` names)
// and returns its main.js class and manifest, as Obsidian reads them.
function install(root, only) {
  const target = path.join(root, PLUGIN_FOLDER);
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(pluginDir)) {
    if (!only || only.includes(file)) fs.copyFileSync(path.join(pluginDir, file), path.join(target, file));
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(target, 'manifest.json'), 'utf8'));
  manifest.dir = PLUGIN_FOLDER;
  return { PluginClass: require(path.join(target, 'main.js')), manifest };
}

async function startPlugin(t, root, app = new App(root)) {
  const { PluginClass, manifest } = install(root);
  const plugin = new PluginClass(app, manifest);
  t.after(async () => {
    if (!plugin.closed) plugin.unload();
    await plugin.closed;
  });
  await plugin.load();
  await plugin.idle();
  return { app, plugin };
}

function problemTexts(view) {
  return view.contentEl.findByClass('vaultlink-problem').map((item) => item.textContent);
}

function runCommand(app, plugin, id) {
  app.commands.get(`vaultlink:${id}`).callback();
  return plugin.idle();
}

function settingNamed(tab, name) {
  const found = tab.containerEl.findByClass('setting-item').map((el) => el.setting).filter((s) => s.name === name);
  assert.equal(found.length, 1, `one setting named ${name}`);
  return found[0];
}

test('a vault modify event fills the problems view with the note\'s diagnostics', async (t) => {
  const root = makeVault(t, sampleNotes);
  // A watcher too slow to answer within the test: what the view shows after
  // 'modify' can only come from the plugin's own check of the note.
  writeNote(root, `${PLUGIN_FOLDER}/data.json`, JSON.stringify({ debounceMs: 600000 }));
  const { app, plugin } = await startPlugin(t, root);

  assert.equal(plugin.statusBar.textContent, 'vaultlink: 0 errors, 1 warning');
  const view = await app.commands.get('vaultlink:show-problems').callback();
  assert.equal(view.getViewType(), 'vaultlink-problems');
  assert.deepEqual(problemTexts(view).length, 1);
  assert.match(problemTexts(view)[0], /^3:11 .*Nowhere at all.* broken-link$/);

  writeNote(root, 'Alpha.md', '# Alpha\n\nSee [[Beta#Detail]].\n');
  app.vault.trigger('modify', new TFile('Alpha.md'));
  await plugin.idle();

  const alpha = view.contentEl.findByClass('vaultlink-note').find((note) => note.textContent.startsWith('Alpha.md'));
  assert.ok(alpha, 'the view has a section for Alpha.md');
  const [item] = alpha.findByClass('vaultlink-problem');
  assert.ok(item.classes.has('vaultlink-error'));
  assert.match(item.textContent, /^3:5 .*Detail.* broken-heading → \[\[Beta#Details\]\]$/);
  assert.equal(plugin.statusBar.textContent, 'vaultlink: 1 error, 1 warning');

  item.click();
  assert.deepEqual(app.workspace.opened.at(-1), { linktext: 'Alpha.md', sourcePath: '' });

  // A non-Markdown file is not a note.
  app.vault.trigger('modify', new TFile('image.png'));
  await plugin.idle();
  assert.equal(plugin.statusBar.textContent, 'vaultlink: 1 error, 1 warning');
});

test('the commands check, update backlinks and commit the vault', async (t) => {
  // The plugin's binaries stay out of the history (.gitignore is honoured).
  const root = makeVault(t, { ...sampleNotes, '.gitignore': `${PLUGIN_FOLDER}/\n` });
  git(root, 'init', '-q');
  const { app, plugin } = await startPlugin(t, root);
  Notice.messages.length = 0;

  await runCommand(app, plugin, 'check-vault');
  assert.deepEqual(Notice.messages, ['vaultlink: 3 notes checked: 0 errors, 1 warning']);

  await runCommand(app, plugin, 'update-backlinks');
  assert.equal(Notice.messages[1], 'vaultlink: backlinks updated in 1 note');
  assert.match(fs.readFileSync(path.join(root, 'Beta.md'), 'utf8'), /- \[\[Alpha\]\]/);

  await runCommand(app, plugin, 'commit-now');
  assert.match(Notice.messages[2], /^vaultlink: committed \d+ files \([0-9a-f]{7}\)$/);
  const files = git(root, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort();
  assert.deepEqual(files, ['.gitignore', 'Alpha.md', 'Beta.md', 'Gamma.md']);

  // Sync pushes to the remote (a bare repository on disk).
  const remote = makeVault(t, {});
  execFileSync('git', ['init', '-q', '--bare', remote]);
  git(root, 'remote', 'add', 'origin', remote);
  await runCommand(app, plugin, 'sync');
  assert.match(Notice.messages[3], /^vaultlink: sync .*, pushed$/);
  assert.equal(git(remote, 'rev-parse', 'HEAD'), git(root, 'rev-parse', 'HEAD'));

  // A failure reaches the user as a notice naming the command.
  git(root, 'remote', 'set-url', 'origin', path.join(remote, 'gone'));
  await runCommand(app, plugin, 'sync');
  assert.match(Notice.messages[4], /^vaultlink: sync: /);
});

test('the settings tab is built from the manifest and applies what it saves', async (t) => {
  const root = makeVault(t, sampleNotes);
  const { app, plugin } = await startPlugin(t, root);
  const tab = app.settingTabs[0];
  tab.display();

  const manifest = JSON.parse(fs.readFileSync(path.join(root, PLUGIN_FOLDER, 'manifest.json'), 'utf8'));
  assert.equal(manifest.id, 'vaultlink');
  const kinds = (name) => settingNamed(tab, name).components.map((c) => c.kind);
  assert.deepEqual(kinds('backlinksRemoveWhenEmpty'), ['toggle']);
  assert.deepEqual(kinds('backlinksHeading'), ['text']);
  assert.deepEqual(kinds('excludedFolders'), ['textarea']);
  assert.equal(settingNamed(tab, 'debounceMs').components[0].inputEl.type, 'number');
  assert.equal(settingNamed(tab, 'backlinksHeading').components[0].getValue(), '## Backlinks');
  const brokenLink = settingNamed(tab, 'broken-link').components[0];
  assert.equal(brokenLink.kind, 'dropdown');
  assert.deepEqual(Object.keys(brokenLink.options), ['error', 'warning', 'info', 'off']);
  assert.equal(brokenLink.getValue(), 'warning');

  await brokenLink.change('error');
  await settingNamed(tab, 'debounceMs').components[0].change('5x'); // half-typed: not saved
  await settingNamed(tab, 'debounceMs').components[0].change('40');
  const saved = JSON.parse(fs.readFileSync(path.join(root, PLUGIN_FOLDER, 'data.json'), 'utf8'));
  assert.equal(saved.severities['broken-link'], 'error');
  assert.equal(saved.severities['broken-heading'], 'error');
  assert.equal(saved.debounceMs, 40);

  plugin.applySettings();
  await plugin.idle();
  assert.equal(plugin.statusBar.textContent, 'vaultlink: 1 error, 0 warnings');

  // The reopened vault watches too: an edit made outside Obsidian (no
  // 'modify' event) reaches the view through the library's event thread.
  writeNote(root, 'Gamma.md', '# Gamma\n');
  await waitFor('the watcher to clear Gamma.md', () => plugin.statusBar.textContent === 'vaultlink: 0 errors, 0 warnings');
});

test('unloading closes the vault and stops its threads', async (t) => {
  const root = makeVault(t, sampleNotes);
  const { app, plugin } = await startPlugin(t, root);
  const vault = plugin.vault;
  plugin.unload();
  await plugin.closed;
  assert.equal(vault.closed, true);
  app.vault.trigger('modify', new TFile('Alpha.md')); // the event was unregistered
  await plugin.idle();
  await assert.rejects(vault.check(), /closed/);
});

test('a clear notice when the addon cannot load', async (t) => {
  Notice.messages.length = 0;
  const root = makeVault(t, sampleNotes);
  const { PluginClass, manifest } = install(root, ['main.js', 'manifest.json', 'styles.css']);
  const plugin = new PluginClass(new App(root), manifest);
  await plugin.load();
  assert.match(Notice.messages.at(-1),
               new RegExp(`^vaultlink cannot run here: no native library for ${process.platform}-${process.arch} in `));
  assert.equal(plugin.statusBar.textContent, 'vaultlink: unavailable');
  plugin.unload();

  const mobile = new App(root);
  mobile.vault.adapter = { getBasePath() { return root; } }; // Obsidian mobile's adapter is no FileSystemAdapter
  assert.ok(!(mobile.vault.adapter instanceof FileSystemAdapter));
  const onMobile = new PluginClass(mobile, manifest);
  await onMobile.load();
  assert.match(Notice.messages.at(-1), /^vaultlink cannot run here: it needs the desktop app/);
  onMobile.unload();
});
