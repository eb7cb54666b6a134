#!/usr/bin/env python3
"""Writes resources/icons/kinds/<icon>.svg: one icon per kind of model/kinds, in the manner of
the Kubernetes community icons (a heptagon in the kind's category colour with the kind's short
name, as `kubectl api-resources` prints it). Run by hand after adding a kind; the output is
committed."""
import math, os, sys

CATEGORY = {"Workloads": "#326ce5", "Networking": "#0f9d8a", "ConfigStorage": "#8e5ed6",
            "Policy": "#d9822b", "Cluster": "#5f6b7a", "Custom": "#7a7a7a"}
KINDS = [  # (icon, short name, category)
    ("api_service", "api", "Cluster"), ("cluster_role", "c.role", "Policy"),
    ("cluster_role_binding", "crb", "Policy"), ("config_map", "cm", "ConfigStorage"),
    ("cron_job", "cj", "Workloads"), ("custom_resource_definition", "crd", "Cluster"),
    ("daemon_set", "ds", "Workloads"), ("deployment", "deploy", "Workloads"),
    ("horizontal_pod_autoscaler", "hpa", "Policy"), ("ingress", "ing", "Networking"),
    ("ingress_class", "ic", "Networking"), ("job", "job", "Workloads"),
    ("limit_range", "limits", "Policy"), ("mutating_webhook_configuration", "mwc", "Cluster"),
    ("namespace", "ns", "Cluster"), ("network_policy", "netpol", "Policy"),
    ("node", "node", "Cluster"), ("persistent_volume", "pv", "ConfigStorage"),
    ("persistent_volume_claim", "pvc", "ConfigStorage"), ("pod", "pod", "Workloads"),
    ("pod_disruption_budget", "pdb", "Policy"), ("priority_class", "pc", "Policy"),
    ("replica_set", "rs", "Workloads"), ("replication_controller", "rc", "Workloads"),
    ("resource_quota", "quota", "Policy"), ("role", "role", "Policy"),
    ("role_binding", "rb", "Policy"), ("secret", "secret", "ConfigStorage"),
    ("service", "svc", "Networking"), ("service_account", "sa", "Policy"),
    ("stateful_set", "sts", "Workloads"), ("storage_class", "sc", "ConfigStorage"),
    ("validating_admission_policy", "vap", "Cluster"),
    ("validating_admission_policy_binding", "vapb", "Cluster"),
    ("validating_webhook_configuration", "vwc", "Cluster"), ("custom", "cr", "Custom"),
]

def heptagon(cx, cy, r):
    pts = []
    for i in range(7):
        a = -math.pi / 2 + i * 2 * math.pi / 7
        pts.append(f"{cx + r * math.cos(a):.2f},{cy + r * math.sin(a):.2f}")
    return " ".join(pts)

def main(out):
    os.makedirs(out, exist_ok=True)
    for icon, short, category in KINDS:
        colour = CATEGORY[category]
        size = 13 if len(short) <= 3 else (10 if len(short) <= 5 else 8.5)
        svg = f'''<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">
  <polygon points="{heptagon(24, 25, 22)}" fill="{colour}" stroke="#ffffff" stroke-width="2" stroke-linejoin="round"/>
  <text x="24" y="{29 + (size - 10) / 3:.1f}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="{size}" fill="#ffffff" text-anchor="middle">{short}</text>
</svg>
'''
        with open(os.path.join(out, icon + ".svg"), "w") as f:
            f.write(svg)

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "resources", "icons", "kinds"))
