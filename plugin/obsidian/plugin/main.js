// vaultlink for Obsidian (desktop): link and timestamp diagnostics for the
// notes you edit, a "Vault problems" view with a status-bar count, and the
// commands Check vault, Update backlinks, Commit now and Sync, through
// libvaultlink's Node-API addon shipped in this plugin's folder.
//
// Plain CommonJS, no bundler: Obsidian evaluates main.js with a `require`
// that resolves 'obsidian' and Node's built-ins (desktop only).
'use strict';

const { Plugin, Notice, PluginSettingTab, Setting, ItemView, FileSystemAdapter } = require('obsidian');

const VIEW_TYPE = 'vaultlink-problems';
const PLUGIN_NAME = 'vaultlink';
// Settings edits are applied (the vault reopened with them) once typing pauses.
const SETTINGS_APPLY_DELAY_MS = 800;

// ---- The addon ----------------------------------------------------------

// Loads the addon built for this machine from the plugin's own folder, by
// absolute path (Obsidian's require does not search plugin folders).  Throws
// an Error whose message tells the user why it cannot work here.
function loadAddon(app, manifest) {
  const adapter = app.vault.adapter;
  if (typeof FileSystemAdapter !== 'function' || !(adapter instanceof FileSystemAdapter)) {
    throw new Error('it needs the desktop app: this vault is not on a local file system (mobile?)');
  }
  const path = require('path');
  const fs = require('fs');
  const folder = path.join(adapter.getBasePath(), manifest.dir);
  const name = `vaultlink-${process.platform}-${process.arch}.node`;
  const file = path.join(folder, name);
  if (!fs.existsSync(file)) {
    const built = fs.readdirSync(folder).filter((entry) => entry.endsWith('.node'));
    throw new Error(`no native library for ${process.platform}-${process.arch} in ${folder}` +
                    (built.length ? ` (it has ${built.join(', ')})` : ''));
  }
  return { addon: require(file), folder };
}

// ---- Diagnostics kept for the view and the status bar --------------------

class ProblemStore {
  constructor() {
    this.byPath = new Map(); // vault-relative path -> diagnostics (library objects)
  }

  setNote(path, diagnostics) {
    if (diagnostics.length) this.byPath.set(path, diagnostics);
    else this.byPath.delete(path);
  }

  replaceAll(diagnostics) {
    this.byPath.clear();
    for (const d of diagnostics) {
      if (!this.byPath.has(d.path)) this.byPath.set(d.path, []);
      this.byPath.get(d.path).push(d);
    }
  }

  counts() {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const list of this.byPath.values()) {
      for (const d of list) counts[d.severity] = (counts[d.severity] || 0) + 1;
    }
    return counts;
  }

  sortedPaths() {
    return [...this.byPath.keys()].sort();
  }
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function describeCounts(counts) {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}`;
}

// ---- The view -------------------------------------------------------------

class ProblemsView extends ItemView {
  constructor(leaf, plugin) {
    super(leaf);
    this.plugin = plugin;
  }

  getViewType() { return VIEW_TYPE; }
  getDisplayText() { return 'Vault problems'; }
  getIcon() { return 'link'; }

  async onOpen() { this.render(); }

  render() {
    const root = this.contentEl;
    root.empty();
    root.addClass('vaultlink-problems');
    const store = this.plugin.problems;
    if (this.plugin.loadError) {
      root.createEl('p', { cls: 'vaultlink-unavailable', text: this.plugin.loadError });
      return;
    }
    const paths = store.sortedPaths();
    if (!paths.length) {
      root.createEl('p', { cls: 'vaultlink-empty', text: 'No problems found.' });
      return;
    }
    for (const path of paths) {
      const group = root.createDiv({ cls: 'vaultlink-note' });
      const title = group.createDiv({ cls: 'vaultlink-note-title', text: path });
      title.addEventListener('click', () => this.plugin.openNote(path));
      for (const d of store.byPath.get(path)) {
        const item = group.createDiv({ cls: `vaultlink-problem vaultlink-${d.severity}` });
        item.createSpan({ cls: 'vaultlink-position', text: `${d.line}:${d.column}` });
        item.createSpan({ cls: 'vaultlink-message', text: d.message });
        item.createSpan({ cls: 'vaultlink-code', text: d.code });
        if (d.suggestion) item.createDiv({ cls: 'vaultlink-suggestion', text: `→ ${d.suggestion}` });
        item.addEventListener('click', () => this.plugin.openNote(path));
      }
    }
  }
}

// ---- Settings, built from the manifest ----------------------------------

// One control per setting of the library's manifest, chosen by its type:
// boolean -> toggle, string -> text, integer -> number field, array -> one
// entry per line, object of enumerated values (severities) -> a dropdown
// per key with the values the settings schema allows.
class VaultlinkSettingTab extends PluginSettingTab {
  constructor(app, plugin) {
    super(app, plugin);
    this.plugin = plugin;
  }

  display() {
    const root = this.containerEl;
    root.empty();
    if (!this.plugin.addon) {
      root.createEl('p', { text: `vaultlink is not available: ${this.plugin.loadError}` });
      return;
    }
    const specs = JSON.parse(this.plugin.addon.manifest).settings;
    const schema = this.plugin.settingsSchema();
    for (const [key, spec] of Object.entries(specs)) {
      this.addControl(root, key, spec, (schema.properties || {})[key] || {});
    }
  }

  addControl(root, key, spec, schema) {
    const plugin = this.plugin;
    const value = plugin.settingValue(key, spec);
    const setting = () => new Setting(root).setName(key).setDesc(spec.description || '');
    switch (spec.type) {
      case 'boolean':
        setting().addToggle((toggle) => toggle.setValue(Boolean(value))
          .onChange((checked) => plugin.updateSetting(key, checked)));
        break;
      case 'string':
        setting().addText((text) => text.setValue(String(value))
          .onChange((entered) => plugin.updateSetting(key, entered)));
        break;
      case 'integer':
        setting().addText((text) => {
          text.inputEl.type = 'number';
          text.setValue(String(value)).onChange((entered) => {
            // Half-typed numbers are not saved; the library would refuse them.
            if (/^-?\d+$/.test(entered.trim())) plugin.updateSetting(key, Number(entered.trim()));
          });
        });
        break;
      case 'array':
        setting().addTextArea((area) => area.setValue(value.join('\n'))
          .onChange((entered) => plugin.updateSetting(key, entered.split('\n').map((s) => s.trim()).filter(Boolean))));
        break;
      case 'object':
        new Setting(root).setName(key).setDesc(spec.description || '').setHeading();
        for (const [entry, current] of Object.entries(value)) {
          const choices = ((schema.properties || {})[entry] || {}).enum;
          if (!choices) continue; // free-form maps have no control here; edit data.json
          new Setting(root).setName(entry).addDropdown((dropdown) => {
            for (const choice of choices) dropdown.addOption(choice, choice);
            dropdown.setValue(current).onChange((chosen) => {
              plugin.updateSetting(key, { ...plugin.settingValue(key, spec), [entry]: chosen });
            });
          });
        }
        break;
      default:
        setting().setDesc(`${spec.description || ''} (type ${spec.type}: edit data.json)`);
    }
  }
}

// ---- The plugin -----------------------------------------------------------

class VaultlinkPlugin extends Plugin {
  async onload() {
    this.problems = new ProblemStore();
    this.vault = null;
    this.pending = new Set(); // promises of work in progress (see idle())
    this.statusBar = this.addStatusBarItem();
    this.statusBar.addClass('vaultlink-status');

    try {
      const { addon, folder } = loadAddon(this.app, this.manifest);
      this.addon = addon;
      this.folder = folder;
    } catch (error) {
      this.loadError = `${PLUGIN_NAME} cannot run here: ${error.message}`;
      new Notice(this.loadError, 0);
      this.statusBar.setText(`${PLUGIN_NAME}: unavailable`);
    }

    this.registerView(VIEW_TYPE, (leaf) => new ProblemsView(leaf, this));
    this.addSettingTab(new VaultlinkSettingTab(this.app, this));
    this.addCommand({ id: 'show-problems', name: 'Show vault problems', callback: () => this.showProblems() });
    if (!this.addon) return;

    this.settings = (await this.loadData()) || {};
    this.addCommand({ id: 'check-vault', name: 'Check vault', callback: () => this.track(this.checkVault()) });
    this.addCommand({ id: 'update-backlinks', name: 'Update backlinks', callback: () => this.track(this.updateBacklinks()) });
    this.addCommand({ id: 'commit-now', name: 'Commit now', callback: () => this.track(this.commitNow()) });
    this.addCommand({ id: 'sync', name: 'Sync', callback: () => this.track(this.sync()) });
    this.registerEvent(this.app.vault.on('modify', (file) => this.track(this.checkFile(file))));
    this.renderStatus();
    this.app.workspace.onLayoutReady(() => this.track(this.openVault()));
  }

  onunload() {
    clearTimeout(this.applyTimer);
    // close() stops the event thread at once and the library's threads (the
    // watcher) on the thread pool; Obsidian does not wait for onunload.
    const vault = this.vault;
    this.vault = null;
    this.closed = vault ? vault.close() : Promise.resolve();
  }

  // Resolves when every check, command and reopen started so far is done.
  async idle() {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  track(promise) {
    const tracked = promise.catch((error) => this.report(error)).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    return tracked;
  }

  report(error) {
    new Notice(`${PLUGIN_NAME}: ${error.message}`);
    console.error(`${PLUGIN_NAME}:`, error);
  }

  async openVault() {
    const root = this.app.vault.adapter.getBasePath();
    // The library reads the settings itself: .vaultlink.json, else this
    // plugin's data.json (what saveData writes).
    const vault = await this.addon.Vault.open(root);
    if (this.vault !== null || this.closed) {
      await vault.close(); // unloaded (or reopened) meanwhile
      return;
    }
    this.vault = vault;
    await vault.watch((event) => this.onLibraryEvent(event));
    await this.checkVault({ quiet: true });
  }

  // A vault opened again with the settings just saved.
  async reopenVault() {
    const old = this.vault;
    this.vault = null;
    if (old) await old.close();
    if (!this.closed) await this.openVault();
  }

  requireVault() {
    if (!this.vault) throw new Error('the vault is still being opened');
    return this.vault;
  }

  async checkFile(file) {
    if (!file || file.extension !== 'md' || !this.vault) return;
    const vault = this.vault;
    let result;
    try {
      result = await vault.checkNote(file.path, null);
    } catch (error) {
      if (vault.closed) return; // settings reopened the vault, or the plugin unloaded
      throw error;
    }
    if (vault !== this.vault) return;
    this.problems.setNote(file.path, result.diagnostics);
    this.refresh();
  }

  async checkVault({ quiet = false } = {}) {
    const result = await this.requireVault().check();
    this.problems.replaceAll(result.diagnostics);
    this.refresh();
    if (!quiet) {
      const s = result.summary;
      new Notice(`${PLUGIN_NAME}: ${plural(s.notes, 'note')} checked: ${describeCounts({ error: s.errors, warning: s.warnings })}`);
    }
  }

  async updateBacklinks() {
    const result = await this.requireVault().backlinks();
    const problems = result.problems.map((p) => `${p.path}: ${p.message}`);
    new Notice(`${PLUGIN_NAME}: backlinks updated in ${plural(result.changed.length, 'note')}` +
               (problems.length ? `; left alone: ${problems.join('; ')}` : ''));
  }

  async commitNow() {
    const result = await this.requireVault().commit();
    new Notice(result.committed
      ? `${PLUGIN_NAME}: committed ${plural(result.files.length, 'file')} (${result.id.slice(0, 7)})`
      : `${PLUGIN_NAME}: ${result.outcome === 'conflicts_unresolved'
          ? `not committed, conflict markers remain in ${result.unresolved.join(', ')}`
          : 'nothing to commit'}`);
  }

  async sync() {
    const result = await this.requireVault().sync();
    const conflicts = result.conflicted.length ? `; conflicts in ${result.conflicted.join(', ')}` : '';
    new Notice(`${PLUGIN_NAME}: sync ${result.merge.replace(/_/g, ' ')}${result.pushed ? ', pushed' : ''}${conflicts}`);
  }

  onLibraryEvent(event) {
    if (event.type === 'diagnostics') {
      this.problems.setNote(event.path, event.diagnostics || []);
      this.refresh();
    } else if (event.type === 'error') {
      new Notice(`${PLUGIN_NAME}: ${event.message}`);
    } // other types are ignored, as the C ABI asks hosts to
  }

  refresh() {
    this.renderStatus();
    for (const leaf of this.app.workspace.getLeavesOfType(VIEW_TYPE)) {
      if (leaf.view instanceof ProblemsView) leaf.view.render();
    }
  }

  renderStatus() {
    this.statusBar.setText(`${PLUGIN_NAME}: ${describeCounts(this.problems.counts())}`);
  }

  async showProblems() {
    let leaf = this.app.workspace.getLeavesOfType(VIEW_TYPE)[0];
    if (!leaf) {
      // getRightLeaf may give null while the right sidebar is collapsed.
      leaf = this.app.workspace.getRightLeaf(false) || this.app.workspace.getLeaf(true);
      await leaf.setViewState({ type: VIEW_TYPE, active: true });
    }
    this.app.workspace.revealLeaf(leaf);
    return leaf.view;
  }

  openNote(path) {
    return this.app.workspace.openLinkText(path, '', false);
  }

  // ---- settings ----

  settingsSchema() {
    const fs = require('fs');
    const path = require('path');
    try {
      return JSON.parse(fs.readFileSync(path.join(this.folder, 'settings-schema.json'), 'utf8'));
    } catch (error) {
      return {}; // dropdowns then fall back to data.json editing
    }
  }

  settingValue(key, spec) {
    return Object.prototype.hasOwnProperty.call(this.settings, key) ? this.settings[key] : spec.default;
  }

  async updateSetting(key, value) {
    this.settings[key] = value;
    await this.saveData(this.settings);
    clearTimeout(this.applyTimer);
    this.applyTimer = setTimeout(() => this.applySettings(), SETTINGS_APPLY_DELAY_MS);
  }

  // Reopens the vault so the library reads the saved settings (now rather
  // than after the delay when called directly).
  applySettings() {
    clearTimeout(this.applyTimer);
    return this.track(this.reopenVault());
  }
}

module.exports = VaultlinkPlugin;
module.exports.ProblemStore = ProblemStore;
