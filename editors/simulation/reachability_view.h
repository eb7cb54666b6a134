// SPDX-License-Identifier: GPL-3.0-or-later
// ReachabilityView: the workload-to-workload matrix of what NetworkPolicies allow (sim/reach,
// the CLI's engine), grouped by namespace (a namespace collapses into one row and column),
// filtered by port, coloured allowed/denied, with the explanation of a cell on click (the
// policies and rules that decide each direction). Also the path query (from, to, port) as hops
// for the canvas to draw (through Ingress/Gateway and Service to the pods, with the deciding
// policy), the workloads exposed outside the cluster (sim/reach exposures()), and the workloads
// a selected one can reach / be reached from for the canvas to highlight.
#pragma once

#include <model/core/document.h>
#include <sim/reach/connection_set.h>

#include <QHash>
#include <QList>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <map>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QPlainTextEdit;
class QTableWidget;
class QThread;

namespace kstudio::sim::reach {
class Network;
}

namespace kstudio::editors {

// One way through the cluster the canvas draws: the objects in order (an Ingress, Gateway or
// route, a Service, the destination workload; or the source workload first), whether any of its
// connections is allowed, and what to write on it.
struct ReachPath
{
    QList<model::ObjectId> hops;
    bool fromOutside = false; // starts at the internet (or a client range), not at hops.front()
    bool allowed = false;
    QString label;            // "5432/TCP allowed", "Ingress shop/shop /api"
    QString decidedBy;        // the deciding policies (or that none isolates)
};

// A workload reachable from outside the cluster and every way in (exposure.h).
struct ExposedWorkload
{
    model::ObjectId workload = model::noObject;
    QStringList ways;           // "LoadBalancer default/web load balancer port 80/TCP -> 8080/TCP"
    QList<ReachPath> paths;     // the allowed ones, each ending at workload
};

class ReachabilityView final : public QWidget
{
    Q_OBJECT
public:
    explicit ReachabilityView(const model::Document *document, QWidget *parent = nullptr);
    ~ReachabilityView() override;

    // At once, on this thread. The design's edits re-compute on a worker thread once they pause
    // (recomputed() then follows); waitForBackground() waits for that one (tests, benchmarks).
    void recompute();
    void waitForBackground();
    QTableWidget *matrix() const { return m_matrix; }
    // The allowed ports from one workload ("ns/name") to another, as sim/reach writes them
    // ("" when the pair has no connection at all, "none" when all are denied), under the port
    // filter.
    QString cell(const QString &from, const QString &to) const;
    // Explains a cell: per port, the verdict and each direction's deciding policies and rules.
    QString explain(const QString &from, const QString &to) const;
    // What the explanation pane shows now.
    QString explanation() const;
    // Selects the cell of two workloads ("ns/name") and explains it, as a click does.
    bool showCell(const QString &from, const QString &to);
    // The workloads id's pods can reach, and those that can reach them (ids of workload objects).
    QSet<model::ObjectId> reachableFrom(model::ObjectId id) const;
    QSet<model::ObjectId> reachingTo(model::ObjectId id) const;

    // Matrix rows/columns: "ns/name" of a workload, or "ns/*" for a collapsed namespace.
    QStringList axis() const;
    void setNamespaceCollapsed(const QString &ns, bool collapsed);
    // Above this many workloads the matrix opens with its namespaces collapsed.
    static constexpr int expandedAtMost = 60;
    bool isNamespaceCollapsed(const QString &ns) const { return m_collapsed.contains(ns); }
    // "80", "53/UDP" or "" for every port; a bad value leaves the matrix unfiltered and says so.
    void setPortFilter(const QString &text);

    // Path query (as `kstudio reach --from --to --port`): every connection with its reason in
    // the explanation pane, and the paths for the canvas. `from` may also be "internet": the
    // exposure paths (LoadBalancer, NodePort, Ingress, Gateway) to `to` (a workload, a Service,
    // an Ingress or a Gateway). Empty from and to clear it.
    void runPathQuery();
    QString pathResult() const;
    const QSet<model::ObjectId> &pathSources() const { return m_pathSources; }
    const QSet<model::ObjectId> &pathDestinations() const { return m_pathDestinations; }
    const QList<ReachPath> &paths() const { return m_paths; }

    // Exposure to the internet: computed only while enabled (the canvas overlay is on).
    void setExposureEnabled(bool enabled);
    bool isExposureEnabled() const { return m_exposureEnabled; }
    const QList<ExposedWorkload> &exposed() const { return m_exposed; }

Q_SIGNALS:
    void recomputed();
    void pathQueried();
    void exposureChanged();

private:
    struct AxisEntry
    {
        QString label;
        QString ns;
        QStringList members; // workloads ("ns/name") standing behind this row/column
        bool group = false;
    };
    // What one computation gives, built from an immutable snapshot (any thread).
    struct Computed
    {
        std::map<std::pair<QString, QString>, QString> cells;
        std::map<std::pair<QString, QString>, bool> anyAllowed;
        std::map<QString, QString> groupOf;
        QStringList workloads;
        QString filterError;
        bool withExposure = false;
        QList<ExposedWorkload> exposed;
    };
    static Computed compute(const model::Snapshot &snapshot, const QString &portFilter, bool exposure);
    static QList<ExposedWorkload> exposureOf(const model::Snapshot &snapshot, const sim::reach::Network &network);
    void apply(Computed computed);
    void startBackground();
    void backgroundFinished();
    void rebuildTable();
    void showExplanation(int row, int column);
    void toggleSection(int section);
    static bool parsePort(const QString &text, std::optional<int> *port, std::optional<sim::reach::Protocol> *protocol,
                          QString *error);
    model::ObjectId workloadId(const QString &name) const;
    QString workloadName(model::ObjectId id) const;
    model::ObjectId objectIdOf(const QString &kind, const QString &qualifiedName) const;

    const model::Document *m_document;
    QTimer m_pause;
    std::map<std::pair<QString, QString>, QString> m_cells; // allowed ports text
    std::map<std::pair<QString, QString>, bool> m_anyAllowed;
    QStringList m_workloads;
    std::map<QString, QString> m_groupOf; // workload -> namespace (or the external's name)
    QSet<QString> m_collapsed;
    // Until the user collapses or expands a namespace, a design with many workloads starts
    // collapsed (a table of every pair is unreadable, and slow to build).
    bool m_collapseTouched = false;
    QList<AxisEntry> m_axis;
    QString m_portFilter;
    QTableWidget *m_matrix;
    QPlainTextEdit *m_why;
    QLabel *m_summary;
    QLineEdit *m_portFilterEdit;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QLineEdit *m_port;
    QPushButton *m_query;
    QSet<model::ObjectId> m_pathSources;
    QSet<model::ObjectId> m_pathDestinations;
    QList<ReachPath> m_paths;
    bool m_exposureEnabled = false;
    QList<ExposedWorkload> m_exposed;
    QThread *m_worker = nullptr;
    quint64 m_generation = 0; // of the latest computation asked for
    bool m_again = false;     // the design changed while the worker ran
};

} // namespace kstudio::editors
