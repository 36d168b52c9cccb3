// Stand-ins for the `vscode` and `vscode-languageclient/node` modules, so extension.js loads under plain `node --test`.
// They record what the extension does: clients constructed, commands registered, settings read, messages shown.
'use strict';

const Module = require('module');
const path = require('path');

const EXTENSION = path.join(__dirname, '..', 'extension.js');
const FAKE_IDS = {
  vscode: path.join(__dirname, '__fake__', 'vscode.js'),
  'vscode-languageclient/node': path.join(__dirname, '__fake__', 'vscode-languageclient-node.js'),
};

let hooked = false;
/** Routes `require('vscode')` and `require('vscode-languageclient/node')` to entries of `require.cache`. */
function installResolveHook() {
  if (hooked) return;
  hooked = true;
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolve(request, parent, ...rest) {
    if (Object.prototype.hasOwnProperty.call(FAKE_IDS, request)) return FAKE_IDS[request];
    return original.call(this, request, parent, ...rest);
  };
}

function cacheModule(filename, exports) {
  const module = new Module(filename);
  module.filename = filename;
  module.loaded = true;
  module.exports = exports;
  require.cache[filename] = module;
}

/**
 * Creates fresh fakes.
 * @param {object} options
 * @param {object} [options.settings] values under `notesLsp.` the user has set, e.g. `{ 'server.path': '/x' }`
 * @param {Array<{uri: object}>} [options.workspaceFolders] default: one folder, `/notes`
 * @param {string} [options.errorChoice] the button "clicked" on every error message
 * @param {*} [options.requestResult] what `client.sendRequest` resolves to
 * @param {boolean} [options.notesConfig] whether the workspace holds a `.notes-lsp.json` (default: true)
 * @param {Array<object>} [options.textDocuments] documents open at activation (see `fakeDocument`)
 */
function createFakes(options = {}) {
  const settings = { ...(options.settings || {}) };
  const log = {
    clients: [],
    commands: new Map(),
    executed: [],
    errors: [],
    channels: [],
    settingsRead: new Set(),
    configurationListeners: [],
    openListeners: [],
    findFilesCalls: [],
    opened: [],
    shown: [],
  };

  class Disposable {
    constructor(fn) {
      this.fn = fn;
    }
    dispose() {
      if (this.fn) this.fn();
    }
  }

  class FakeLanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions });
      this.startCalls = 0;
      this.stopCalls = 0;
      this.requests = [];
      this.notifications = [];
      this.state = 'stopped';
      log.clients.push(this);
    }
    start() {
      this.startCalls += 1;
      if (options.startFails) return Promise.reject(new Error('spawn failed'));
      this.state = 'running';
      return Promise.resolve();
    }
    stop() {
      this.stopCalls += 1;
      this.state = 'stopped';
      this.stopPromise = Promise.resolve();
      return this.stopPromise;
    }
    sendRequest(method, params) {
      this.requests.push({ method, params });
      if (options.requestError) return Promise.reject(new Error(options.requestError));
      return Promise.resolve(options.requestResult);
    }
    sendNotification(method, params) {
      this.notifications.push({ method, params });
      return Promise.resolve();
    }
  }

  const Uri = {
    parse(value) {
      return { scheme: value.split(':')[0], fsPath: value.replace(/^file:\/\//, ''), toString: () => value };
    },
    file(fsPath) {
      return { scheme: 'file', fsPath, toString: () => `file://${fsPath}` };
    },
  };

  const vscode = {
    Disposable,
    Uri,
    workspace: {
      workspaceFolders:
        options.workspaceFolders !== undefined ? options.workspaceFolders : [{ uri: Uri.file('/notes') }],
      getConfiguration(section) {
        return {
          get(key, fallback) {
            const full = section ? `${section}.${key}` : key;
            log.settingsRead.add(full);
            return Object.prototype.hasOwnProperty.call(settings, key) ? settings[key] : fallback;
          },
          inspect(key) {
            const full = section ? `${section}.${key}` : key;
            log.settingsRead.add(full);
            const set = Object.prototype.hasOwnProperty.call(settings, key);
            return { key: full, globalValue: set ? settings[key] : undefined };
          },
        };
      },
      textDocuments: [...(options.textDocuments || [])],
      async findFiles(include, exclude, maxResults) {
        log.findFilesCalls.push({ include, exclude, maxResults });
        return options.notesConfig === false ? [] : [Uri.file('/notes/.notes-lsp.json')];
      },
      onDidOpenTextDocument(listener) {
        log.openListeners.push(listener);
        return new Disposable(() => {});
      },
      onDidChangeConfiguration(listener) {
        log.configurationListeners.push(listener);
        return new Disposable(() => {});
      },
      async openTextDocument(uri) {
        log.opened.push(uri.toString());
        return { uri };
      },
    },
    window: {
      activeTextEditor: options.activeTextEditor,
      createOutputChannel(name) {
        const channel = {
          name,
          lines: [],
          showCalls: 0,
          appendLine(line) {
            this.lines.push(line);
          },
          append(text) {
            this.lines.push(text);
          },
          show() {
            this.showCalls += 1;
          },
          dispose() {},
        };
        log.channels.push(channel);
        return channel;
      },
      showErrorMessage(message, ...items) {
        log.errors.push({ message, items });
        return Promise.resolve(options.errorChoice);
      },
      showWarningMessage(message, ...items) {
        log.errors.push({ message, items, warning: true });
        return Promise.resolve(undefined);
      },
      showInformationMessage() {
        return Promise.resolve(undefined);
      },
      async showTextDocument(document) {
        log.shown.push(document.uri.toString());
      },
    },
    commands: {
      registerCommand(id, handler) {
        if (log.commands.has(id)) throw new Error(`command ${id} registered twice`);
        log.commands.set(id, handler);
        return new Disposable(() => log.commands.delete(id));
      },
      executeCommand(id, ...args) {
        log.executed.push({ id, args });
        return Promise.resolve();
      },
    },
  };

  const languageclient = {
    LanguageClient: FakeLanguageClient,
    TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 },
  };

  /** Changes a setting and fires `onDidChangeConfiguration` for it; resolves when the listeners are done. */
  async function changeSetting(key, value) {
    if (value === undefined) delete settings[key];
    else settings[key] = value;
    const full = `notesLsp.${key}`;
    const event = {
      affectsConfiguration: (section) => full === section || full.startsWith(`${section}.`),
    };
    await Promise.all(log.configurationListeners.map((listener) => listener(event)));
  }

  /** Opens `document` (see `fakeDocument`) and fires `onDidOpenTextDocument`; resolves when the listeners are done. */
  async function openDocument(document) {
    vscode.workspace.textDocuments.push(document);
    await Promise.all(log.openListeners.map((listener) => listener(document)));
  }

  return { vscode, languageclient, log, settings, changeSetting, openDocument };
}

/** A text document as VS Code gives it: a file path (or `untitled:` name), its language and text. */
function fakeDocument(fsPath, text = '', languageId = 'markdown', scheme = 'file') {
  return {
    languageId,
    fileName: fsPath,
    uri: { scheme, fsPath, toString: () => `${scheme}://${fsPath}` },
    getText: () => text,
  };
}

/** Loads a fresh copy of extension.js against `fakes`. */
function loadExtension(fakes) {
  installResolveHook();
  cacheModule(FAKE_IDS.vscode, fakes.vscode);
  cacheModule(FAKE_IDS['vscode-languageclient/node'], fakes.languageclient);
  delete require.cache[EXTENSION];
  return require(EXTENSION);
}

/** A context like VS Code's `ExtensionContext`, enough for `activate`. */
function fakeContext() {
  return { subscriptions: [], extensionPath: path.join(__dirname, '..') };
}

module.exports = { createFakes, loadExtension, fakeContext, fakeDocument, EXTENSION };
