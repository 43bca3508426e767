/**
 * Zod compiles object parsers with `new Function` when it may, and probes for that by trying it.
 * Under the page CSP (no 'unsafe-eval') the probe is blocked and reported as a violation, so the
 * browser uses zod's interpreter from the start. Imported first by the screens that validate in the
 * browser (ReportScreen, TrainingConsole); the wall carries no zod at all.
 */
import { z } from 'zod';

z.config({ jitless: true });
