// SPDX-License-Identifier: GPL-3.0-or-later
// The validation engine: runs the registered rules over a snapshot and returns sorted findings.
#pragma once

#include "config.h"
#include "finding.h"

#include <model/core/snapshot.h>

#include <QList>
#include <QSet>
#include <QStringList>

namespace kstudio::sim::validate {

class Index;

// Per-object silencing, in kube-linter's manner (its `ignore-check.kube-linter.io/<check>` and
// `kube-linter.io/ignore-all`): an annotation on the object's own metadata whose value says why.
//   ignore-check.kstudio.dev/<rule-id>: "reason"   silences that rule for this object
//   kstudio.dev/ignore-all: "reason"                silences every rule for this object
inline constexpr char ignoreCheckAnnotationPrefix[] = "ignore-check.kstudio.dev/";
inline constexpr char ignoreAllAnnotation[] = "kstudio.dev/ignore-all";

// Every enabled rule on every object. Deterministic: the same snapshot and config give the
// same list, sorted by findingLessThan. Pure: safe on a worker thread.
Findings run(const model::Snapshot &snapshot, const Config &config = {});

// The same for a subset of objects, with an index of the whole snapshot (built once and kept
// while the snapshot is current). This is the incremental path: after an edit, re-check the
// edited object and the objects whose cross-object findings may have changed.
Findings run(const model::Snapshot &snapshot,
             const Index &index,
             const Config &config,
             const QList<model::ObjectId> &objects);

// The objects to re-check after the objects `changed` were added, edited or removed between
// two snapshots: the changed objects themselves (removed ones included) and every object whose
// cross-object findings could depend on them. References never cross namespaces except to
// cluster-scoped objects, so that is the objects of the namespaces the changed objects were
// or are in, plus, for a changed cluster-scoped object, the objects that may refer to it.
// Sorted by id. index is the index of `after`.
QList<model::ObjectId> affectedBy(const model::Snapshot &before,
                                  const model::Snapshot &after,
                                  const Index &index,
                                  const QList<model::ObjectId> &changed);

// previous (sorted, as run() returns it) with the findings of the objects in rechecked replaced
// by fresh (the findings of a run over rechecked), sorted: the incremental counterpart of a
// full run. Linear in previous; fresh is sorted, then merged in. Pass previous by std::move
// when it is not needed afterwards: its findings are then moved, not copied (a copy costs a
// reference count per string of each of the design's findings).
Findings
replaceFindings(Findings previous, const QList<model::ObjectId> &rechecked, Findings fresh);

// True when an annotation of object silences rule for it.
bool isSilenced(const model::Object &object, const QString &rule);

// Rule ids named in config (disabled or re-levelled) that no rule has, sorted.
QStringList unknownRuleIds(const Config &config);

} // namespace kstudio::sim::validate
