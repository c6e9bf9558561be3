// A test double of the `obsidian` module: only the API surface main.js uses
// (Obsidian's real module exists only inside the app).  It mirrors the real
// signatures from obsidian.d.ts, with real behaviour where the plugin depends
// on it, and records what the plugin shows so tests can assert on it:
//
//   Plugin          app, manifest, load()/unload() running onload/onunload,
//                   addCommand, addSettingTab, addStatusBarItem, registerView,
//                   registerEvent, loadData/saveData on the real
//                   <vault>/<manifest.dir>/data.json
//   Notice          every message in Notice.messages
//   PluginSettingTab, Setting and its toggle/text/textarea/dropdown controls,
//                   each control's onChange callable through .change(value)
//   ItemView        containerEl/contentEl; WorkspaceLeaf.setViewState builds
//                   the registered view and calls onOpen
//   FileSystemAdapter.getBasePath(), TFile, Vault events ('modify'),
//   Workspace: onLayoutReady, getLeavesOfType, getRightLeaf, revealLeaf,
//              openLinkText
//   Elements        Obsidian's DOM helpers (createEl, createDiv, createSpan,
//                   empty, setText, addClass) over a tiny element tree
//                   with textContent, click() and findByClass(cls).
'use strict';
const fs = require('fs');
const path = require('path');

class Element {
  constructor(tag, options = {}) {
    this.tag = tag;
    this.classes = new Set();
    this.children = [];
    this.text = '';
    this.listeners = {};
    this.type = 'text';
    if (options.cls) for (const c of String(options.cls).split(/\s+/)) this.classes.add(c);
    if (options.text !== undefined) this.text = String(options.text);
  }

  createEl(tag, options) {
    const child = new Element(tag, options);
    this.children.push(child);
    return child;
  }
  createDiv(options) { return this.createEl('div', options); }
  createSpan(options) { return this.createEl('span', options); }
  empty() { this.children = []; this.text = ''; }
  setText(text) { this.text = String(text); }
  addClass(cls) { this.classes.add(cls); }
  addEventListener(type, listener) { (this.listeners[type] ||= []).push(listener); }
  click() { for (const listener of this.listeners.click || []) listener({}); }

  get textContent() {
    return this.text + this.children.map((child) => child.textContent).join(' ');
  }

  findByClass(cls) {
    const found = this.classes.has(cls) ? [this] : [];
    for (const child of this.children) found.push(...child.findByClass(cls));
    return found;
  }
}

class Events {
  constructor() { this.handlers = {}; }
  on(name, callback) {
    (this.handlers[name] ||= []).push(callback);
    return { events: this, name, callback };
  }
  offref(ref) {
    this.handlers[ref.name] = (this.handlers[ref.name] || []).filter((cb) => cb !== ref.callback);
  }
  trigger(name, ...args) {
    for (const callback of this.handlers[name] || []) callback(...args);
  }
}

class FileSystemAdapter {
  constructor(basePath) { this.basePath = basePath; }
  getBasePath() { return this.basePath; }
}

class TFile {
  constructor(filePath) {
    this.path = filePath;
    this.name = path.posix.basename(filePath);
    this.extension = path.posix.extname(filePath).slice(1);
    this.basename = this.name.slice(0, this.name.length - this.extension.length - (this.extension ? 1 : 0));
  }
}

class Vault extends Events {
  constructor(adapter) {
    super();
    this.adapter = adapter;
    this.configDir = '.obsidian';
  }
}

class WorkspaceLeaf {
  constructor(app) { this.app = app; this.view = null; }
  async setViewState(state) {
    const creator = this.app.viewCreators.get(state.type);
    if (!creator) throw new Error(`no view registered for ${state.type}`);
    this.view = creator(this);
    this.viewType = state.type;
    await this.view.onOpen();
  }
}

class Workspace extends Events {
  constructor(app) {
    super();
    this.app = app;
    this.leaves = [];
    this.opened = []; // openLinkText calls
  }
  onLayoutReady(callback) { callback(); }
  getLeavesOfType(type) { return this.leaves.filter((leaf) => leaf.viewType === type); }
  getRightLeaf() {
    const leaf = new WorkspaceLeaf(this.app);
    this.leaves.push(leaf);
    return leaf;
  }
  revealLeaf() {}
  async openLinkText(linktext, sourcePath) { this.opened.push({ linktext, sourcePath }); }
}

class App {
  constructor(vaultRoot) {
    this.vault = new Vault(new FileSystemAdapter(vaultRoot));
    this.workspace = new Workspace(this);
    this.viewCreators = new Map();
    this.commands = new Map();
    this.settingTabs = [];
  }
}

class Component {
  constructor() { this.cleanups = []; }
  register(cleanup) { this.cleanups.push(cleanup); }
  registerEvent(ref) { this.register(() => ref.events.offref(ref)); }
}

class Plugin extends Component {
  constructor(app, manifest) {
    super();
    this.app = app;
    this.manifest = manifest;
    this.statusBarItems = [];
  }
  async load() { await this.onload(); }
  unload() {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.onunload();
  }
  onload() {}
  onunload() {}
  addCommand(command) {
    this.app.commands.set(`${this.manifest.id}:${command.id}`, command);
    return command;
  }
  addSettingTab(tab) { this.app.settingTabs.push(tab); }
  addStatusBarItem() {
    const item = new Element('div', { cls: 'status-bar-item' });
    this.statusBarItems.push(item);
    return item;
  }
  registerView(type, creator) { this.app.viewCreators.set(type, creator); }
  dataFile() { return path.join(this.app.vault.adapter.getBasePath(), this.manifest.dir, 'data.json'); }
  async loadData() {
    try {
      return JSON.parse(fs.readFileSync(this.dataFile(), 'utf8'));
    } catch (error) {
      if (error.code === 'ENOENT') return null;
      throw error;
    }
  }
  async saveData(data) { fs.writeFileSync(this.dataFile(), JSON.stringify(data, null, 2)); }
}

class Notice {
  constructor(message, duration) {
    this.message = message;
    this.duration = duration;
    Notice.messages.push(message);
  }
}
Notice.messages = [];

class ItemView extends Component {
  constructor(leaf) {
    super();
    this.leaf = leaf;
    this.app = leaf.app;
    this.containerEl = new Element('div', { cls: 'workspace-leaf-content' });
    this.containerEl.createDiv({ cls: 'view-header' });
    this.contentEl = this.containerEl.createDiv({ cls: 'view-content' });
  }
  async onOpen() {}
  async onClose() {}
}

class PluginSettingTab {
  constructor(app, plugin) {
    this.app = app;
    this.plugin = plugin;
    this.containerEl = new Element('div', { cls: 'vertical-tab-content' });
  }
  display() {}
  hide() {}
}

// A control: value, onChange, and change(value) standing for the user.
class ValueComponent {
  constructor(kind) { this.kind = kind; this.value = undefined; this.handler = null; this.inputEl = new Element('input'); }
  setValue(value) { this.value = value; return this; }
  getValue() { return this.value; }
  setPlaceholder() { return this; }
  onChange(handler) { this.handler = handler; return this; }
  change(value) { this.value = value; return this.handler && this.handler(value); }
}

class DropdownComponent extends ValueComponent {
  constructor() { super('dropdown'); this.options = {}; }
  addOption(value, display) { this.options[value] = display; return this; }
  addOptions(options) { Object.assign(this.options, options); return this; }
}

class Setting {
  constructor(containerEl) {
    this.settingEl = containerEl.createDiv({ cls: 'setting-item' });
    this.settingEl.setting = this;
    this.name = '';
    this.desc = '';
    this.heading = false;
    this.components = [];
  }
  setName(name) { this.name = name; this.settingEl.createDiv({ cls: 'setting-item-name', text: name }); return this; }
  setDesc(desc) { this.desc = desc; return this; }
  setHeading() { this.heading = true; return this; }
  add(component, build) { this.components.push(component); build(component); return this; }
  addToggle(build) { return this.add(new ValueComponent('toggle'), build); }
  addText(build) { return this.add(new ValueComponent('text'), build); }
  addTextArea(build) { return this.add(new ValueComponent('textarea'), build); }
  addDropdown(build) { return this.add(new DropdownComponent(), build); }
}

const Platform = { isDesktopApp: true, isMobile: false };

module.exports = {
  App, Events, FileSystemAdapter, ItemView, Notice, Platform, Plugin, PluginSettingTab,
  Setting, TFile, Vault, Workspace, WorkspaceLeaf,
};
