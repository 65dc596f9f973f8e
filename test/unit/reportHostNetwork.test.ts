/**
 * A pod with `hostNetwork: true`, or a container run with `docker run --net=host`, shares the node's network
 * namespace: what `kubectl exec POD` / `docker exec NAME` reads there is the host's (its `tw` is compared with the
 * node's `tcp_max_tw_buckets`, its per-state counts are the node's sockets). Only when the note itself says so for
 * that pod or container (report/hostNetwork.ts): a manifest naming it (a Pod, or a controller whose pods it names),
 * a line naming it with `hostNetwork: true`, a `docker run` naming it with the host network. Else, as before, the
 * pod's own namespace. Another pod's hostNetwork never leaks. From the core and through the built CLI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const report = (text: string) => buildReport(analyzeNote(text), { file: 'n.md', lang: 'en' }).json;

/** The node's sockstat and limit at 09:00, then `wrapper cat /proc/net/sockstat` at 09:10, after `before` (what the note says). */
function note(wrapper: string, before: readonly string[]): string {
  return [
    '# web-3',
    '',
    ...before,
    '',
    '```',
    '[root@web-3 09:00:00]# cat /proc/net/sockstat',
    'TCP: inuse 300 orphan 1200 tw 150 alloc 1500 mem 9000',
    '[root@web-3 09:00:05]# sysctl net.ipv4.tcp_max_tw_buckets',
    'net.ipv4.tcp_max_tw_buckets = 262144',
    '```',
    '',
    '```',
    `[root@web-3 09:10:00]# ${wrapper} cat /proc/net/sockstat`,
    'TCP: inuse 20000 orphan 1500 tw 18000 alloc 21000 mem 9600',
    '```',
    '',
  ].join('\n');
}

/** The namespace of the second sample, null for the host's; and whether tw was compared with the host's limit. */
function placed(wrapper: string, before: readonly string[]): { netns: string | null; hostLimit: boolean } {
  const j = report(note(wrapper, before));
  return { netns: j.timeline[1]?.netns ?? null, hostLimit: j.limits.tcpMaxTwBuckets === 262144 };
}

const HOST = { netns: null, hostLimit: true };

const podYaml = (name: string, hostNetwork: string, namespace?: string): string[] => [
  '```yaml',
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  `  name: ${name}`,
  ...(namespace ? [`  namespace: ${namespace}`] : []),
  'spec:',
  '  containers:',
  '  - name: app',
  '    image: registry.local/app:1.4',
  `  hostNetwork: ${hostNetwork}`,
  '```',
];

describe('hostNetwork: a pod or container that shares the node\'s network namespace', () => {
  it('a Pod manifest with hostNetwork: true: kubectl exec into that pod reads the host\'s namespace', () => {
    assert.deepEqual(placed('kubectl -n shop exec api-0 --', podYaml('api-0', 'true', 'shop')), HOST);
    assert.deepEqual(placed('kubectl exec api-0 --', podYaml('api-0', 'true')), HOST);
    assert.deepEqual(placed('kubectl exec pod/api-0 --', podYaml('api-0', '"true"')), HOST);
  });

  it('without the note saying so, or for another pod, or hostNetwork: false, the pod keeps its own namespace', () => {
    assert.deepEqual(placed('kubectl -n shop exec api-0 --', []), { netns: 'kubectl shop/api-0', hostLimit: false });
    assert.deepEqual(placed('kubectl -n shop exec api-1 --', podYaml('api-0', 'true', 'shop')), { netns: 'kubectl shop/api-1', hostLimit: false });
    assert.deepEqual(placed('kubectl -n shop exec api-0 --', podYaml('api-0', 'false', 'shop')), { netns: 'kubectl shop/api-0', hostLimit: false });
    // Another Kubernetes namespace's pod of the same name.
    assert.deepEqual(placed('kubectl -n shop exec api-0 --', podYaml('api-0', 'true', 'staging')), { netns: 'kubectl shop/api-0', hostLimit: false });
    // A pod's hostNetwork is no container's, and no docker container's is a pod's.
    assert.deepEqual(placed('docker exec api-0', podYaml('api-0', 'true')), { netns: 'docker api-0', hostLimit: false });
  });

  it('kubectl get pod -o yaml / -o json output: the pod it shows (not its owner\'s kind or name)', () => {
    const yaml = ['```', '$ kubectl -n shop get pod api-7d9f8b6c5-x2k4p -o yaml', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: api-7d9f8b6c5-x2k4p', '  namespace: shop', '  ownerReferences:', '  - apiVersion: apps/v1', '    kind: ReplicaSet', '    name: api-7d9f8b6c5', 'spec:', '  dnsPolicy: ClusterFirstWithHostNet', '  hostNetwork: true', 'status:', '  phase: Running', '```'];
    assert.deepEqual(placed('kubectl -n shop exec api-7d9f8b6c5-x2k4p --', yaml), HOST);
    const json = ['```json', '{', '    "apiVersion": "v1",', '    "kind": "Pod",', '    "metadata": {', '        "name": "api-0",', '        "namespace": "shop"', '    },', '    "spec": {', '        "hostNetwork": true,', '        "nodeName": "web-3"', '    }', '}', '```'];
    assert.deepEqual(placed('kubectl -n shop exec api-0 --', json), HOST);
    assert.deepEqual(placed('kubectl -n shop exec api-1 --', json), { netns: 'kubectl shop/api-1', hostLimit: false });
  });

  it('a controller\'s manifest: the pods it names (Kubernetes\' generated names) and kubectl exec ds/NAME; not another workload\'s pods', () => {
    const ds = ['```yaml', 'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata:', '  name: edge-proxy', '  namespace: ingress', 'spec:', '  template:', '    metadata:', '      labels:', '        app: edge-proxy', '    spec:', '      hostNetwork: true', '      containers:', '      - name: envoy', '        image: envoyproxy/envoy:v1.30', '```'];
    assert.deepEqual(placed('kubectl -n ingress exec edge-proxy-x8k2p --', ds), HOST);
    assert.deepEqual(placed('kubectl -n ingress exec ds/edge-proxy --', ds), HOST);
    assert.deepEqual(placed('kubectl -n ingress exec edge-proxy-admin --', ds), { netns: 'kubectl ingress/edge-proxy-admin', hostLimit: false });
    assert.deepEqual(placed('kubectl -n ingress exec edge-proxy-canary-x8k2p --', ds), { netns: 'kubectl ingress/edge-proxy-canary-x8k2p', hostLimit: false });
    const deploy = ds.map((l) => l.replace('DaemonSet', 'Deployment'));
    assert.deepEqual(placed('kubectl -n ingress exec edge-proxy-7d9f8b6c5-x2k4p --', deploy), HOST);
    assert.deepEqual(placed('kubectl -n ingress exec edge-proxy-x8k2p --', deploy), { netns: 'kubectl ingress/edge-proxy-x8k2p', hostLimit: false });
    const sts = ds.map((l) => l.replace('DaemonSet', 'StatefulSet'));
    assert.deepEqual(placed('kubectl -n ingress exec edge-proxy-0 --', sts), HOST);
  });

  it('prose says nothing: which pod a sentence gives the flag to is not read (review s16 D1)', () => {
    const own = { netns: 'kubectl shop/api-0', hostLimit: false };
    for (const line of [
      'The `api-0` pod runs with `hostNetwork: true`, so it shares the node\'s sockets.',
      'The ingress controller `ingress-0` runs with `hostNetwork: true`, while `api-0` gets a pod IP from Calico.',
      '- api-0：hostNetwork: true（与节点共用网络命名空间）',
      'api-0 does not set hostNetwork: true.',
    ]) {
      assert.deepEqual(placed('kubectl -n shop exec api-0 --', [line]), own, line);
    }
  });

  it("a manifest's name is its metadata.name: not a configMap's name inside its spec, not another item's of a List (review s16 D1)", () => {
    const own = { netns: 'kubectl shop/api-0', hostLimit: false };
    const debug = ['```yaml', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: debug-tools', '  namespace: shop', 'spec:', '  hostNetwork: true', '  volumes:', '  - name: cfg', '    configMap:', '      name: api-0', '```'];
    assert.deepEqual(placed('kubectl -n shop exec api-0 --', debug), own);
    const list = ['```yaml', 'apiVersion: v1', 'kind: List', 'items:', '- apiVersion: v1', '  kind: Pod', '  metadata:', '    name: ingress-0', '    namespace: shop', '  spec:', '    hostNetwork: true', '- apiVersion: v1', '  kind: Pod', '  metadata:', '    name: api-0', '    namespace: shop', '  spec:', '    containers:', '    - name: api', '```'];
    assert.deepEqual(placed('kubectl -n shop exec api-0 --', list), own);
    assert.deepEqual(placed('kubectl -n shop exec ingress-0 --', list), HOST);
    // Two Pods in one block: each manifest its own.
    const two = [...podYaml('api-1', 'false', 'shop').slice(0, -1), '---', ...podYaml('api-0', 'true', 'shop').slice(1)];
    assert.deepEqual(placed('kubectl -n shop exec api-0 --', two), HOST);
    assert.deepEqual(placed('kubectl -n shop exec api-1 --', two), { netns: 'kubectl shop/api-1', hostLimit: false });
  });

  it('docker run with the host network names the container; docker exec into it reads the host\'s namespace', () => {
    for (const run of ['docker run -d --net=host --name web nginx:1.25', 'docker run -d --network host --name=web nginx:1.25', 'podman run --name web --network=host -v /srv:/srv nginx']) {
      assert.deepEqual(placed('docker exec web', ['```', `$ ${run}`, '```']), HOST, run);
    }
    // Not that container, no name, another network, or words after the image (the container's own command).
    assert.deepEqual(placed('docker exec web', ['```', '$ docker run -d --net=host --name api nginx', '```']), { netns: 'docker web', hostLimit: false });
    assert.deepEqual(placed('docker exec web', ['```', '$ docker run -d --net=host nginx', '```']), { netns: 'docker web', hostLimit: false });
    assert.deepEqual(placed('docker exec web', ['```', '$ docker run -d --net=bridge --name web nginx', '```']), { netns: 'docker web', hostLimit: false });
    assert.deepEqual(placed('docker exec web', ['```', '$ docker run -d --name web busybox sh -c "--net=host"', '```']), { netns: 'docker web', hostLimit: false });
    // One line, two containers: each docker run its own options (review s16 D1).
    assert.deepEqual(placed('docker exec api', ['```', '$ docker run -d --net=host --name web nginx && docker run -d --name api myapi', '```']), { netns: 'docker api', hostLimit: false });
    assert.deepEqual(placed('docker exec api', ['We run `web` with `--network host`, the sidecar `api` with `--network bridge`.']), { netns: 'docker api', hostLimit: false });
  });

  it("a hostNetwork pod's counts and the node's are one namespace's sockets: the latest stands, nothing beside it", () => {
    const counts = (before: readonly string[]) =>
      report(['# web-3', '', ...before, '', '```', '# ss -tan state last-ack | wc -l', '1841', '# kubectl -n shop exec api-0 -- ss -tan state last-ack | wc -l', '6', '```'].join('\n')).states['LAST-ACK'];
    const shared = counts(podYaml('api-0', 'true', 'shop'));
    assert.equal(shared?.count, 5);
    assert.equal(shared?.netns, undefined);
    assert.equal(shared?.otherNetns, undefined);
    const own = counts([]);
    assert.equal(own?.count, 5);
    assert.deepEqual(own?.otherNetns?.map((o) => o.count), [1840]);
  });

  it('through the built CLI', () => {
    const file = join(tempDir('tsn-hostnet-'), 'note.md');
    writeFileSync(file, note('kubectl -n shop exec api-0 --', podYaml('api-0', 'true', 'shop')));
    const j = JSON.parse(cliOut(['report', '--json', file])) as { timeline: { netns?: string }[]; limits: { tcpMaxTwBuckets: number | null } };
    assert.equal(j.timeline[1]?.netns, undefined);
    assert.equal(j.limits.tcpMaxTwBuckets, 262144);
  });
});
