// SPDX-License-Identifier: GPL-3.0-or-later
// The one line of key facts an item shows under its name ("3 × nginx:1.27", "ClusterIP 80→8080").
#pragma once

#include <model/core/object.h>

#include <QString>

namespace kstudio::editors {

QString objectFacts(const model::Object &object);

} // namespace kstudio::editors
