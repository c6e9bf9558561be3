// The generated Obsidian manifest.json: every field Obsidian requires, taken
// from manifest/manifest.json, and an id Obsidian's guidelines accept.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { pluginDir, addonFile } = require('./support');

const sourceDir = process.env.VAULTLINK_SOURCE_DIR;
const { obsidianManifest } = require(path.join(sourceDir, 'plugin/obsidian/tools/obsidian-manifest.js'));

test('manifest.json has every field Obsidian requires', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(pluginDir, 'manifest.json'), 'utf8'));
  const source = JSON.parse(fs.readFileSync(path.join(sourceDir, 'manifest/manifest.json'), 'utf8'));
  for (const key of ['id', 'name', 'version', 'minAppVersion', 'description', 'author']) {
    assert.equal(typeof manifest[key], 'string', key);
    assert.notEqual(manifest[key], '', key);
  }
  assert.equal(manifest.isDesktopOnly, true);
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  assert.match(manifest.minAppVersion, /^\d+\.\d+\.\d+$/);
  assert.doesNotMatch(manifest.id, /obsidian/i);
  for (const key of ['id', 'name', 'version', 'description', 'author']) assert.equal(manifest[key], source[key], key);
});

test('the generator refuses an id containing "obsidian" and missing fields', () => {
  const good = { id: 'x', name: 'X', version: '1.0.0', description: 'd', author: 'a' };
  assert.equal(obsidianManifest(good).isDesktopOnly, true);
  assert.throws(() => obsidianManifest({ ...good, id: 'obsidian-x' }), /must not contain "obsidian"/);
  assert.throws(() => obsidianManifest({ ...good, author: '' }), /"author"/);
});

test('the plugin folder holds what Obsidian loads', () => {
  for (const file of ['main.js', 'manifest.json', 'styles.css', 'settings-schema.json', path.basename(addonFile)]) {
    assert.ok(fs.existsSync(path.join(pluginDir, file)), file);
  }
});
