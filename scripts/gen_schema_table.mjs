#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Regenerates sim/validate/rules/schema_table.def, the schema table of the core kinds, from the
// Kubernetes OpenAPI definitions as transcribed by the npm package kubernetes-models (its
// _schemas/*.d.ts: one interface per OpenAPI definition, required fields without "?", enums as
// string unions). Usage: npm pack kubernetes-models && tar xzf kubernetes-models-*.tgz &&
//   node scripts/gen_schema_table.mjs package > sim/validate/rules/schema_table.def
// The apimachinery types (ObjectMeta, LabelSelector, ...) are written by hand at the end of the
// .def; status subtrees are not described (the API server ignores status on create/update).
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
// The package's */*.d.ts files, by the OpenAPI definition each declares.
const files = new Map();
(function scan(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory() && e.name !== '_schemas' && e.name !== 'node_modules') scan(p);
    else if (e.name.endsWith('.d.ts')) {
      const m = fs.readFileSync(p, 'utf8').match(/export type \{ I\w+ as I(IoK8s\w+),/);
      if (m) files.set(m[1], p);
    }
  }
})(dir);
const roots = [
  ['v1', 'ConfigMap'], ['v1', 'LimitRange'], ['v1', 'Namespace'], ['v1', 'Node'],
  ['v1', 'PersistentVolume'], ['v1', 'PersistentVolumeClaim'], ['v1', 'Pod'],
  ['v1', 'ReplicationController'], ['v1', 'ResourceQuota'], ['v1', 'Secret'], ['v1', 'Service'],
  ['v1', 'ServiceAccount'],
  ['apps/v1', 'DaemonSet'], ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'StatefulSet'],
  ['batch/v1', 'CronJob'], ['batch/v1', 'Job'],
  ['autoscaling/v1', 'HorizontalPodAutoscaler'], ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'IngressClass'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['policy/v1', 'PodDisruptionBudget'],
  ['scheduling.k8s.io/v1', 'PriorityClass'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['storage.k8s.io/v1', 'StorageClass'],
  ['apiregistration.k8s.io/v1', 'APIService'],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'],
  ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy'],
  ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
];
const groupPrefix = {
  'v1': 'IoK8sApiCoreV1', 'apps/v1': 'IoK8sApiAppsV1', 'batch/v1': 'IoK8sApiBatchV1',
  'autoscaling/v1': 'IoK8sApiAutoscalingV1', 'autoscaling/v2': 'IoK8sApiAutoscalingV2',
  'networking.k8s.io/v1': 'IoK8sApiNetworkingV1', 'policy/v1': 'IoK8sApiPolicyV1',
  'scheduling.k8s.io/v1': 'IoK8sApiSchedulingV1', 'rbac.authorization.k8s.io/v1': 'IoK8sApiRbacV1',
  'storage.k8s.io/v1': 'IoK8sApiStorageV1',
  'apiregistration.k8s.io/v1': 'IoK8sKubeAggregatorPkgApisApiregistrationV1',
  'admissionregistration.k8s.io/v1': 'IoK8sApiAdmissionregistrationV1',
  'apiextensions.k8s.io/v1': 'IoK8sApiextensionsApiserverPkgApisApiextensionsV1',
};
// Apimachinery types: written by hand in the table (or leaves).
const special = {
  IoK8sApimachineryPkgApiResourceQuantity: 'q', IoK8sApimachineryPkgUtilIntstrIntOrString: 'x',
  IoK8sApimachineryPkgApisMetaV1Time: 's', IoK8sApimachineryPkgApisMetaV1MicroTime: 's',
  IoK8sApimachineryPkgRuntimeRawExtension: '*', IoK8sApimachineryPkgApisMetaV1ObjectMeta: 'ObjectMeta',
  IoK8sApimachineryPkgApisMetaV1LabelSelector: 'LabelSelector',
  IoK8sApimachineryPkgApisMetaV1LabelSelectorRequirement: 'LabelSelectorRequirement',
  IoK8sApimachineryPkgApisMetaV1Condition: '*',
  IoK8sApiextensionsApiserverPkgApisApiextensionsV1JSONSchemaProps: '*',
  IoK8sApiextensionsApiserverPkgApisApiextensionsV1JSON: '*',
};
const short = (full) => full.replace(/^IoK8s(Api|KubeAggregatorPkgApis|ApiextensionsApiserverPkgApis)[A-Z][a-z]+V\d+(beta\d+|alpha\d+)?/, '');
const names = new Map(); // full -> short name in the table (unique)
const out = [];
const queue = [];
const inline = [];
let context = ''; // the field being typed, which names an inline object literal's type
function ref(full) {
  if (special[full]) return special[full];
  if (!names.has(full)) {
    let name = short(full);
    if ([...names.values()].includes(name)) name = full.replace(/^IoK8s(Api)?/, '');
    names.set(full, name);
    queue.push(full);
  }
  return names.get(full);
}
function typeOf(t) {
  t = t.trim().replace(/;$/, '');
  let m;
  if ((m = t.match(/^Array<(.*)>$/s))) return '[' + typeOf(m[1]) + ']';
  if ((m = t.match(/^\{\s*\[key: string\]: (.*?);?\s*\}$/s))) return '{' + typeOf(m[1]) + '}';
  if (t === 'string') return 's';
  if (t === 'number') return 'i';
  if (t === 'boolean') return 'b';
  if (t === 'any' || t === 'unknown' || t === 'object') return '*';
  if ((m = t.match(/^I(IoK8s\w+)$/))) return ref(m[1]);
  if (/^"[^"]*"( \| "[^"]*")*$/.test(t)) return '=' + t.split('|').map((s) => s.trim().slice(1, -1)).join('|');
  if (/^[A-Za-z]+\["\w+"\]$/.test(t)) return 's';
  if ((m = t.match(/^\{([\s\S]*)\}$/))) { // an inline object literal: an anonymous type
    const name = context.replace(/^./, (c) => c.toUpperCase());
    inline.push([name, m[1]]);
    return name;
  }
  throw new Error('unknown type ' + t);
}
function fields(full, literal) {
  let src = literal;
  if (src === undefined) {
    const text = fs.readFileSync(files.get(full) ?? 'missing:' + full, 'utf8');
    const body = text.match(/export interface I\w+[^{]*\{([\s\S]*?)\n\}/);
    if (!body) throw new Error('no interface in ' + full);
    src = body[1];
  }
  src = src.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\n\s*\n/g, '\n');
  // Fields are the lines at the shallowest indentation that start with a quoted name.
  const indent = Math.min(...[...src.matchAll(/^( *)"/gm)].map((m) => m[1].length));
  const result = [];
  for (const chunk of src.split(new RegExp(`\\n(?= {${indent}}")`))) {
    const m = chunk.match(/^\s*"([^"]+)"(\?)?: ([\s\S]*?);\s*$/);
    if (m) result.push([m[1], !m[2], m[3]]);
  }
  return result;
}
function emit(full, isRoot, literal, literalName) {
  const parts = [];
  for (const [name, required, type] of fields(full, literal)) {
    if (name === 'status') { parts.push('status:*'); continue; }
    context = name;
    let t = typeOf(type);
    if (isRoot && (name === 'apiVersion' || name === 'kind')) t = 's';
    parts.push(name + (required ? '!' : '') + ':' + t);
  }
  out.push(`KS_SCHEMA_TYPE(${literalName ?? names.get(full)}, "${parts.join(' ')}")`);
}
const rootLines = [];
for (const [gv, kind] of roots) {
  const full = groupPrefix[gv] + kind;
  const name = ref(full);
  rootLines.push(`KS_SCHEMA_KIND("${gv}", ${kind}, ${name})`);
}
while (queue.length) {
  const full = queue.shift();
  while (inline.length) { const [n, body] = inline.shift(); emit(null, false, body, n); }
  emit(full, full === groupPrefix[roots.find(([gv, k]) => groupPrefix[gv] + k === full)?.[0]] + short(full));
}
while (inline.length) { const [n, body] = inline.shift(); emit(null, false, body, n); }
console.log(rootLines.join('\n'));
console.log(out.join('\n'));
