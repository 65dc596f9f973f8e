/**
 * The orphan pressure a hover shows at an offset of the note: the sockstat sample nearest to it
 * (snapshot/pressure.ts nearestSockstat) against the tunables in effect at that sample — the rule the report's
 * limits follow (inEffect.ts: the latest value at or before the sample on the note's time axis, or in its own
 * block; else the first one read after it; never a value set after it), placed by timeline.ts settingsAt. So a
 * hover beside a later `sysctl -w` (the fix) still shows the limit the sample met, as the report does.
 *
 * The note's time axis costs a reading of every block's time: as for the other hover summaries, only notes up to
 * MAX_SUMMARY_CHARS get it (a hover must never block the editor); a larger note's values are placed in note order,
 * the same rule without times (they differ only where timed blocks were pasted out of order).
 * Pure: no `vscode`, no Node built-ins.
 */
import type { NoteModel } from '../note/model';
import { evidencePressure, nearestSockstat, PRESSURE_TUNABLES, sockstatSampleLine, type EvidencePressure } from '../snapshot/pressure';
import { MAX_SUMMARY_CHARS } from './summaries';
import { placeOf, settingsAt } from './timeline';

/** Verdicts per model, by the start of their sockstat block (at most one per block). */
const VERDICTS = new WeakMap<NoteModel, Map<number, EvidencePressure>>();

export function pressureAt(model: NoteModel, at?: number): EvidencePressure | undefined {
  const home = nearestSockstat(model.evidence, at);
  if (!home) return undefined;
  let byHome = VERDICTS.get(model);
  if (!byHome) VERDICTS.set(model, (byHome = new Map()));
  let found = byHome.get(home.start);
  if (!found) {
    const inTime = model.text.length <= MAX_SUMMARY_CHARS;
    const settings = settingsAt(model, placeOf(model, home, sockstatSampleLine(home), inTime), inTime);
    const sysctls: Record<string, string> = {};
    for (const key of PRESSURE_TUNABLES) {
      const v = settings[key]?.value;
      if (v !== undefined) sysctls[key] = v;
    }
    byHome.set(home.start, (found = evidencePressure(home, sysctls)));
  }
  return found;
}
