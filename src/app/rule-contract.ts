// The rule contract and the model rules see, as the library publishes them for plugin authors
// (docs/plugins.md): built-in and plugin rules are written against the same types.
export {
  defineRule,
  INSTRUCTIONS,
  type Category,
  type FixProposal,
  type FixSafety,
  type Handlers,
  type InstructionHandlers,
  type InstructionKeyword,
  type ReportOptions,
  type Rule,
  type RuleContext,
  type RuleExample,
  type RuleMeta,
  type RuleOrigin,
  type Target,
  type TextEdit,
} from '../engine/rule.js';
export type { Container, ContainerType, K8sObject, KNode, Mapping, Workload } from '../model/k8s.js';
export type {
  CopyOperand,
  CopyOperands,
  DockerArgument,
  DockerExecString,
  DockerFlag,
  DockerFlagOption,
  DockerInstruction,
  DockerProperty,
  DockerText,
  DockerVariableRef,
  DockerfileModel,
  HeredocBody,
  ImageReference,
  Stage,
} from '../model/dockerfile.js';
export type { ComposeModel, ComposeService } from '../model/compose.js';
export type { KubernetesModel } from '../model/k8s-build.js';
export type { ModelNode } from '../model/node.js';
