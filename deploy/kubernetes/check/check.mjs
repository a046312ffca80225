// Validates every manifest under deploy/kubernetes against the Kubernetes API schemas (types,
// required fields, formats) with kubernetes-models, and refuses a kind it has no schema for.
// Field names and what the manifests promise (replicas, probes, selectors, secrets) are checked by
// src/test/java/app/rigtrail/deploy/ManifestsTest. Run: npm ci && node check.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const groups = {
  v1: "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "batch/v1": "kubernetes-models/batch/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
};

async function check(file) {
  const docs = parseAllDocuments(fs.readFileSync(file, "utf8"));
  const out = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const obj = doc.toJS();
    if (!obj) continue;
    if (obj.kind === "Kustomization") { out.push("Kustomization (kustomize)"); continue; }
    const module = groups[obj.apiVersion];
    if (!module) throw new Error(`${file}: no schema for apiVersion ${obj.apiVersion}`);
    const models = await import(module);
    const Model = models[obj.kind];
    if (!Model) throw new Error(`${file}: no schema for ${obj.apiVersion} ${obj.kind}`);
    try {
      new Model(obj).validate();
    } catch (e) {
      throw new Error(`${file}: ${obj.kind} ${obj.metadata?.name}: ${e.message}`);
    }
    out.push(`${obj.kind} ${obj.metadata.name}`);
  }
  return out;
}

// the validator refuses what it should (so a green run means something)
async function selfTest() {
  const { Deployment } = await import("kubernetes-models/apps/v1");
  const bad = { metadata: { name: "x" }, spec: { replicas: "two", selector: {}, template: { spec: { containers: [{ name: "a", ports: [{ containerPort: "http" }] }] } } } };
  let refused = false;
  try { new Deployment(bad).validate(); } catch { refused = true; }
  if (!refused) throw new Error("self-test: a Deployment with replicas: two was accepted");
}

await selfTest();
const files = fs.readdirSync(root).filter(f => /\.ya?ml$/.test(f)).map(f => path.join(root, f)).sort();
let n = 0;
for (const f of files) {
  for (const what of await check(f)) { console.log(`ok  ${path.relative(root, f)}: ${what}`); n++; }
}
console.log(`${n} objects in ${files.length} files valid against the Kubernetes API schemas`);
