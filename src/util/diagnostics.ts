/** A finding about a model: what `check` reports, and what inference and the loader collect. */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  /** Stable code, documented in docs/diagnostics.md. */
  code: string;
  message: string;
  node?: string;
  opType?: string;
  value?: string;
  /** Name of the (sub)graph, when not the main graph. */
  graph?: string;
}
