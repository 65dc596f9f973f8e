/**
 * Pods and containers that share the node's network namespace, as the note itself says: a pod with `hostNetwork:
 * true`, a container run with `docker run --net=host`. What `kubectl exec POD` or `docker exec NAME` reads in one of
 * them is the host's namespace's (report/netns.ts), not a namespace of its own. Said only by:
 *
 * - a manifest: a Pod whose `spec.hostNetwork` is true (its `metadata.name`, and `metadata.namespace` when given), or
 *   a Deployment, DaemonSet, StatefulSet, ReplicaSet or Job whose `spec.template.spec.hostNetwork` is: `kubectl exec
 *   ds/NAME` and the pods Kubernetes names for it (`NAME-` and a generated suffix: five characters of its alphabet,
 *   which has no vowels, for a DaemonSet, ReplicaSet or Job; a pod-template hash and five for a Deployment; an ordinal
 *   for a StatefulSet). YAML or JSON, written or printed by `kubectl get -o yaml|json`, read by indentation.
 * - `docker run` (podman, nerdctl; `create`) with `--net=host` / `--network host` and `--name NAME`, before the image.
 *
 * Anything else says nothing: the pod keeps its own namespace, as before. So does prose ("`ingress-0` runs with
 * hostNetwork: true, `api-0` gets a pod IP": which pod a sentence gives the flag to is not read), a manifest without a
 * name, and compose's `network_mode`. Pure: no `vscode`, no Node built-ins; every pattern linear.
 */
import type { NoteModel } from '../note/model';
import { CONTAINER_TOOLS, sshParts } from '../evidence/commandScope';
import { basename } from '../evidence/text';

type Kind = 'pod' | 'deployment' | 'daemonset' | 'statefulset' | 'replicaset' | 'job' | 'container';

/** One pod, controller or container the note says shares the host's network namespace. */
interface Shared {
  readonly kind: Kind;
  readonly name: string;
  /** Its Kubernetes namespace, when the note gives it. */
  readonly ns?: string;
}

/** `hostNetwork: true` as YAML, JSON, a flag (`hostNetwork=true`) or in backticks. */
const HOST_NETWORK_TRUE = /\bhostNetwork["'`]? ?[:=] ?["'`]?true\b/;
/** A YAML or JSON key line: its indentation (a list item's dash counted), key and value. */
const KEY_LINE = /^(\s*(?:-\s+)?)["']?([A-Za-z][\w.-]*)["']?\s*:(?:\s(.*))?$/;
const FENCE_OR_DOCUMENT = /^\s*(?:```|~~~|---\s*$)/;
const NAME_CHARS = /^[a-z0-9][a-z0-9.-]*$/;
/** A Kubernetes object's or a container's name (a DNS subdomain, at most 253 characters). */
const isName = (s: string): boolean => s.length <= 253 && NAME_CHARS.test(s);
const HOST_NET_FLAG = /--net(?:work)?[= ]host\b/g;

const KINDS: Readonly<Record<string, Kind>> = { Pod: 'pod', Deployment: 'deployment', DaemonSet: 'daemonset', StatefulSet: 'statefulset', ReplicaSet: 'replicaset', Job: 'job' };
/** The keys from `hostNetwork` up to the object: a Pod's spec, a controller's pod template's. */
const PATH: Readonly<Record<string, string>> = { pod: 'spec', other: 'spec template spec' };
/** `kubectl exec KIND/NAME` spellings of each controller. */
const ALIASES: Readonly<Partial<Record<Kind, readonly string[]>>> = {
  deployment: ['deploy', 'deployment', 'deployments'],
  daemonset: ['ds', 'daemonset', 'daemonsets'],
  statefulset: ['sts', 'statefulset', 'statefulsets'],
  replicaset: ['rs', 'replicaset', 'replicasets'],
  job: ['job', 'jobs'],
};
/** The suffix Kubernetes adds to a controller's name for its pods (utilrand's alphabet: no vowels, no 0, 1, 3). */
const A = '[bcdfghjklmnpqrstvwxz2456789]';
const POD_SUFFIX: Readonly<Partial<Record<Kind, RegExp>>> = {
  deployment: new RegExp(`^${A}{1,10}-${A}{5}$`),
  daemonset: new RegExp(`^${A}{5}$`),
  replicaset: new RegExp(`^${A}{5}$`),
  job: new RegExp(`^${A}{5}$`),
  statefulset: /^\d{1,5}$/,
};

/** Occurrences read at most, of each kind of statement (the work stays bounded on any note). */
const MAX_STATEMENTS = 64;
/** Lines a manifest is read over around its `hostNetwork` line. */
const MAX_MANIFEST_LINES = 2000;

interface KeyLine {
  readonly indent: number;
  readonly dash: boolean;
  readonly key: string;
  readonly value: string;
}

function keyLine(text: string): KeyLine | undefined {
  const m = KEY_LINE.exec(text);
  if (!m) return undefined;
  const lead = m[1] as string;
  // A value without its quotes, a trailing comma or opening brace, or a comment.
  let value = (m[3] ?? '').trim();
  const hash = value.indexOf(' #');
  if (hash >= 0) value = value.slice(0, hash).trim();
  value = value.replace(/[,{[]$/, '').trim().replace(/^["']|["']$/g, '');
  return { indent: lead.length, dash: lead.includes('-'), key: m[2] as string, value };
}

/** The pod or controller whose `hostNetwork: true` is the key line at `at` (see the file's comment), if the manifest names it. */
function manifestAt(model: NoteModel, at: number, own: KeyLine): Shared | undefined {
  const line = (n: number): string => model.lines.lineText(n);
  // Up to the object's `kind`: the keys passed at each lower indentation are the path to it.
  let min = own.indent;
  const path: string[] = [];
  let root: { line: number; indent: number; kind: string } | undefined;
  for (let n = at - 1; n >= 0 && at - n <= MAX_MANIFEST_LINES; n--) {
    const text = line(n);
    if (FENCE_OR_DOCUMENT.test(text)) break;
    const k = keyLine(text);
    if (!k) continue;
    // The kind is a sibling of the outermost key passed (or of a key less indented: the path then tells).
    if (k.key === 'kind' && k.indent <= min && k.indent < own.indent) {
      root = { line: n, indent: k.indent, kind: k.value };
      break;
    }
    if (k.indent < min) {
      min = k.indent;
      path.push(k.key);
    }
    // A list item's first key at this indentation or less: the object has begun above without a kind.
    if (k.dash && k.indent <= min) break;
  }
  const kind = root && KINDS[root.kind];
  if (!root || !kind || path.join(' ') !== PATH[kind === 'pod' ? 'pod' : 'other']) return undefined;
  // The object's lines: from its first key (a list item's dash) to the next item or a key less indented.
  const inObject = (k: KeyLine): boolean => k.indent >= (root as { indent: number }).indent;
  let start = root.line;
  for (let n = root.line - 1; n >= 0 && root.line - n <= MAX_MANIFEST_LINES; n--) {
    const text = line(n);
    if (FENCE_OR_DOCUMENT.test(text)) break;
    const k = keyLine(text);
    if (!k) continue;
    if (!inObject(k)) break;
    start = n;
    if (k.dash && k.indent === root.indent) break;
  }
  let name: string | undefined;
  let ns: string | undefined;
  let inMetadata = false;
  let child: number | undefined;
  for (let n = start; n < model.lines.lineCount && n - start <= 2 * MAX_MANIFEST_LINES; n++) {
    const text = line(n);
    if (n > start && FENCE_OR_DOCUMENT.test(text)) break;
    const k = keyLine(text);
    if (!k) continue;
    if (!inObject(k) || (n > start && k.dash && k.indent === root.indent)) break;
    if (k.indent === root.indent) {
      inMetadata = k.key === 'metadata';
      child = undefined;
      continue;
    }
    if (!inMetadata) continue;
    child ??= k.indent;
    if (k.indent !== child) continue;
    if (k.key === 'name') name ??= k.value;
    else if (k.key === 'namespace') ns ??= k.value;
  }
  if (name === undefined || !isName(name)) return undefined;
  return { kind, name, ...(ns !== undefined && isName(ns) ? { ns } : {}) };
}

/** Single-letter `docker run` options that take a value (`-e K=V`, `-v a:b`, `-p 80:80`). */
const DOCKER_VALUED = new Set(['a', 'c', 'e', 'h', 'l', 'm', 'p', 'u', 'v', 'w']);
/** `docker run` long options that take no value. */
const DOCKER_FLAGS = new Set(['--rm', '--init', '--privileged', '--read-only', '--detach', '--interactive', '--tty', '--publish-all', '--oom-kill-disable', '--no-healthcheck', '--sig-proxy', '--help', '--quiet', '--disable-content-trust']);

/** The container a `docker run … --net=host --name NAME IMAGE` on this line names, if it does (options before the image only). */
function dockerHostContainer(text: string): string | undefined {
  const all = text.trim().split(/\s+/);
  const tool = all.findIndex((w) => CONTAINER_TOOLS.has(basename(w)));
  if (tool < 0) return undefined;
  const sub = all[tool + 1] === 'container' ? tool + 2 : tool + 1;
  if (all[sub] !== 'run' && all[sub] !== 'create') return undefined;
  const words = all.slice(sub + 1);
  let name: string | undefined;
  let net: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '') continue;
    if (!w.startsWith('-')) break; // the image, or the end of the command
    let option = w;
    let value: string | undefined;
    const eq = w.indexOf('=');
    if (w.startsWith('--') && eq > 0) {
      option = w.slice(0, eq);
      value = w.slice(eq + 1);
    } else if (w.startsWith('--') ? !DOCKER_FLAGS.has(w) : DOCKER_VALUED.has(w.slice(-1))) {
      value = words[++i];
    }
    if (option === '--name') name = value;
    else if (option === '--net' || option === '--network') net = value;
  }
  return net === 'host' && name !== undefined && isName(name.toLowerCase()) ? name : undefined;
}

function readShared(model: NoteModel): Shared[] {
  const text = model.text;
  const out: Shared[] = [];
  const seen = new Set<number>();
  for (let at = text.indexOf('hostNetwork'), k = 0; at >= 0 && k < MAX_STATEMENTS; at = text.indexOf('hostNetwork', at + 11), k++) {
    const n = model.lines.lineAt(at);
    if (seen.has(n)) continue;
    seen.add(n);
    const lineText = model.lines.lineText(n);
    if (!HOST_NETWORK_TRUE.test(lineText)) continue;
    const own = keyLine(lineText);
    const s = own?.key === 'hostNetwork' ? manifestAt(model, n, own) : undefined;
    if (s) out.push(s);
  }
  HOST_NET_FLAG.lastIndex = 0;
  for (let m = HOST_NET_FLAG.exec(text), k = 0; m && k < MAX_STATEMENTS; m = HOST_NET_FLAG.exec(text), k++) {
    const name = dockerHostContainer(model.lines.lineText(model.lines.lineAt(m.index)));
    if (name !== undefined) out.push({ kind: 'container', name });
  }
  return out;
}

const SHARED = new WeakMap<NoteModel, readonly Shared[]>();

function sharedOf(model: NoteModel): readonly Shared[] {
  let s = SHARED.get(model);
  if (!s) SHARED.set(model, (s = readShared(model)));
  return s;
}

/** A target without the `ssh HOST` it ran through (`ssh lb-8 kubectl shop/api-0`), as netns.ts reads it. */
export const placeText = (target: string | undefined): string | undefined => sshParts(target)?.rest ?? target;

/** `kubectl NS/REST` (commandScope.ts): the Kubernetes namespace ('' when not given) and the pod or `KIND/NAME`. */
function kubectlPlace(place: string | undefined): { ns: string; rest: string } | undefined {
  if (!place?.startsWith('kubectl ')) return undefined;
  const slash = place.indexOf('/', 8);
  return slash < 0 ? undefined : { ns: place.slice(8, slash), rest: place.slice(slash + 1) };
}

function matches(s: Shared, place: string): boolean {
  if (s.kind === 'container') return place === `docker ${s.name}`;
  const k = kubectlPlace(place);
  if (!k || (s.ns !== undefined && k.ns !== '' && k.ns !== s.ns)) return false;
  if (s.kind === 'pod') return k.rest === s.name;
  const slash = k.rest.indexOf('/');
  if (slash >= 0) return k.rest.slice(slash + 1) === s.name && (ALIASES[s.kind] ?? []).includes(k.rest.slice(0, slash).toLowerCase());
  return k.rest.startsWith(`${s.name}-`) && (POD_SUFFIX[s.kind]?.test(k.rest.slice(s.name.length + 1)) ?? false);
}

/**
 * Does the place a command ran in (a scope's target as netns.ts reads it, without `ssh HOST`: `kubectl shop/api-0`,
 * `docker web`) share the host's network namespace, as the note says (see the file's comment)?
 */
export function sharesHostNetwork(model: NoteModel, place: string): boolean {
  if (!place.startsWith('kubectl ') && !place.startsWith('docker ')) return false;
  return sharedOf(model).some((s) => matches(s, place));
}
