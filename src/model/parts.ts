import type { Span } from '../types.js';
import { modelNode, type ModelNode } from './node.js';

/** A node from the start of `first` to the end of `last` (both of the same file). */
export function covering(first: ModelNode, last: ModelNode = first): ModelNode {
  return modelNode({ span: coveringSpan(first.span, last.span) }, first.sourceFile);
}

function coveringSpan(first: Span, last: Span): Span {
  return { line: first.line, column: first.column, endLine: last.endLine, endColumn: last.endColumn };
}
