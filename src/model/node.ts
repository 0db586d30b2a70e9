import type { SourceFile, Span } from '../types.js';

/**
 * Marks values built by a model (parsers, model helpers). Findings may only point at these, so a
 * rule cannot invent a span by hand: it points at a node, or at a part of one that a model helper
 * derived ("this word", "from this token to the end of the line").
 */
export const MODEL_NODE: unique symbol = Symbol('k8slint.modelNode');

/** Something in a parsed file that a finding can point at. */
export interface ModelNode {
  readonly [MODEL_NODE]: true;
  readonly span: Span;
  readonly sourceFile: SourceFile;
}

/** Makes a located part of a file a model node; for model code only (parsers and model helpers). */
export function modelNode<T extends { span: Span }>(value: T, sourceFile: SourceFile): T & ModelNode {
  return Object.assign(value, { [MODEL_NODE]: true as const, sourceFile });
}
