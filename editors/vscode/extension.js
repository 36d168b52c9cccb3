// notes-lsp for VS Code: starts the `notes-lsp` language server for Markdown files.
// Plain JavaScript on vscode-languageclient; the server does the work.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** The settings section; it must equal the client id, because the client reads `<id>.trace.server`. */
const SECTION = 'notesLsp';
/** The server's own command behind `notesLsp.newMeeting` (`workspace/executeCommand`). */
const SERVER_NEW_MEETING = 'notes-lsp.newMeeting';
/** Settings passed to the server as `initializationOptions` and `workspace/didChangeConfiguration`. */
const SERVER_SETTINGS = ['rules', 'inlayHints', 'staleAfterMeetings', 'rosters', 'registries'];

/**
 * Features VS Code's built-in Markdown support also provides; each can be switched off here, live, so the two do not
 * show duplicates. Setting (under `notesLsp.features.`) → middleware hook.
 */
const OVERLAPPING_FEATURES = {
  documentSymbols: 'provideDocumentSymbols',
  foldingRanges: 'provideFoldingRanges',
  documentLinks: 'provideDocumentLinks',
};

/** @type {import('vscode-languageclient/node').LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let outputChannel;
/** True while the first start is under way. */
let starting = false;
/** True once notes were found here (or the user ran Restart Server): a change of server path or args restarts it. */
let serverWanted = false;

// MARK: - Settings

/** True when the user set `key` somewhere (user, workspace or folder settings), not just left the default. */
function isSetByUser(config, key) {
  const info = typeof config.inspect === 'function' ? config.inspect(key) : undefined;
  if (!info) return config.get(key) !== undefined;
  return ['globalValue', 'workspaceValue', 'workspaceFolderValue'].some((scope) => info[scope] !== undefined);
}

/**
 * The server's own settings, as the server reads them (same names as `.notes-lsp.json`).
 * NOTE: only settings the user actually set are sent, so a default here never hides a value from `.notes-lsp.json`.
 */
function serverSettings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const settings = {};
  for (const key of SERVER_SETTINGS) {
    if (!isSetByUser(config, key)) continue;
    const value = config.get(key);
    if (value !== undefined && value !== null) settings[key] = value;
  }
  return settings;
}

/** `notesLsp.server.path` and `notesLsp.server.args`. */
function serverCommandSettings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const configuredPath = (config.get('server.path') || '').trim();
  const args = config.get('server.args');
  return { configuredPath, args: Array.isArray(args) ? args.map(String) : [] };
}

/** Middleware that answers nothing for the overlapping features the user switched off. */
function featureSwitches() {
  const middleware = {};
  for (const [feature, hook] of Object.entries(OVERLAPPING_FEATURES)) {
    middleware[hook] = (...args) => {
      const enabled = vscode.workspace.getConfiguration(SECTION).get(`features.${feature}`);
      if (enabled === false) return [];
      const next = args[args.length - 1];
      return next(...args.slice(0, -1));
    };
  }
  return middleware;
}

// MARK: - Where notes live

/** The file that marks a notes workspace (the server's configuration). */
const NOTES_CONFIG_FILE = '.notes-lsp.json';
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
/** A meeting date: 2024-06-12, 2024_06_12, 20240612, June 12, 2024, 12 June 2024. */
const MEETING_DATE = new RegExp(
  [
    '(?:^|[^0-9])(?:19|20)\\d{2}([-_.]?)(?:0[1-9]|1[0-2])\\1(?:0[1-9]|[12]\\d|3[01])(?![0-9])',
    `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2}\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(?:19|20)\\d{2}\\b`,
  ].join('|'),
  'i',
);

/**
 * True for text that looks like a meeting note: a date in the file name or the title (first `# ` heading or
 * `title:` / `date:` in front matter), or `tags` naming meeting notes. A cheap look at the start of the file; the
 * server decides exactly which files get meeting diagnostics.
 */
function looksLikeMeetingNote(fileName, text) {
  if (MEETING_DATE.test(path.basename(fileName || ''))) return true;
  const lines = String(text || '').split(/\r?\n/, 60);
  let inFrontMatter = lines[0] === '---';
  for (let index = inFrontMatter ? 1 : 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (inFrontMatter) {
      if (line === '---' || line === '...') {
        inFrontMatter = false;
      } else if (/^(title|date)\s*:/i.test(line) && MEETING_DATE.test(line)) {
        return true;
      } else if (/^tags\s*:/i.test(line) && /meeting/i.test(line)) {
        return true;
      }
    } else if (/^#\s/.test(line)) {
      return MEETING_DATE.test(line);
    }
  }
  return false;
}

/** `notesLsp.noteFolders` as absolute paths: `~` expanded, relative ones taken against every workspace folder. */
function noteFolders() {
  const configured = vscode.workspace.getConfiguration(SECTION).get('noteFolders');
  const folders = [];
  for (const entry of Array.isArray(configured) ? configured : []) {
    let folder = String(entry).trim();
    if (!folder) continue;
    if (folder === '~' || folder.startsWith('~/')) folder = path.join(os.homedir(), folder.slice(1));
    if (path.isAbsolute(folder)) folders.push(path.resolve(folder));
    else for (const root of vscode.workspace.workspaceFolders || []) folders.push(path.resolve(root.uri.fsPath, folder));
  }
  return folders;
}

/** True when `document` is a Markdown note the server should start for: in a note folder, or a meeting note. */
function isNoteDocument(document) {
  if (!document || document.languageId !== 'markdown') return false;
  const scheme = document.uri && document.uri.scheme;
  if (scheme !== 'file' && scheme !== 'untitled') return false;
  const file = document.uri.fsPath || document.fileName || '';
  if (scheme === 'file' && noteFolders().some((folder) => file === folder || file.startsWith(folder + path.sep))) {
    return true;
  }
  return looksLikeMeetingNote(file, typeof document.getText === 'function' ? document.getText() : '');
}

/** True when a workspace folder holds a `.notes-lsp.json` (at any depth). */
async function workspaceHasNotesConfig() {
  if (!(vscode.workspace.workspaceFolders || []).length) return false;
  try {
    const found = await vscode.workspace.findFiles(`**/${NOTES_CONFIG_FILE}`, '**/node_modules/**', 1);
    return found.length > 0;
  } catch {
    return false;
  }
}

// MARK: - Finding the binary

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks `name` up on PATH (with PATHEXT on Windows); returns the absolute path or undefined. */
function findOnPath(name, env = process.env) {
  const dirs = (env.PATH || env.Path || '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT || '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Resolves the server executable: an absolute (or `~`) path is used as is, a relative path with a separator is taken
 * against the first workspace folder, a bare name is looked up on PATH. Returns `{ command }` or `{ problem }`.
 */
function resolveServer(configuredPath) {
  if (!configuredPath) {
    const command = findOnPath('notes-lsp');
    if (command) return { command };
    return { problem: 'cannot find `notes-lsp` on PATH' };
  }
  let candidate = configuredPath;
  if (candidate === '~' || candidate.startsWith('~/')) candidate = path.join(os.homedir(), candidate.slice(1));
  if (!path.isAbsolute(candidate) && !candidate.includes('/') && !candidate.includes('\\')) {
    const command = findOnPath(candidate);
    if (command) return { command };
    return { problem: `cannot find \`${configuredPath}\` on PATH` };
  }
  if (!path.isAbsolute(candidate)) {
    const folder = (vscode.workspace.workspaceFolders || [])[0];
    if (folder) candidate = path.join(folder.uri.fsPath, candidate);
  }
  if (isExecutableFile(candidate)) return { command: candidate };
  const exists = fs.existsSync(candidate);
  return { problem: exists ? `\`${candidate}\` is not an executable file` : `\`${candidate}\` does not exist` };
}

async function reportMissingServer(problem) {
  const message =
    `notes-lsp: ${problem}. Build it with \`swift build -c release --product notes-lsp\` and put ` +
    '`.build/release/notes-lsp` on your PATH, or set `notesLsp.server.path` to the binary.';
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
  } else if (choice === 'Show Output') {
    outputChannel.show(true);
  }
}

// MARK: - Client lifecycle

/** Starts the language client; resolves to the client, or undefined when the server cannot be started. */
async function startClient() {
  const { configuredPath, args } = serverCommandSettings();
  const resolved = resolveServer(configuredPath);
  if (!resolved.command) {
    outputChannel.appendLine(`notes-lsp: ${resolved.problem}`);
    void reportMissingServer(resolved.problem);
    return undefined;
  }
  outputChannel.appendLine(`Starting ${resolved.command} ${args.join(' ')}`.trimEnd());
  const executable = { command: resolved.command, args, transport: TransportKind.stdio };
  const serverOptions = { run: executable, debug: executable };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannel,
    initializationOptions: serverSettings(),
    middleware: featureSwitches(),
  };
  const started = new LanguageClient(SECTION, 'notes-lsp', serverOptions, clientOptions);
  client = started;
  try {
    await started.start();
  } catch (error) {
    if (client === started) client = undefined;
    outputChannel.appendLine(`notes-lsp failed to start: ${error && error.message ? error.message : error}`);
    void vscode.window.showErrorMessage(
      `notes-lsp: the server at ${resolved.command} failed to start. See the output for details.`,
      'Show Output',
    ).then((choice) => {
      if (choice === 'Show Output') outputChannel.show(true);
    });
    return undefined;
  }
  return started;
}

async function stopClient() {
  const running = client;
  client = undefined;
  if (!running) return;
  try {
    await running.stop();
  } catch (error) {
    const reason = error && error.message ? error.message : error;
    outputChannel.appendLine(`notes-lsp: stopping the server failed: ${reason}`);
  }
}

async function restartClient() {
  serverWanted = true;
  await stopClient();
  return startClient();
}

// MARK: - Commands

/** Asks the server to create the next meeting note of the active note's series, then opens it. */
async function newMeeting() {
  const editor = vscode.window.activeTextEditor;
  if (!client) {
    void vscode.window.showErrorMessage('notes-lsp: the server is not running; run "notes-lsp: Restart Server".');
    return undefined;
  }
  const argument = {};
  if (editor && editor.document && editor.document.uri) argument.uri = editor.document.uri.toString();
  else if ((vscode.workspace.workspaceFolders || []).length > 0) {
    argument.uri = vscode.workspace.workspaceFolders[0].uri.toString();
  }
  let result;
  try {
    result = await client.sendRequest('workspace/executeCommand', {
      command: SERVER_NEW_MEETING,
      arguments: [argument],
    });
  } catch (error) {
    // The server says why (e.g. the note already exists); show that rather than a generic command failure.
    void vscode.window.showErrorMessage(`notes-lsp: ${error && error.message ? error.message : error}`);
    return undefined;
  }
  const created = typeof result === 'string' ? result : result && result.uri;
  if (created) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(created));
    await vscode.window.showTextDocument(document);
  }
  return result;
}

// MARK: - Entry points

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  outputChannel = vscode.window.createOutputChannel('notes-lsp');
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('notesLsp.restartServer', restartClient),
    vscode.commands.registerCommand('notesLsp.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('notesLsp.newMeeting', newMeeting),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (
        event.affectsConfiguration(`${SECTION}.server.path`) ||
        event.affectsConfiguration(`${SECTION}.server.args`)
      ) {
        if (serverWanted) await restartClient();
      } else if (SERVER_SETTINGS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`)) && client) {
        // NOTE: settings are sent wrapped in their section, as VS Code and Neovim both do.
        await client.sendNotification('workspace/didChangeConfiguration', {
          settings: { [SECTION]: serverSettings() },
        });
      }
    }),
  );
  // NOTE: the extension activates in a workspace with a `.notes-lsp.json` or when a Markdown file opens, but it starts
  // the server only where notes live: the workspace has a `.notes-lsp.json`, or a Markdown file in one of
  // `notesLsp.noteFolders`, or one that looks like a meeting note, is opened. Other Markdown gets no server process.
  if (await workspaceHasNotesConfig()) {
    await ensureStarted();
    return;
  }
  const startFor = async (document) => {
    if (!client && !starting && isNoteDocument(document)) await ensureStarted();
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(startFor),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(`${SECTION}.noteFolders`)) {
        for (const document of vscode.workspace.textDocuments || []) await startFor(document);
      }
    }),
  );
  for (const document of vscode.workspace.textDocuments || []) await startFor(document);
}

/** Starts the server once notes were found (a second call while it starts does nothing). */
async function ensureStarted() {
  if (client || starting) return client;
  starting = true;
  try {
    return await startClient();
  } finally {
    starting = false;
    serverWanted = true;
  }
}

function deactivate() {
  const running = client;
  client = undefined;
  if (!running) return undefined;
  return running.stop();
}

module.exports = {
  activate,
  deactivate,
  _internal: { resolveServer, findOnPath, serverSettings, featureSwitches, looksLikeMeetingNote, isNoteDocument },
};
