// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic generator of N-object designs (Deployments, Services, ConfigMaps, NetworkPolicies).
#pragma once

#include <cstddef>
#include <string>

namespace kstudio::bench {

// A multi-document YAML stream of exactly objectCount objects, about 500 bytes each, written
// the way kubectl writes manifests. Objects come in groups of four per application (ConfigMap,
// Deployment with probes and resources, Service, NetworkPolicy), 25 applications a namespace.
// The text depends only on objectCount: same count, same bytes, on every machine.
std::string generateDesign(std::size_t objectCount);

} // namespace kstudio::bench
