/**
 * Pods and containers that share the node's network namespace, as the note itself says: a pod with `hostNetwork:
 * true`, a container run with `docker run --net=host` (`--network host`). What `kubectl exec POD` or `docker exec
 * NAME` reads in one of them is the host's namespace's (report/netns.ts), not one of its own.
 *
 * The rule: a line saying `hostNetwork: true` (YAML, JSON, a flag), with no negation on it (knowledge/claimScope.ts), names a pod when it names
 * exactly one of the pods the note runs `kubectl exec` in — itself, or by the `name:` keys (not list items) of its
 * stretch: the lines around it up to a blank line or a code fence (a manifest, `kubectl get pod -o yaml` output); a
 * line with `--net=host` likewise names one of the containers of `docker exec`, on the line itself (`docker run
 * --net=host --name web`). Anything else (naming none or two, a controller's pods by their generated names, compose's
 * `network_mode`) says nothing: the pod keeps its own namespace, as before. Pure: no `vscode`, no Node built-ins.
 */
import type { NoteModel } from '../note/model';
import { sshParts } from '../evidence/commandScope';
import { negatedWithin } from '../knowledge/claimScope';

/** `hostNetwork: true` (YAML, JSON, a flag), or docker's host network. */
const SAYS = /\bhostNetwork["'`]? ?[:=] ?["'`]?true\b|--net(?:work)?[= ]host\b/g;
const BOUNDARY = /^\s*(?:$|```|~~~)/;
const WORD = /[\w-]/;
const NAME_KEY = /^\s*["']?name["']? ?:/;
/** Statements read at most, and lines of a stretch each way (the work stays bounded on any note). */
const MAX = 64;

/** A place as netns.ts reads a scope's target: without the `ssh HOST` it ran through. */
export const placeText = (target: string | undefined): string | undefined => sshParts(target)?.rest ?? target;

/** Does `text` name `name` as a whole word (a pod's name, `api-0`, in `pod/api-0.` too)? */
function names(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) if (!WORD.test(text[i - 1] ?? ' ') && !WORD.test(text[i + name.length] ?? ' ')) return true;
  return false;
}

function readShared(model: NoteModel): Set<string> {
  const { lines, text } = model;
  const places = model.evidence.flatMap((b) => b.segments.map((s) => placeText(s.scope?.target) ?? ''));
  const out = new Set<string>();
  let k = 0;
  for (const m of text.matchAll(SAYS)) {
    if (++k > MAX) break;
    const docker = m[0][0] === '-';
    const n = lines.lineAt(m.index);
    let said = lines.lineText(n);
    if (negatedWithin(said, 0, said.length)) continue;
    // A pod's manifest names it in a `name:` key of the lines around (up to a blank line or a fence).
    for (let d = -1; !docker && d < 2; d += 2) {
      for (let i = n + d, l = ''; i >= 0 && i < lines.lineCount && Math.abs(i - n) < MAX && !BOUNDARY.test((l = lines.lineText(i))); i += d) if (NAME_KEY.test(l)) said += `\n${l}`;
    }
    const named = new Set(places.filter((p) => p.startsWith(docker ? 'docker ' : 'kubectl ') && names(said, p.slice(Math.max(p.lastIndexOf(' '), p.lastIndexOf('/')) + 1))));
    if (named.size === 1) out.add([...named][0] as string);
  }
  return out;
}

const SHARED = new WeakMap<NoteModel, Set<string>>();

/**
 * Does the place a command ran in (`kubectl shop/api-0`, `docker web`: a scope's target as placeText reads it) share
 * the host's network namespace, as the note says (see the file's comment)?
 */
export function sharesHostNetwork(model: NoteModel, place: string): boolean {
  let s = SHARED.get(model);
  if (!s) SHARED.set(model, (s = readShared(model)));
  return s.has(place);
}
