// A lint worker thread: claims files from the shared queue, parses them and runs the rules that
// judge one file alone; the main thread runs the run-wide rules and suppressions on the merged results.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { lintFileRaw, parseFile, type ParsedFile, type PreparedLint } from '../../engine/lint.js';
import { SchemaProvider } from '../../schema/provider.js';
import { registry } from '../registry.js';
import { claimChunk, SLOT, toWire, type ReadyMessage, type ResultMessage, type WorkerInit } from './protocol.js';

const init = workerData as WorkerInit;
const control = new Int32Array(init.control);
const port = init.port as unknown as MessagePort;
const rules = init.ruleIds.map((id) => registry.byId(id));

/** Files claimed before the run's schemas were ready: parsed, waiting to be linted. */
const waiting: Array<{ index: number; parsed: ParsedFile }> = [];
let options: PreparedLint | undefined;

function post(message: ResultMessage): void {
  port.postMessage(message);
  Atomics.add(control, SLOT.posted, 1);
  Atomics.notify(control, SLOT.posted);
}

function parse(index: number): ParsedFile | undefined {
  const result = parseFile(init.files[index]!, init.limits); // index < files.length: checked by the claim
  return 'message' in result ? undefined : result;
}

function lintOne(index: number, parsed: ParsedFile, prepared: PreparedLint): void {
  try {
    const times = init.timing ? new Map<string, number>() : undefined;
    const raw = lintFileRaw(parsed, times ? { ...prepared, ruleTimes: times } : prepared);
    post({ index, findings: toWire(raw, parsed), ...(times && { times: [...times] }) });
  } catch (error) {
    post({ index, failed: String((error as Error)?.message ?? error) });
  }
}

/** The provider of the run, once the main thread has posted what it was built from. */
function ready(): PreparedLint | undefined {
  if (options) return options;
  if (Atomics.load(control, SLOT.ready) === 0) return undefined;
  let received = receiveMessageOnPort(port);
  while (!received) {
    Atomics.wait(control, SLOT.stop, 0, 5);
    received = receiveMessageOnPort(port);
  }
  const message = received.message as ReadyMessage;
  const schemas = new SchemaProvider({
    kubernetesVersion: init.kubernetesVersion,
    located: message.located,
    kustomizeInputs: message.kustomizeInputs,
  });
  for (const { crd, source } of message.crds) schemas.addCustomResourceDefinition(crd, source);
  options = {
    registry,
    rules,
    ruleOptions: init.ruleOptions,
    severities: new Map(),
    kubernetesVersion: init.kubernetesVersion,
    ...(init.defaultNamespace !== undefined && { defaultNamespace: init.defaultNamespace }),
    schemas,
  };
  return options;
}

for (let claim = claimChunk(control, init.files.length, init.chunk); claim; claim = claimChunk(control, init.files.length, init.chunk)) {
  if (Atomics.load(control, SLOT.stop) !== 0) break;
  for (let index = claim[0]; index < claim[1]; index++) {
    let parsed: ParsedFile | undefined;
    try {
      parsed = parse(index);
    } catch {
      parsed = undefined;
    }
    // The main thread reports the file's input error (or, if its own parse went through, lints it).
    if (!parsed) {
      post({ index, failed: 'not parsed' });
      continue;
    }
    const prepared = ready();
    if (!prepared) {
      waiting.push({ index, parsed });
      continue;
    }
    for (const w of waiting.splice(0)) lintOne(w.index, w.parsed, prepared);
    lintOne(index, parsed, prepared);
  }
}
// Claimed before the schemas were ready and the queue ran dry meanwhile: wait for them, then lint.
if (waiting.length > 0) {
  let prepared = ready();
  while (!prepared && Atomics.load(control, SLOT.stop) === 0) {
    Atomics.wait(control, SLOT.ready, 0, 50);
    prepared = ready();
  }
  if (prepared) for (const w of waiting.splice(0)) lintOne(w.index, w.parsed, prepared);
}
port.close();
