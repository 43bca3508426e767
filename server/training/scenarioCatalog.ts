/**
 * The scenarios a trainer can start: every *.json in the scenarios directory that parses as a
 * scenario (lib/scenario/scenarioFile.ts) under this deployment's validation policy. Loaded on
 * first use and kept: a scenario is ~20,000 events and takes a second or two to validate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ValidationPolicy } from '../../lib/contract/events.ts';
import { parseScenario, summarize, type Scenario, type ScenarioSummary } from '../../lib/scenario/scenarioFile.ts';

/** Files in the scenarios directory that are not scenarios. */
const NOT_SCENARIOS = new Set(['expected-facts.json']);

export class ScenarioCatalog {
  private loaded: Map<string, Scenario> | null = null;

  constructor(
    private readonly dir: string,
    private readonly policy: ValidationPolicy,
    private readonly log: Logger,
  ) {}

  list(): ScenarioSummary[] {
    return [...this.scenarios().values()].map(summarize);
  }

  get(id: string): Scenario | undefined {
    return this.scenarios().get(id);
  }

  private scenarios(): Map<string, Scenario> {
    if (this.loaded) return this.loaded;
    const found = new Map<string, Scenario>();
    let files: string[] = [];
    try {
      files = readdirSync(this.dir)
        .filter((f) => f.endsWith('.json') && !NOT_SCENARIOS.has(f))
        .sort();
    } catch (error) {
      this.log.warn({ err: error, dir: this.dir }, 'no scenarios directory: training has no scenarios');
    }
    for (const file of files) {
      const where = path.join(this.dir, file);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(where, 'utf8'));
      } catch (error) {
        this.log.error({ err: error, file: where }, 'scenario file is not JSON; skipped');
        continue;
      }
      const parsed = parseScenario(raw, this.policy);
      if (!parsed.ok) {
        this.log.error({ file: where, problems: parsed.problems.slice(0, 10) }, 'scenario file is invalid; skipped');
        continue;
      }
      found.set(parsed.value.id, parsed.value);
    }
    this.loaded = found;
    return found;
  }
}
