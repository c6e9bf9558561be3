#!/usr/bin/env node
// node obsidian-manifest.js manifest/manifest.json OUT/manifest.json
//
// Writes Obsidian's manifest.json from vaultlink's own manifest, the single
// source of truth for the plugin's identity: only the fields Obsidian reads,
// nothing restated by hand except what Obsidian alone needs.
'use strict';
const fs = require('fs');

// Obsidian-only facts, which the engine's manifest has no reason to carry.
// minAppVersion: the oldest Obsidian whose API has everything main.js uses
// (ItemView, FileSystemAdapter.getBasePath, workspace.onLayoutReady,
// Setting.addDropdown/addTextArea) and an Electron with Node-API 8.
const OBSIDIAN_ONLY = { minAppVersion: '1.0.0', isDesktopOnly: true };

function obsidianManifest(source) {
  for (const key of ['id', 'name', 'version', 'description', 'author']) {
    if (typeof source[key] !== 'string' || source[key] === '') {
      throw new Error(`manifest.json: "${key}" must be a non-empty string`);
    }
  }
  // Obsidian's plugin guidelines refuse ids containing "obsidian".
  if (/obsidian/i.test(source.id)) throw new Error(`manifest.json: id "${source.id}" must not contain "obsidian"`);
  return {
    id: source.id,
    name: source.name,
    version: source.version,
    minAppVersion: OBSIDIAN_ONLY.minAppVersion,
    description: source.description,
    author: source.author,
    isDesktopOnly: OBSIDIAN_ONLY.isDesktopOnly,
  };
}

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: obsidian-manifest.js manifest/manifest.json OUT/manifest.json');
    process.exit(2);
  }
  try {
    const manifest = obsidianManifest(JSON.parse(fs.readFileSync(input, 'utf8')));
    fs.writeFileSync(output, JSON.stringify(manifest, null, 2) + '\n');
  } catch (error) {
    console.error(`obsidian-manifest: ${error.message}`);
    process.exit(1);
  }
}

module.exports = { obsidianManifest };
