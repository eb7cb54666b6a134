// SPDX-License-Identifier: GPL-3.0-or-later
// Edits and their inverses: applying an edit then its inverse gives back the same design, and
// every applied edit says what it changed.
#include <model/core/auto_layout.h>
#include <model/core/document.h>
#include <model/io/manifest_reader.h>

#include <support/test_support.h>

#include <QSignalSpy>

using namespace kstudio::model;

Q_DECLARE_METATYPE(kstudio::model::ChangeSet)

class tst_DocumentEdits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editThenInverseIsIdentity_data();
    void editThenInverseIsIdentity();
    void changeSetNamesWhatChanged();
    void invalidEditsChangeNothing();
    void compoundIsAllOrNothing();
    void idsAreStable();
};

namespace {

bool sameDesign(const Snapshot &a, const Snapshot &b)
{
    if (a.objects().keys() != b.objects().keys())
        return false;
    for (auto it = a.objects().cbegin(); it != a.objects().cend(); ++it) {
        if (!(it.value()->body == b.object(it.key())->body))
            return false;
    }
    return a.layout() == b.layout() && a.nodePools() == b.nodePools() && a.notes() == b.notes();
}

void load(Document &document, const QString &path)
{
    LoadResult result = loadPaths({path});
    QVERIFY(!hasErrors(result.diagnostics));
    document.addObjects(std::move(result.objects));
    document.apply(layoutEdit(autoLayout(document.snapshot())));
}

// A generated list of edits over a design: for each object, set a new label, change a scalar,
// remove a field, append to a sequence, replace the body, move it, delete it.
std::vector<Edit> generatedEdits(const Snapshot &snapshot, ObjectId freshId)
{
    std::vector<Edit> edits;
    for (const auto &object : snapshot.objects()) {
        const ObjectId id = object->id;
        edits.push_back(Edit(SetField{id, FieldPath::parse("metadata.labels[\"kstudio.test/x\"]"), Node::string("1")}));
        edits.push_back(Edit(SetField{id, FieldPath::parse("metadata.name"), Node::string("renamed")}));
        edits.push_back(Edit(SetField{id, FieldPath::parse("metadata"), std::nullopt}));
        edits.push_back(Edit(SetField{id, FieldPath::parse("spec.brand.new.path"), Node::integer(7)}));
        if (const Node *containers = object->body.at(FieldPath::parse("spec.template.spec.containers")))
            edits.push_back(Edit(SetField{id, FieldPath::parse("spec.template.spec.containers").child(static_cast<int>(containers->size())), Node::mapping()}));
        edits.push_back(Edit(ReplaceBody{id, Node::mapping()}));
        edits.push_back(Edit(MoveItems{{id}, QPointF(10, -5)}));
        edits.push_back(Edit(RemoveObject{id}));
    }
    Object added;
    added.id = freshId;
    added.body.set("kind", Node::string("ConfigMap"));
    edits.push_back(Edit(AddObject{added}));
    NodePool pool;
    pool.name = QStringLiteral("general");
    pool.count = 3;
    pool.zones = {QStringLiteral("a"), QStringLiteral("b")};
    edits.push_back(Edit(SetNodePools{{pool}}));
    edits.push_back(Edit(SetFrameLayout{QStringLiteral("shop"), std::nullopt}));
    edits.push_back(Edit(SetNotes{QStringLiteral("A lesson: default-deny first.")}));
    return edits;
}

} // namespace

void tst_DocumentEdits::initTestCase()
{
    qRegisterMetaType<ChangeSet>();
}

void tst_DocumentEdits::editThenInverseIsIdentity_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(kstudio::test::dataDir() + QStringLiteral("/model/roundtrip"));
    for (const QString &file : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(file.chopped(5))) << dir.filePath(file);
}

void tst_DocumentEdits::editThenInverseIsIdentity()
{
    QFETCH(QString, path);
    Document document;
    load(document, path);
    const Snapshot original = document.snapshot();
    int applied = 0;
    for (const Edit &edit : generatedEdits(original, document.newId())) {
        const Snapshot before = document.snapshot();
        std::optional<Edit> inverse = document.apply(edit);
        if (!inverse) {
            QVERIFY(sameDesign(before, document.snapshot()));
            continue;
        }
        ++applied;
        QVERIFY(document.apply(*inverse));
        QVERIFY2(sameDesign(before, document.snapshot()), qPrintable(edit.describe(before)));
    }
    QVERIFY(applied > 5);
    QVERIFY(sameDesign(original, document.snapshot()));
}

void tst_DocumentEdits::changeSetNamesWhatChanged()
{
    Document document;
    load(document, kstudio::test::dataDir() + QStringLiteral("/model/roundtrip/deployment.yaml"));
    const ObjectId id = document.snapshot().objects().firstKey();
    QSignalSpy spy(&document, &Document::changed);
    const FieldPath replicas = FieldPath::parse("spec.replicas");
    QVERIFY(document.apply(Edit(SetField{id, replicas, Node::integer(5)})));
    QCOMPARE(spy.count(), 1);
    const ChangeSet changes = spy.takeFirst().at(0).value<ChangeSet>();
    QCOMPARE(changes.modified, QList<ObjectId>{id});
    QCOMPARE(changes.modifiedPaths.front(), replicas);
    QVERIFY(changes.added.isEmpty() && changes.removed.isEmpty() && !changes.layoutChanged);
    QCOMPARE(*document.snapshot().object(id)->body.at(replicas)->toInt(), 5LL);

    QVERIFY(document.apply(Edit(RemoveObject{id})));
    const ChangeSet removal = spy.takeFirst().at(0).value<ChangeSet>();
    QCOMPARE(removal.removed, QList<ObjectId>{id});
    QVERIFY(removal.layoutChanged); // its canvas position went with it
}

void tst_DocumentEdits::invalidEditsChangeNothing()
{
    Document document;
    load(document, kstudio::test::dataDir() + QStringLiteral("/model/roundtrip/service.yaml"));
    const ObjectId id = document.snapshot().objects().firstKey();
    const Snapshot before = document.snapshot();
    QSignalSpy spy(&document, &Document::changed);
    QVERIFY(!document.apply(Edit(SetField{ObjectId{999}, FieldPath::parse("a"), Node::integer(1)})));
    QVERIFY(!document.apply(Edit(SetField{id, FieldPath::parse("kind.sub"), Node::integer(1)}))); // through a scalar
    QVERIFY(!document.apply(Edit(SetField{id, FieldPath::parse("spec.ports[5]"), Node::integer(1)}))); // past the end
    QVERIFY(!document.apply(Edit(RemoveObject{ObjectId{999}})));
    Object duplicate;
    duplicate.id = id;
    QVERIFY(!document.apply(Edit(AddObject{duplicate})));
    QCOMPARE(spy.count(), 0);
    QVERIFY(sameDesign(before, document.snapshot()));
}

void tst_DocumentEdits::compoundIsAllOrNothing()
{
    Document document;
    load(document, kstudio::test::dataDir() + QStringLiteral("/model/roundtrip/service.yaml"));
    const ObjectId id = document.snapshot().objects().firstKey();
    const Snapshot before = document.snapshot();
    std::vector<Edit> parts;
    parts.push_back(Edit(SetField{id, FieldPath::parse("spec.type"), Node::string("NodePort")}));
    parts.push_back(Edit(SetField{id, FieldPath::parse("kind.sub"), Node::integer(1)})); // fails
    QVERIFY(!document.apply(Edit(Compound{QStringLiteral("two"), std::move(parts)})));
    QVERIFY(sameDesign(before, document.snapshot()));
}

void tst_DocumentEdits::idsAreStable()
{
    Document document;
    load(document, kstudio::test::dataDir() + QStringLiteral("/model/roundtrip/custom-resource-definition.yaml"));
    const QList<ObjectId> ids = document.snapshot().objects().keys();
    QCOMPARE(ids.size(), 2);
    // Renaming does not change the id; a new object gets a fresh one.
    QVERIFY(document.apply(Edit(SetField{ids[0], FieldPath::parse("metadata.name"), Node::string("other")})));
    QCOMPARE(document.snapshot().objects().keys(), ids);
    const ObjectId fresh = document.newId();
    QVERIFY(!ids.contains(fresh));
}

QTEST_GUILESS_MAIN(tst_DocumentEdits)
#include "tst_document_edits.moc"
