import { defineRule, type Category, type Handlers, type Rule, type RuleExample, type RuleContext } from '../../engine/rule.js';
import type { DockerfileModel, DockerInstruction, Stage } from '../../model/dockerfile.js';
import type { ComposeModel } from '../../model/compose.js';
import { isMapping, type Container, type K8sObject, type Mapping, type Workload } from '../../model/k8s.js';
import { kustomizedIdentities, kustomizedImages } from '../../model/kustomize.js';
import type { ModelNode } from '../../model/node.js';
import { packageVersion } from '../../util/package-version.js';
import { workloadsByObject } from '../../../rules/_lib/ml-workloads.js';
import type { CustomRuleDefinition, DockerfileMatch, KubernetesMatch, ComposeMatch } from './schema.js';
import { runOnNode, runValidation, type CompiledValidation, type Reporter } from './evaluate.js';
import { matchesObject, matchesService, namespaceOf } from './match.js';
import { imageValue } from './image.js';

/** Rules made by `buildCustomRule`, so the application can tell them from built-in and plugin rules. */
const customRules = new WeakSet<Rule>();

export function isCustomRule(rule: Rule): boolean {
  return customRules.has(rule);
}

/**
 * A custom rule as a real rule. Its handlers are the run-wide ones (`k8s:all`, `dockerfile:all`,
 * `compose:all`): they run on the main thread after the per-file rules (worker threads know only
 * the built-in rules), and `k8s:all` sees the run's Namespace objects for `namespaceObject`.
 */
export function buildCustomRule(definition: CustomRuleDefinition, validations: CompiledValidation[]): Rule {
  const params = definition.params ?? {};
  const reporterFor = (ctx: RuleContext): Reporter => ({ ruleId: definition.id, title: definition.title, ctx });
  const { kubernetes, dockerfile, compose } = definition.match;
  const handlers: Handlers = {};
  if (kubernetes)
    handlers['k8s:all'] = (objects, ctx, workloads) => checkObjects(kubernetes, validations, params, objects, workloads, reporterFor(ctx));
  else if (dockerfile)
    handlers['dockerfile:all'] = (models, ctx) => checkDockerfiles(dockerfile, validations, params, models, reporterFor(ctx));
  else if (compose) handlers['compose:all'] = (models, ctx) => checkCompose(compose, validations, params, models, reporterFor(ctx));
  const rule = defineRule({
    meta: {
      id: definition.id,
      title: definition.title,
      severity: definition.severity,
      category: definition.category as Category,
      status: 'stable',
      since: definition.since ?? packageVersion(import.meta.url),
      aliases: definition.aliases ?? [],
      rationale: definition.rationale,
      remediation: definition.remediation,
      examples: (definition.examples ?? []).map((e): RuleExample => ({
        lang: e.lang,
        bad: e.bad,
        good: e.good,
        ...(e.file !== undefined && { file: e.file }),
      })),
      references: definition.references ?? [],
    },
    handlers,
  });
  customRules.add(rule);
  return rule;
}

function checkObjects(
  match: KubernetesMatch,
  validations: readonly CompiledValidation[],
  params: Record<string, unknown>,
  objects: readonly K8sObject[],
  workloads: readonly Workload[],
  reporter: Reporter,
): void {
  const namespaces = new Map<string, unknown>();
  for (const object of objects)
    if (object.kind === 'Namespace' && object.apiVersion === 'v1' && object.name !== undefined && !object.partial)
      namespaces.set(object.name, object.node.value);
  const byObject = workloadsByObject(workloads);
  const defaultNamespace = reporter.ctx.defaultNamespace;
  for (const object of objects) {
    // A kustomize patch holds only the fields it changes: judging it as a whole object would report what it leaves out.
    if (object.partial) continue;
    const containers = (byObject.get(object) ?? []).flatMap((w) => w.containers);
    const containerValues = containers.map((c) => c.node.value);
    const objectAnchor = object.node.get('metadata')?.get('name')?.valueOnly() ?? object.node.get('kind')?.valueOnly() ?? object.node;
    // A validation reports once per place, however many kustomize builds fail there (an image that two overlays tag differently).
    const reporters = validations.map(() => deduplicated(reporter));
    for (const view of objectViews(object)) {
      if (!matchesObject(match, view.object, defaultNamespace)) continue;
      const namespace = namespaceOf(view.object, defaultNamespace);
      const activation = {
        object: view.value,
        containers: containerValues,
        namespaceObject: (namespace !== undefined && namespaces.get(namespace)) || null,
        params,
      };
      for (const validation of validations) {
        if (!validation.forEachContainer) {
          runOnNode(validation, object.node, view.value, activation, objectAnchor, object.id, reporters[validation.index]!);
          continue;
        }
        for (const container of containers) {
          const anchor = container.node.get('name')?.valueOnly() ?? container.node;
          const subject = `${object.id} container ${container.name}`;
          for (const image of judgedImages(container)) {
            const perContainer = { ...activation, container: container.node.value, image: image === undefined ? null : imageValue(image) };
            runOnNode(validation, container.node, container.node.value, perContainer, anchor, subject, reporters[validation.index]!);
          }
        }
      }
    }
  }
}

/**
 * The object as each kustomize build that includes its file makes it (name, namespace and labels
 * of the build, so `object.metadata.labels` holds the labels an overlay adds), or as written when
 * no kustomization of the run includes it. Builds that agree give one view.
 */
function objectViews(object: K8sObject): Array<{ object: K8sObject; value: Mapping }> {
  const identities = kustomizedIdentities(object);
  if (identities.length === 0) return [{ object, value: object.node.value }];
  const views = new Map<string, { object: K8sObject; value: Mapping }>();
  for (const identity of identities) {
    const key = JSON.stringify([identity.name, identity.namespace, identity.labels]);
    if (views.has(key)) continue;
    const written = isMapping(object.node.value.metadata) ? object.node.value.metadata : {};
    const metadata: Mapping = { ...written, labels: identity.labels };
    if (identity.name !== undefined) metadata.name = identity.name;
    if (identity.namespace !== undefined) metadata.namespace = identity.namespace;
    const viewed: K8sObject = { ...object, labels: identity.labels };
    if (identity.name !== undefined) viewed.name = identity.name;
    if (identity.namespace !== undefined) viewed.namespace = identity.namespace;
    views.set(key, { object: viewed, value: { ...object.node.value, metadata } });
  }
  return [...views.values()];
}

/** The images a container runs: what each kustomize build makes of the written one; undefined when it names none. */
function judgedImages(container: Container): Array<string | undefined> {
  const images = kustomizedImages(container).map((k) => k.image);
  return images.length > 0 ? images : [undefined];
}

/** The reporter with findings at a place already reported (with the same severity) left out. */
function deduplicated(reporter: Reporter): Reporter {
  const seen = new Set<string>();
  const ctx: RuleContext = {
    ...reporter.ctx,
    report: (finding) => {
      const { line, column } = finding.at.span;
      const key = `${line}:${column}:${finding.severity ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      reporter.ctx.report(finding);
    },
  };
  return { ...reporter, ctx };
}

function checkDockerfiles(
  match: DockerfileMatch,
  validations: readonly CompiledValidation[],
  params: Record<string, unknown>,
  models: readonly DockerfileModel[],
  reporter: Reporter,
): void {
  const keywords = new Set(match.instructions.map((k) => k.toUpperCase()));
  for (const model of models) {
    for (const instruction of model.instructions) {
      // ONBUILD triggers run in a later build, not this one.
      if (instruction.onbuild || !keywords.has(instruction.keyword)) continue;
      const stage = instruction.stage;
      if (match.stages === 'final' && !stage?.isFinal) continue;
      const activation = {
        instruction: instructionValue(instruction),
        stage: stage ? stageValue(stage) : null,
        image:
          instruction.keyword === 'FROM' && stage && !stage.parent
            ? { ...imageValue(stage.image.resolved), resolved: stage.image.fullyResolved }
            : null,
        params,
      };
      const subject = `${model.source.displayPath}:${instruction.span.line}`;
      for (const validation of validations) {
        runValidation(validation, activation, dockerfileTarget(validation.dockerfileTarget, instruction, model), subject, reporter);
      }
    }
  }
}

function instructionValue(instruction: DockerInstruction): Record<string, unknown> {
  return {
    keyword: instruction.keyword,
    arguments: instruction.args.map((a) => a.value),
    flags: Object.fromEntries(instruction.flags.map((f) => [f.name, f.value ?? null])),
    text: instruction.argsText,
    execForm: instruction.execForm.map((s) => s.value),
  };
}

function stageValue(stage: Stage): Record<string, unknown> {
  return {
    index: stage.index,
    name: stage.name ?? null,
    image: stage.image.resolved,
    fromStage: stage.parent?.name ?? null,
    platform: stage.platform?.value ?? null,
    isFinal: stage.isFinal,
  };
}

/** Where a Dockerfile validation points: the named part of the instruction, else the instruction. */
function dockerfileTarget(target: string | undefined, instruction: DockerInstruction, model: DockerfileModel): ModelNode {
  if (target === 'image' && instruction.keyword === 'FROM' && instruction.stage) return instruction.stage.image;
  if (target === 'arguments') return model.parts.arguments(instruction);
  if (target === 'keyword') return instruction.keywordNode;
  if (target?.startsWith('flags.')) {
    const flag = instruction.flags.find((f) => f.name === target.slice('flags.'.length));
    if (flag) return flag.valueNode ?? flag;
  }
  return instruction;
}

function checkCompose(
  match: ComposeMatch,
  validations: readonly CompiledValidation[],
  params: Record<string, unknown>,
  models: readonly ComposeModel[],
  reporter: Reporter,
): void {
  for (const model of models) {
    // An override file holds only what it changes.
    if (model.partial) continue;
    for (const service of model.services) {
      if (!matchesService(match, service.name)) continue;
      const activation = {
        service: service.node.value,
        name: service.name,
        image: service.image ? imageValue(service.image.text) : null,
        params,
      };
      for (const validation of validations)
        runOnNode(
          validation,
          service.node,
          service.node.value,
          activation,
          service.node.key(),
          `${model.file.source.displayPath} service ${service.name}`,
          reporter,
        );
    }
  }
}
