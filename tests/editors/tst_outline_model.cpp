// SPDX-License-Identifier: GPL-3.0-or-later
// The outline tree over a document: a well-behaved item model that follows edits.
#include <editors/outline/outline_model.h>
#include <model/io/manifest_reader.h>

#include <support/test_support.h>

#include <QAbstractItemModelTester>
#include <QTreeView>

using namespace kstudio;

class tst_OutlineModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namespacesThenObjects();
    void followsEdits();
    void showsInATreeView();
};

static void loadExample(model::Document &document)
{
    model::LoadResult result = model::loadPaths({QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")});
    QVERIFY(!model::hasErrors(result.diagnostics));
    document.addObjects(std::move(result.objects));
}

void tst_OutlineModel::namespacesThenObjects()
{
    model::Document document;
    loadExample(document);
    editors::OutlineModel outline(&document);
    QAbstractItemModelTester tester(&outline, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(outline.rowCount(), 1); // the Namespace object heads its own group
    const QModelIndex shop = outline.index(0, 0);
    QCOMPARE(shop.data().toString(), QStringLiteral("shop"));
    QCOMPARE(outline.rowCount(shop), 14);
    // The Namespace first, then sorted by kind, then name.
    QCOMPARE(outline.index(0, 1, shop).data().toString(), QStringLiteral("Namespace"));
    QCOMPARE(outline.index(1, 1, shop).data().toString(), QStringLiteral("ConfigMap"));
    QCOMPARE(outline.index(2, 0, shop).data().toString(), QStringLiteral("api"));
    QVERIFY(outline.objectAt(outline.index(2, 0, shop)) != model::noObject);
    QCOMPARE(outline.objectAt(shop), model::noObject);
}

void tst_OutlineModel::followsEdits()
{
    model::Document document;
    loadExample(document);
    editors::OutlineModel outline(&document);
    QAbstractItemModelTester tester(&outline, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const model::ObjectId first = document.snapshot().objects().lastKey();
    QVERIFY(document.apply(model::Edit(model::SetField{first, model::FieldPath::parse("metadata.namespace"), model::Node::string("db")})));
    QCOMPARE(outline.rowCount(), 2);
    QCOMPARE(outline.index(0, 0).data().toString(), QStringLiteral("db"));
    QVERIFY(document.apply(model::Edit(model::RemoveObject{first})));
    QCOMPARE(outline.rowCount(), 1);
}

void tst_OutlineModel::showsInATreeView()
{
    model::Document document;
    loadExample(document);
    editors::OutlineModel outline(&document);
    QTreeView view;
    view.setModel(&outline);
    view.expandAll();
    view.resize(400, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.grab().isNull());
    QVERIFY(view.visualRect(outline.index(0, 0, outline.index(0, 0))).height() > 0);
}

QTEST_MAIN(tst_OutlineModel)
#include "tst_outline_model.moc"
