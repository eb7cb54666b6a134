// SPDX-License-Identifier: GPL-3.0-or-later
// Undo/redo through QUndoStack with the one EditCommand: the GUI path over model::Edit.
#include <editors/commands/edit_command.h>
#include <model/core/auto_layout.h>
#include <model/io/manifest_reader.h>

#include <support/test_support.h>

#include <QUndoStack>

using namespace kstudio;

class tst_EditCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void undoRedoRestoreTheDesign();
    void consecutiveSetsOfOneFieldMerge();
    void consecutiveMovesMerge();
    void failedEditLeavesNoStep();
};

namespace {

model::ObjectId loadDeployment(model::Document &document)
{
    model::LoadResult result = model::loadPaths({test::dataDir() + QStringLiteral("/model/roundtrip/deployment.yaml")});
    document.addObjects(std::move(result.objects));
    document.apply(model::layoutEdit(model::autoLayout(document.snapshot())));
    return document.snapshot().objects().firstKey();
}

long long replicas(const model::Document &document, model::ObjectId id)
{
    return *document.snapshot().object(id)->body.at(model::FieldPath::parse("spec.replicas"))->toInt();
}

} // namespace

void tst_EditCommand::undoRedoRestoreTheDesign()
{
    model::Document document;
    const model::ObjectId id = loadDeployment(document);
    const model::Node original = document.snapshot().object(id)->body;
    QUndoStack stack;
    stack.push(new editors::EditCommand(&document, model::Edit(model::SetField{id, model::FieldPath::parse("spec.template.spec.containers[0].image"), model::Node::string("nginx:1.28")})));
    stack.push(new editors::EditCommand(&document, model::Edit(model::SetField{id, model::FieldPath::parse("metadata.labels.tier"), model::Node::string("web")})));
    QCOMPARE(stack.count(), 2);
    QCOMPARE(stack.text(0), QStringLiteral("Set spec.template.spec.containers[0].image on Deployment shop/web"));
    stack.undo();
    stack.undo();
    QVERIFY(document.snapshot().object(id)->body == original);
    stack.redo();
    stack.redo();
    QCOMPARE(document.snapshot().object(id)->body.at(model::FieldPath::parse("metadata.labels.tier"))->text(), std::string("web"));
}

void tst_EditCommand::consecutiveSetsOfOneFieldMerge()
{
    model::Document document;
    const model::ObjectId id = loadDeployment(document);
    QUndoStack stack;
    for (int value : {4, 5, 6})
        stack.push(new editors::EditCommand(&document, model::Edit(model::SetField{id, model::FieldPath::parse("spec.replicas"), model::Node::integer(value)})));
    QCOMPARE(stack.count(), 1);
    QCOMPARE(replicas(document, id), 6LL);
    stack.undo();
    QCOMPARE(replicas(document, id), 3LL);
    stack.redo();
    QCOMPARE(replicas(document, id), 6LL);
}

void tst_EditCommand::consecutiveMovesMerge()
{
    model::Document document;
    const model::ObjectId id = loadDeployment(document);
    const QPointF start = document.snapshot().layout().items.value(id).position;
    QUndoStack stack;
    for (int i = 0; i < 5; ++i)
        stack.push(new editors::EditCommand(&document, model::Edit(model::MoveItems{{id}, QPointF(3, 4)})));
    QCOMPARE(stack.count(), 1);
    QCOMPARE(document.snapshot().layout().items.value(id).position, start + QPointF(15, 20));
    stack.undo();
    QCOMPARE(document.snapshot().layout().items.value(id).position, start);
}

void tst_EditCommand::failedEditLeavesNoStep()
{
    model::Document document;
    const model::ObjectId id = loadDeployment(document);
    QUndoStack stack;
    stack.push(new editors::EditCommand(&document, model::Edit(model::SetField{id, model::FieldPath::parse("kind.x"), model::Node::integer(1)})));
    QCOMPARE(stack.count(), 0);
}

QTEST_MAIN(tst_EditCommand)
#include "tst_edit_command.moc"
