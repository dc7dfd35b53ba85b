/** `--set-producer`, `--set-doc`, `--set-metadata`, `--delete-metadata`: model-level facts. */
import { argError, type EditSession } from './session.js';
import type { DeleteMetadataEdit, EditChange, SetDocEdit, SetMetadataEdit, SetProducerEdit } from './types.js';

export function setProducer(s: EditSession, e: SetProducerEdit): EditChange {
  const m = s.model;
  if (!e.name) throw argError('set-producer: the producer name is empty');
  const from = { name: m.producerName ?? null, version: m.producerVersion ?? null };
  m.producerName = e.name;
  if (e.version !== undefined) m.producerVersion = e.version;
  else delete m.producerVersion;
  const to = { name: e.name, version: e.version ?? null };
  const text = (p: { name: string | null; version: string | null }) => (p.name === null ? '(none)' : `${p.name}${p.version ? ` ${p.version}` : ''}`);
  return { op: 'set-producer', from, to, summary: `producer: ${text(from)} -> ${text(to)}` };
}

export function setDoc(s: EditSession, e: SetDocEdit): EditChange {
  const had = s.model.docString;
  s.model.docString = e.doc;
  return { op: 'set-doc', doc: e.doc, summary: `${had ? 'replaced' : 'set'} the model's doc string (${e.doc.length} characters)` };
}

export function setMetadata(s: EditSession, e: SetMetadataEdit): EditChange {
  if (!e.key) throw argError('set-metadata: the key is empty');
  const props = s.model.metadataProps;
  const i = props.findIndex(([k]) => k === e.key);
  const from = i >= 0 ? props[i]![1] : null;
  if (i >= 0) props[i] = [e.key, e.value];
  else props.push([e.key, e.value]);
  return { op: 'set-metadata', key: e.key, from, to: e.value, summary: `metadata "${e.key}": ${from === null ? '(unset)' : JSON.stringify(from)} -> ${JSON.stringify(e.value)}` };
}

export function deleteMetadata(s: EditSession, e: DeleteMetadataEdit): EditChange {
  const props = s.model.metadataProps;
  const i = props.findIndex(([k]) => k === e.key);
  if (i < 0) {
    const keys = props.map(([k]) => `"${k}"`).join(', ');
    throw argError(`delete-metadata: the model has no metadata key "${e.key}"${keys ? ` (it has ${keys})` : ''}`);
  }
  const from = props[i]![1];
  s.model.metadataProps = props.filter(([k]) => k !== e.key);
  return { op: 'delete-metadata', key: e.key, from, summary: `deleted metadata "${e.key}" (was ${JSON.stringify(from)})` };
}
