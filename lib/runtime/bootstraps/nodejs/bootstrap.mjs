// sls's runtime loop for nodejs*.x functions: the process Lambda's managed Node.js runtime runs.
//
// Started as `node bootstrap.mjs [handler]` with the environment of an execution environment
// (spec/lambda-runtime-api.md §3). It loads the handler named by argv[2] or `_HANDLER` from
// LAMBDA_TASK_ROOT, then asks the Runtime API at AWS_LAMBDA_RUNTIME_API for events forever and
// answers each with the documents, error types and log lines of the managed runtime.
//
// Two generations of that runtime exist and both are reproduced here, chosen by
// AWS_EXECUTION_ENV: up to nodejs22.x (aws-lambda-ric 3.x: callback handlers, context.done/
// succeed/fail, callbackWaitsForEmptyEventLoop), and nodejs24.x on (callback handlers refused
// at init, handlers only awaited). Node 18 to 24, no dependencies.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import util from 'node:util';

const require = createRequire(import.meta.url);

// Exact texts of the managed runtime (spec §6, §7).
const MESSAGES = {
  badHandler: 'Bad handler',
  relativeHandler: (h) =>
    `'${h}' is not a valid handler name. Use absolute paths when specifying root directories ` +
    'in handler names.',
  notExported: (h) => `${h} is undefined or not exported`,
  notFunction: (h) => `${h} is not a function`,
  onlyResponseStreaming: 'Only response streaming is supported.',
  stringify: 'Unable to stringify response body',
  nodeJsExit:
    'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly ' +
    'caused by a Promise that was never settled. For more information, see ' +
    'https://nodejs.org/docs/latest/api/process.html#exit-codes',
  callbackRemoved:
    'ERROR: AWS Lambda has removed support for callback-based function handlers starting with ' +
    'Node.js 24. You need to modify this function to use a supported handler signature to use ' +
    'Node.js 24 or later. For more information see ' +
    'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.',
  callbackWarning:
    'AWS Lambda plans to remove support for callback-based function handlers starting with ' +
    'Node.js 24. You will need to update this function to use an async handler to use Node.js ' +
    '24 or later. For more information and to provide feedback on this change, see ' +
    'https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable ' +
    'this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.',
  completeTwice:
    'Invocation has already been reported as done. Cannot call complete more than once per ' +
    'invocation.',
  badErrorObject:
    'callback called with Error argument, but there was a problem while retrieving one or more ' +
    'of its message, name, and stack',
  streamTwice: 'Cannot create stream for the same StreamingContext more than once.',
  contentTypeLate: 'Cannot set content-type, too late.',
  streamNotAsync: 'Streaming does not support non-async handlers.',
  streamNotFinished: 'Response stream is not finished.',
  streamReturnIgnored: 'Streaming handlers ignore return values.',
};

const API_PREFIX = '/2018-06-01/runtime';
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
const ERROR_BODY_TRAILER = 'Lambda-Runtime-Function-Error-Body';
const XRAY_CAUSE_HEADER = 'Lambda-Runtime-Function-XRay-Error-Cause';
const RESPONSE_MODE_HEADER = 'Lambda-Runtime-Function-Response-Mode';
const STREAM_CONTENT_TYPE = 'application/octet-stream';
const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const PRELUDE_DELIMITER_BYTES = 8;
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';
const BEFORE_EXIT = Symbol.for('aws.lambda.beforeExit');
const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const TENANT_ID = Symbol.for('aws.lambda.runtime.tenantId');
// Exit statuses of the managed runtime after it reported a failure.
const EXIT_UNCAUGHT_EXCEPTION = 129;
const EXIT_UNHANDLED_REJECTION = 128;
const FIRST_MAJOR_WITHOUT_CALLBACKS = 24;

const nodeMajor = (() => {
  const m = /^AWS_Lambda_nodejs(\d+)\.x$/.exec(process.env.AWS_EXECUTION_ENV || '');
  return m ? parseInt(m[1], 10) : 0;
})();
const modern = nodeMajor >= FIRST_MAJOR_WITHOUT_CALLBACKS;

// --- Errors ------------------------------------------------------------------------------------

function runtimeError(name, fixedMessage) {
  const cls = class extends Error {
    constructor(arg) {
      super(fixedMessage === undefined ? arg : fixedMessage);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  cls.prototype.name = `Runtime.${name}`;
  return cls;
}

const ImportModuleError = runtimeError('ImportModuleError');
const HandlerNotFound = runtimeError('HandlerNotFound');
const MalformedHandlerName = runtimeError('MalformedHandlerName');
const UserCodeSyntaxError = runtimeError('UserCodeSyntaxError');
const MalformedStreamingHandler = runtimeError('MalformedStreamingHandler');
const InvalidStreamingOperation = runtimeError('InvalidStreamingOperation');
const CallbackHandlerDeprecated = runtimeError('CallbackHandlerDeprecated');
const JSONStringifyError = runtimeError('JSONStringifyError');
const NodeJsExit = runtimeError('NodeJsExit', MESSAGES.nodeJsExit);
class UnhandledPromiseRejection extends Error {
  constructor(reason, promise) {
    super(reason);
    this.reason = reason;
    this.promise = promise;
  }
}
UnhandledPromiseRejection.prototype.name = 'Runtime.UnhandledPromiseRejection';

function looksLikeError(e) {
  return Boolean(
    e && typeof e.name === 'string' && e.name && typeof e.message === 'string' && e.message &&
      typeof e.stack === 'string' && e.stack,
  );
}

const escapeDel = (s) => s.replaceAll('\x7F', '%7F');

// The error document posted to /error and /init/error (note `trace`, not `stackTrace`).
function toRapidResponse(error) {
  try {
    const isError = modern
      ? error instanceof Error
      : util.types.isNativeError(error) || looksLikeError(error);
    if (isError) {
      return {
        errorType: error.name === undefined ? undefined : escapeDel(error.name),
        errorMessage: error.message === undefined ? undefined : escapeDel(error.message),
        trace: typeof error.stack === 'string' ? escapeDel(error.stack).split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    const doc = { errorType: 'handled', errorMessage: MESSAGES.badErrorObject };
    if (modern) doc.trace = [];
    return doc;
  }
}

function intoError(err) {
  return err instanceof Error ? err : new Error(err);
}

// Errors keep their non-enumerable name/message/stack when written to the log.
function withEnumerableProperties(value) {
  if (!(value instanceof Error)) return value;
  const out = Object.assign(
    { errorType: value.name, errorMessage: value.message, code: value.code },
    value,
  );
  if (typeof value.stack === 'string') out.stack = value.stack.split('\n');
  return out;
}

function toFormatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_k, v) => withEnumerableProperties(v));
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

function serialize(body) {
  try {
    return JSON.stringify(body === undefined ? null : body);
  } catch {
    throw modern ? new JSONStringifyError(MESSAGES.stringify) : new Error(MESSAGES.stringify);
  }
}

// X-Ray's view of an error: frames parsed from the stack. ASCII only, as it travels in a header.
function xrayCause(err) {
  try {
    const stack = [];
    if (err && err.stack) {
      const lines = String(err.stack).replace(/\x7F/g, '%7F').split('\n');
      lines.shift();
      for (const raw of lines) {
        let line = raw.trim().replace(/\(|\)/g, '');
        line = line.substring(line.indexOf(' ') + 1);
        const cut = line.lastIndexOf(' ');
        const label = cut >= 0 ? line.slice(0, cut) : null;
        const where = (label ? line.slice(cut + 1) : line).split(':');
        stack.push({ path: where[0], line: parseInt(where[1], 10), label: label || 'anonymous' });
      }
    }
    const cause = {
      working_directory: process.cwd(),
      exceptions: [{ type: err?.name, message: err?.message, stack }],
      paths: [...new Set(stack.map((s) => s.path))],
    };
    return JSON.stringify(cause).replace(
      /[\u007f-\uffff]/g,
      (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
    );
  } catch {
    return '';
  }
}

// --- Logging: console.* as the managed runtime patches it ----------------------------------------

const LEVELS = {
  TRACE: { name: 'TRACE', priority: 1 },
  DEBUG: { name: 'DEBUG', priority: 2 },
  INFO: { name: 'INFO', priority: 3 },
  WARN: { name: 'WARN', priority: 4 },
  ERROR: { name: 'ERROR', priority: 5 },
  FATAL: { name: 'FATAL', priority: 6 },
};
const jsonLogs = (process.env.AWS_LAMBDA_LOG_FORMAT || '').toUpperCase() === 'JSON';

function jsonErrorReplacer(_key, value) {
  if (!(value instanceof Error)) return value;
  return Object.assign(
    {
      errorType: value?.constructor?.name ?? 'UnknownError',
      errorMessage: value.message,
      stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
    },
    value,
  );
}

function jsonLine(level, message, params) {
  const record = {
    timestamp: new Date().toISOString(),
    level: level.name,
    requestId: globalThis[REQUEST_ID],
  };
  const tenant = globalThis[TENANT_ID];
  if (tenant !== undefined && tenant !== null && tenant !== '') record.tenantId = tenant;
  if (params.length === 0) {
    record.message = message;
    try {
      return JSON.stringify(record, jsonErrorReplacer);
    } catch {
      record.message = util.format(record.message);
      return JSON.stringify(record);
    }
  }
  record.message = util.format(message, ...params);
  const err = params.find((p) => p instanceof Error);
  if (err) {
    record.errorType = err?.constructor?.name ?? 'UnknownError';
    record.errorMessage = err.message;
    record.stackTrace = typeof err.stack === 'string' ? err.stack.split('\n') : [];
  }
  return JSON.stringify(record);
}

function writeLog(level, message, params) {
  const line = jsonLogs
    ? jsonLine(level, message, params)
    : `${new Date().toISOString()}\t${globalThis[REQUEST_ID]}\t${level.name}\t` +
      util.format(message, ...params);
  // One log event per call: embedded newlines become CR, as in CloudWatch.
  process.stdout.write(line.replace(/\n/g, '\r') + '\n');
}

function patchConsole() {
  const threshold = LEVELS[(process.env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()] ?? LEVELS.TRACE;
  const method = (level) =>
    level.priority >= threshold.priority
      ? (message, ...params) => writeLog(level, message, params)
      : () => {};
  console.trace = method(LEVELS.TRACE);
  console.debug = method(LEVELS.DEBUG);
  console.info = method(LEVELS.INFO);
  console.log = console.info;
  console.warn = method(LEVELS.WARN);
  console.error = method(LEVELS.ERROR);
  console.fatal = (message, ...params) => writeLog(LEVELS.FATAL, message, params);
}

function logError(title, err) {
  if (jsonLogs) console.error(intoError(err));
  else console.error(title, toFormatted(intoError(err)));
}

// --- The Runtime API client --------------------------------------------------------------------

class RuntimeClient {
  constructor(address) {
    const cut = address.lastIndexOf(':');
    this.hostname = address.slice(0, cut);
    this.port = parseInt(address.slice(cut + 1), 10);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  request(method, urlPath, headers = {}, body = undefined) {
    return new Promise((resolve, reject) => {
      const options = {
        hostname: this.hostname,
        port: this.port,
        path: urlPath,
        method,
        agent: this.agent,
        headers,
      };
      const req = http.request(options, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async next() {
    const res = await this.request('GET', `${API_PREFIX}/invocation/next`);
    if (res.status !== 200) {
      throw new Error(`Failed to get next invocation: ${res.status} ${res.body.toString()}`);
    }
    return { bodyJson: res.body.toString('utf8'), headers: res.headers };
  }

  async post(urlPath, bodyString, headers) {
    const body = Buffer.from(bodyString, 'utf8');
    const all = { 'Content-Type': 'application/json', 'Content-Length': body.length, ...headers };
    const res = await this.request('POST', urlPath, all, body);
    if (res.status !== 202) {
      throw new Error(`Request to ${urlPath} failed: ${res.status} ${res.body.toString()}`);
    }
  }

  postResponse(id, result) {
    const body = serialize(result); // throws before anything is sent
    return this.post(`${API_PREFIX}/invocation/${encodeURIComponent(id)}/response`, body, {});
  }

  postError(id, error) {
    const body = serialize(toRapidResponse(error));
    const cause = xrayCause(error);
    const headers = cause ? { [XRAY_CAUSE_HEADER]: cause } : {};
    return this.post(`${API_PREFIX}/invocation/${encodeURIComponent(id)}/error`, body, headers);
  }

  postInitError(error) {
    const doc = toRapidResponse(error);
    return this.post(`${API_PREFIX}/init/error`, serialize(doc), {
      [ERROR_TYPE_HEADER]: doc.errorType,
    });
  }

  // A chunked POST whose errors travel as trailers (spec §2.3).
  openResponseStream(id, highWaterMark) {
    let sent = false;
    let resolveDone;
    let rejectDone;
    const done = new Promise((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    done.catch(() => {});
    const req = http.request({
      hostname: this.hostname,
      port: this.port,
      method: 'POST',
      path: `${API_PREFIX}/invocation/${encodeURIComponent(id)}/response`,
      agent: this.agent,
      highWaterMark,
      headers: {
        [RESPONSE_MODE_HEADER]: 'streaming',
        'Transfer-Encoding': 'chunked',
        Trailer: `${ERROR_TYPE_HEADER}, ${ERROR_BODY_TRAILER}`,
        'Content-Type': STREAM_CONTENT_TYPE,
      },
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolveDone(Buffer.concat(chunks)));
      res.on('aborted', (err) => rejectDone(err));
    });
    req.on('error', (err) => rejectDone(err));
    const originalWrite = req.write.bind(req);
    req.setContentType = (type) => {
      if (sent) throw new InvalidStreamingOperation(MESSAGES.contentTypeLate);
      req.setHeader('Content-Type', type);
    };
    req.write = function (chunk, encoding, callback) {
      if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk) && chunk?.constructor !== Uint8Array) {
        chunk = JSON.stringify(chunk);
      }
      if (!sent && typeof this._onBeforeFirstWrite === 'function') {
        this._onBeforeFirstWrite((c) => originalWrite(c));
      }
      sent = true;
      return originalWrite(chunk, encoding, callback);
    };
    const fail = (err, callback) => {
      const doc = toRapidResponse(err);
      req.addTrailers({
        [ERROR_TYPE_HEADER]: doc.errorType,
        [ERROR_BODY_TRAILER]: Buffer.from(JSON.stringify(doc)).toString('base64'),
      });
      req.end(callback);
    };
    return { stream: writableOnly(req), done, fail };
  }
}

// The handler sees a Writable, not the HTTP request underneath.
function writableOnly(inner) {
  const methods = [
    'cork', 'destroy', 'end', 'uncork', 'write', 'addListener', 'emit', 'eventNames',
    'getMaxListeners', 'listenerCount', 'listeners', 'off', 'on', 'once', 'prependListener',
    'prependOnceListener', 'rawListeners', 'removeAllListeners', 'removeListener',
    'setMaxListeners', 'setContentType',
  ];
  const stream = Object.fromEntries(methods.map((m) => [m, inner[m].bind(inner)]));
  for (const prop of ['destroyed', 'writable', '_onBeforeFirstWrite']) {
    Object.defineProperty(stream, prop, {
      get: () => inner[prop],
      set: (v) => {
        inner[prop] = v;
      },
    });
  }
  for (const prop of [
    'writableFinished', 'writableObjectMode', 'writableBuffer', 'writableEnded',
    'writableNeedDrain', 'writableHighWaterMark', 'writableCorked', 'writableLength',
  ]) {
    Object.defineProperty(stream, prop, { get: () => inner[prop] });
  }
  return stream;
}

class HttpResponseStream {
  static from(stream, prelude) {
    stream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
    const text = JSON.stringify(prelude);
    stream._onBeforeFirstWrite = (write) => {
      write(text);
      write(new Uint8Array(PRELUDE_DELIMITER_BYTES));
    };
    return stream;
  }
}

function installGlobal() {
  const off = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (off === '1' || off === 'true') return;
  globalThis.awslambda = {
    ...(modern ? globalThis.awslambda : {}),
    streamifyResponse: (handler, options) => {
      handler[STREAMING] = STREAM_RESPONSE;
      if (typeof options?.highWaterMark === 'number') {
        handler[HIGH_WATER_MARK] = parseInt(options.highWaterMark, 10);
      }
      return handler;
    },
    HttpResponseStream,
  };
}

// --- Loading the handler (spec §7) -------------------------------------------------------------

function typeModuleNearby(folder) {
  // The nearest package.json decides; a node_modules folder or the root ends the search.
  if (folder.endsWith('/node_modules')) return false;
  const manifest = path.join(folder, 'package.json');
  if (fs.existsSync(manifest)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(manifest));
      if (pkg) return pkg.type === 'module';
    } catch (e) {
      console.warn(
        `${manifest} cannot be read, it will be ignored for ES module detection purposes.`,
        e,
      );
      return false;
    }
  }
  if (folder === '/') return false;
  return typeModuleNearby(path.resolve(folder, '..'));
}

const requireIfExists = (file) => (fs.existsSync(file) ? require(file) : undefined);
const importIfExists = async (file) => (fs.existsSync(file) ? await import(file) : undefined);

async function loadLegacy(base, appRoot, moduleRoot, moduleName) {
  const extensionless = requireIfExists(base);
  if (extensionless) return extensionless;
  const esm = fs.existsSync(base + '.js') && typeModuleNearby(path.dirname(base + '.js'));
  if (!esm) {
    const cjs = requireIfExists(base + '.js');
    if (cjs) return cjs;
  }
  const loaded =
    (esm && (await importIfExists(base + '.js'))) ||
    (await importIfExists(base + '.mjs')) ||
    requireIfExists(base + '.cjs');
  if (loaded) return loaded;
  return require(require.resolve(moduleName, { paths: [appRoot, moduleRoot] }));
}

async function loadModern(base, appRoot, moduleRoot, moduleName) {
  for (const extension of ['', '.js', '.mjs', '.cjs']) {
    const loaded = await importIfExists(base + extension);
    if (loaded) return loaded;
  }
  return require(require.resolve(moduleName, { paths: [appRoot, path.join(appRoot, moduleRoot)] }));
}

function findIn(object, dotted) {
  return dotted.split('.').reduce((nested, key) => {
    if (modern) return nested && typeof nested === 'object' ? nested[key] : undefined;
    return nested && nested[key];
  }, object);
}

async function loadHandler(appRoot, handlerString) {
  if (handlerString.includes('..')) {
    throw new MalformedHandlerName(MESSAGES.relativeHandler(handlerString));
  }
  const baseName = path.basename(handlerString);
  let moduleRoot = handlerString.substring(0, handlerString.indexOf(baseName));
  if (modern) moduleRoot = moduleRoot.replace(/\/$/, '');
  const match = /^([^.]*)\.(.*)$/.exec(baseName);
  if (!match) throw new MalformedHandlerName(MESSAGES.badHandler);
  const [, moduleName, handlerPath] = match;
  installGlobal();
  let module;
  try {
    const base = path.resolve(appRoot, moduleRoot, moduleName);
    module = await (modern ? loadModern : loadLegacy)(base, appRoot, moduleRoot, moduleName);
  } catch (e) {
    if (e instanceof SyntaxError) {
      const wrapped = new UserCodeSyntaxError(e);
      if (modern) wrapped.stack = e.stack;
      throw wrapped;
    }
    if (e && e.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(e);
    throw e;
  }
  let handler = findIn(module, handlerPath);
  if (!handler && modern && module && typeof module === 'object' && 'default' in module) {
    handler = findIn(module.default, handlerPath);
  }
  if (!handler) throw new HandlerNotFound(MESSAGES.notExported(handlerString));
  if (typeof handler !== 'function') throw new HandlerNotFound(MESSAGES.notFunction(handlerString));
  return handler;
}

function handlerMetadata(handler) {
  let streaming = false;
  const mark = handler[STREAMING];
  if (mark !== undefined && mark !== null && mark !== false) {
    if (mark !== STREAM_RESPONSE) {
      throw new MalformedStreamingHandler(MESSAGES.onlyResponseStreaming);
    }
    streaming = true;
  }
  const hwm = parseInt(handler[HIGH_WATER_MARK], 10);
  return {
    streaming,
    highWaterMark: isNaN(hwm) ? undefined : hwm,
    isAsync: handler?.constructor?.name === 'AsyncFunction',
    argsNum: handler.length,
  };
}

// --- The context object ------------------------------------------------------------------------

function parseJsonHeader(text, name) {
  if (text === undefined || (modern && !text)) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${err.toString()}`);
  }
}

function invocationData(headers) {
  const deadline = parseInt(headers['lambda-runtime-deadline-ms'], 10);
  const data = {
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseJsonHeader(headers['lambda-runtime-client-context'], 'ClientContext'),
    identity: parseJsonHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    tenantId: headers['lambda-runtime-aws-tenant-id'],
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  if (modern) data.xRayTraceId = headers['lambda-runtime-trace-id'];
  return data;
}

function startInvocation(headers) {
  globalThis[REQUEST_ID] = headers['lambda-runtime-aws-request-id'];
  globalThis[TENANT_ID] = headers['lambda-runtime-aws-tenant-id'];
  const trace = headers['lambda-runtime-trace-id'];
  if (trace) process.env._X_AMZN_TRACE_ID = trace;
  else delete process.env._X_AMZN_TRACE_ID;
}

const setBeforeExit = (listener) => {
  globalThis[BEFORE_EXIT] = listener;
};
const resetBeforeExit = () => setBeforeExit(() => {});
const isPromise = (v) => Boolean(v) && typeof v.then === 'function';
const nextTick = () => new Promise((resolve) => setImmediate(resolve));

// --- nodejs18.x .. nodejs22.x ------------------------------------------------------------------

class LegacyRuntime {
  constructor(client, handler, metadata, onFatal) {
    this.client = client;
    this.handler = handler;
    this.metadata = metadata;
    this.onFatal = onFatal;
  }

  scheduleIteration() {
    setImmediate(() => {
      const once = this.metadata.streaming ? this.handleStreaming() : this.handleBuffered();
      once.catch((err) => {
        console.log(`Unexpected Top Level Error: ${err.toString()}`);
        this.onFatal.uncaughtException(err);
      });
    });
  }

  // callback, context.done/succeed/fail: the first call wins; with callbackWaitsForEmptyEventLoop
  // a callback's result is posted only once the event loop is empty.
  callbackContext(id) {
    const scheduleNext = () => this.scheduleIteration();
    const fatal = (err) => this.onFatal.uncaughtException(err);
    const postError = (err) => {
      logError('Invoke Error', err);
      this.client.postError(id, err).then(scheduleNext, fatal);
    };
    let completed = false;
    const complete = (result) => {
      if (completed) {
        console.error(MESSAGES.completeTwice);
        return;
      }
      completed = true;
      this.client.postResponse(id, result).then(scheduleNext, fatal);
    };
    let waitForEmptyEventLoop = true;
    const callback = (err, result) => {
      resetBeforeExit();
      if (err !== undefined && err !== null) postError(err);
      else if (!waitForEmptyEventLoop) complete(result);
      else setBeforeExit(() => setImmediate(() => complete(result)));
    };
    const done = (err, result) => {
      resetBeforeExit();
      if (err !== undefined && err !== null) postError(err);
      else complete(result);
    };
    let finished = false;
    const firstOnly = (fn) =>
      function (...args) {
        if (!finished) {
          fn(...args);
          finished = true;
        }
      };
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waitForEmptyEventLoop = value;
      },
      succeed: firstOnly((result) => done(null, result)),
      fail: firstOnly((err) => (err === undefined || err === null ? done('handled') : done(err, null))),
      done: firstOnly(done),
    };
    const markCompleted = () => {
      completed = true;
    };
    return [firstOnly(callback), context, markCompleted];
  }

  watchFatal(id) {
    this.onFatal.uncaughtException = (error) =>
      this.client.postError(id, error).finally(() => process.exit(EXIT_UNCAUGHT_EXCEPTION));
    this.onFatal.unhandledRejection = (error) =>
      this.client.postError(id, error).finally(() => process.exit(EXIT_UNHANDLED_REJECTION));
  }

  async handleBuffered() {
    const { bodyJson, headers } = await this.client.next();
    startInvocation(headers);
    const id = headers['lambda-runtime-aws-request-id'];
    const [callback, context, markCompleted] = this.callbackContext(id);
    try {
      this.watchFatal(id);
      setBeforeExit(() => {
        markCompleted();
        const next = () => this.scheduleIteration();
        if (this.metadata.isAsync) {
          const error = new NodeJsExit();
          logError('Invoke Error', error);
          this.client.postError(id, error).then(next);
        } else {
          this.client.postResponse(id, null).then(next);
        }
      });
      const result = this.handler(
        JSON.parse(bodyJson),
        Object.assign(context, invocationData(headers)),
        callback,
      );
      if (isPromise(result)) result.then(context.succeed, context.fail).catch(context.fail);
    } catch (err) {
      callback(err);
    }
  }

  async handleStreaming() {
    const { bodyJson, headers } = await this.client.next();
    startInvocation(headers);
    const id = headers['lambda-runtime-aws-request-id'];
    let waitForEmptyEventLoop = true;
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waitForEmptyEventLoop = value;
      },
    };
    const { stream, done, fail } = this.client.openResponseStream(id, this.metadata.highWaterMark);
    const scheduleNext = () => {
      resetBeforeExit();
      if (!waitForEmptyEventLoop) this.scheduleIteration();
      else setBeforeExit(() => setImmediate(() => this.scheduleIteration()));
    };
    const failStream = (err) => {
      logError('Invoke Error', err);
      fail(err, scheduleNext);
    };
    try {
      this.watchFatal(id);
      setBeforeExit(() => this.scheduleIteration());
      const ctx = Object.assign(context, invocationData(headers));
      const result = this.handler(JSON.parse(bodyJson), stream, ctx);
      if (!isPromise(result)) {
        failStream(MESSAGES.streamNotAsync);
        return;
      }
      if ((await result) !== undefined) console.warn(MESSAGES.streamReturnIgnored);
      await done;
      if (!stream.writableFinished) {
        failStream(MESSAGES.streamNotFinished);
        return;
      }
      scheduleNext();
    } catch (err) {
      failStream(err);
    }
  }
}

// --- nodejs24.x and later ----------------------------------------------------------------------

async function runModern(client, handler, metadata, onFatal) {
  let current;
  process.on('beforeExit', () => {
    // A handler promise that never settles leaves nothing to run: report it, as Lambda does.
    if (!current) return;
    const id = current;
    current = undefined;
    const error = new NodeJsExit();
    logError('Invoke Error', error);
    client.postError(id, error).then(loop);
  });
  const fail = async (id, err) => {
    await nextTick();
    logError('Invoke Error', err);
    await client.postError(id, err);
  };
  async function once() {
    const { bodyJson, headers } = await client.next();
    startInvocation(headers);
    const context = invocationData(headers);
    const id = context.awsRequestId;
    onFatal.uncaughtException = (error) =>
      client.postError(id, error).finally(() => process.exit(EXIT_UNCAUGHT_EXCEPTION));
    onFatal.unhandledRejection = (error) =>
      client.postError(id, error).finally(() => process.exit(EXIT_UNHANDLED_REJECTION));
    const event = JSON.parse(bodyJson);
    current = id;
    if (!metadata.streaming) {
      try {
        const result = await handler(event, context);
        await nextTick();
        current = undefined;
        await client.postResponse(id, result);
      } catch (err) {
        current = undefined;
        await fail(id, err);
      }
      return;
    }
    const { stream, done, fail: failStream } = client.openResponseStream(id, metadata.highWaterMark);
    try {
      const result = handler(event, stream, context);
      if (!isPromise(result)) throw new Error(MESSAGES.streamNotAsync);
      if ((await result) !== undefined) console.warn(MESSAGES.streamReturnIgnored);
      await done;
      if (!stream.writableFinished) throw new Error(MESSAGES.streamNotFinished);
      current = undefined;
    } catch (err) {
      current = undefined;
      await nextTick();
      logError('Invoke Error', err);
      await new Promise((resolve) => failStream(err, resolve));
      await done.catch(() => {});
    }
  }
  async function loop() {
    for (;;) await once();
  }
  await loop();
}

// --- Start -------------------------------------------------------------------------------------

// A runtime `sls invoke` started before it read the template (from the launch it recorded last
// time) finds the read end of a pipe at this descriptor, and must not load the function's code
// before sls has checked that launch: one byte "1" means go on, the pipe closing means exit.
const GATE_FD = 1000;

function waitAtGate() {
  let stat;
  try {
    stat = fs.fstatSync(GATE_FD);
  } catch {
    return; // started the usual way
  }
  if (!stat.isFIFO()) return;
  const go = Buffer.alloc(1);
  let n = 0;
  try {
    n = fs.readSync(GATE_FD, go, 0, 1, null);
  } catch {
    n = 0;
  }
  fs.closeSync(GATE_FD);
  if (n !== 1 || go[0] !== 0x31) process.exit(0);
}

async function main() {
  waitAtGate();
  patchConsole();
  const client = new RuntimeClient(process.env.AWS_LAMBDA_RUNTIME_API);
  const onFatal = {
    uncaughtException: (error) =>
      client.postInitError(error).finally(() => process.exit(EXIT_UNCAUGHT_EXCEPTION)),
    unhandledRejection: (error) =>
      client.postInitError(error).finally(() => process.exit(EXIT_UNHANDLED_REJECTION)),
  };
  process.on('uncaughtException', (error) => {
    logError('Uncaught Exception', error);
    onFatal.uncaughtException(error);
  });
  process.on('unhandledRejection', (reason, promise) => {
    const error = new UnhandledPromiseRejection(reason, promise);
    logError('Unhandled Promise Rejection', error);
    onFatal.unhandledRejection(error);
  });
  resetBeforeExit();
  process.on('beforeExit', () => globalThis[BEFORE_EXIT]());

  const appRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const handlerString = process.argv[2] || process.env._HANDLER || '';
  let handler;
  let metadata;
  if (modern) {
    try {
      handler = await loadHandler(appRoot, handlerString);
      metadata = handlerMetadata(handler);
      if (metadata.argsNum >= 3 && !metadata.streaming) {
        throw new CallbackHandlerDeprecated(MESSAGES.callbackRemoved);
      }
    } catch (error) {
      logError('Init Error', error);
      await client.postInitError(error).catch(() => {});
      process.exit(EXIT_UNCAUGHT_EXCEPTION);
    }
    await runModern(client, handler, metadata, onFatal);
    return;
  }
  handler = await loadHandler(appRoot, handlerString);
  metadata = handlerMetadata(handler);
  const warn = process.env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING === undefined;
  if (warn && metadata.argsNum === 3 && !metadata.isAsync && !metadata.streaming) {
    console.warn(MESSAGES.callbackWarning);
  }
  new LegacyRuntime(client, handler, metadata, onFatal).scheduleIteration();
}

// Load failures reach the uncaughtException listener, as in the managed runtime.
main().catch((error) => process.emit('uncaughtException', error));
