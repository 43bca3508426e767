/**
 * The e2e servers, shared by playwright.config.ts (which starts them) and the specs' helpers (which
 * read each one's first-start credentials): the main one, with the workflow alert raiser off
 * because its specs assert exact logs, and the workflow one, with the raiser on, for
 * e2e/workflow.spec.ts. Each has its own fresh data directory per run.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? `.e2e-data-${E2E_PORT}`;
export const WORKFLOW_PORT = E2E_PORT + 1;
export const WORKFLOW_DATA_DIR = `${E2E_DATA_DIR}-workflow`;

/** The data directory of the server a project's baseURL points at. */
export function dataDirFor(baseURL: string | undefined): string {
  return baseURL && new URL(baseURL).port === String(WORKFLOW_PORT) ? WORKFLOW_DATA_DIR : E2E_DATA_DIR;
}
