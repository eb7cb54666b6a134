// SPDX-License-Identifier: GPL-3.0-or-later
// InspectorWidget: the selected object's common fields as a form (Properties tab) and its
// whole manifest (YAML tab, two-way). Each field edit is one EditCommand; the YAML tab
// applies a valid manifest as one ReplaceBody and shows why an invalid one is refused.
#pragma once

#include <model/core/document.h>

#include <QWidget>

#include <functional>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QCheckBox;
class QUndoStack;

namespace kstudio::editors {

class InspectorWidget final : public QWidget
{
    Q_OBJECT
public:
    InspectorWidget(model::Document *document, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~InspectorWidget() override;

    void setObject(model::ObjectId id);
    model::ObjectId object() const { return m_id; }

    // The form's editor of a field (by its path as FieldPath text, e.g. "spec.replicas" or
    // "image"), for tests and for "focus the field" from a finding.
    QWidget *editorFor(const QString &field) const;
    bool focusField(const QString &path);

    // The YAML tab.
    QPlainTextEdit *yamlEditor() const { return m_yaml; }
    // Applies the YAML tab's text; false (with the error shown under it) when it is not one
    // valid manifest.
    bool applyYaml();
    QString yamlError() const;
    QTabWidget *tabs() const { return m_tabs; }
    // The NetworkPolicy rule editor (rows: ingress rules, then egress rules; columns:
    // direction, peers, ports as model/edits/network_policy_text.h writes them).
    QTableWidget *ruleTable() const { return m_rules; }
    void addRule(const QString &direction);
    void removeRule(int row);

private:
    struct Field;
    void documentChanged(const model::ChangeSet &changes);
    void rebuildForm();
    void refreshValues();
    void refreshYaml();
    void addRuleEditor();
    void refreshRules();
    void commitRule(int row);
    void commitPolicyTypes();
    void commit(const Field &field, const QString &text);
    void addField(const QString &label, const QString &key, const QString &path, int kind,
                  const QString &tip = QString(), const QStringList &choices = {});

    model::Document *m_document;
    QUndoStack *m_undoStack;
    model::ObjectId m_id = model::noObject;
    QString m_formKind;
    QTabWidget *m_tabs;
    QWidget *m_formPage;
    QFormLayout *m_form;
    QLabel *m_header;
    QList<Field *> m_fields;
    QPlainTextEdit *m_yaml;
    QLabel *m_yamlError;
    QPushButton *m_apply;
    QTableWidget *m_rules = nullptr;
    QLabel *m_rulesError = nullptr;
    QCheckBox *m_ingressType = nullptr;
    QCheckBox *m_egressType = nullptr;
    bool m_yamlDirty = false;
    bool m_settingYaml = false;
};

} // namespace kstudio::editors
