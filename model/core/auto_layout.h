// SPDX-License-Identifier: GPL-3.0-or-later
// Auto-layout for imported designs: namespaces as frames, traffic flowing left to right.
#pragma once

#include "edit.h"
#include "snapshot.h"

namespace kstudio::model {

// The size of an object's item on the canvas; frames are laid out around items of this size.
inline constexpr double layoutItemWidth = 180;
inline constexpr double layoutItemHeight = 70;

// Frames per namespace (cluster-scoped objects in a frame named ""), each with columns
// Ingress -> Services -> workloads -> config/storage -> policies -> others; no overlaps.
Layout autoLayout(const Snapshot &snapshot);

// The edit that sets every item and frame of layout (one undo step).
Edit layoutEdit(const Layout &layout);

} // namespace kstudio::model
