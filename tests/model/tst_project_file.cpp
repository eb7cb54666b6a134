// SPDX-License-Identifier: GPL-3.0-or-later
// .kstudio projects: write -> read keeps the design exactly; hostile archives (zip-slip, links,
// bombs, truncation, deep JSON) are refused with a clear Fatal diagnostic; saving is atomic.
#include <model/core/document.h>
#include <model/io/project_file.h>
#include <model/io/yaml_reader.h>
#include <model/io/yaml_writer.h>

#include <support/test_support.h>

#include <QBuffer>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>

#include <csignal>
#include <optional>

#include <sys/resource.h>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

using namespace kstudio::model;

namespace {

struct ZipEntry
{
    ZipEntry(QString entryName, QByteArray entryData, quint32 mode = 0100644)
        : name(std::move(entryName))
        , data(std::move(entryData))
        , unixMode(mode)
    {}
    // An entry whose data is already deflated, with a header claiming this size and CRC.
    static ZipEntry raw(QString entryName, QByteArray deflated, ulong size, quint32 crc)
    {
        ZipEntry entry(std::move(entryName), std::move(deflated));
        entry.claimedSize = size;
        entry.claimedCrc = crc;
        return entry;
    }

    QString name;
    QByteArray data;
    quint32 unixMode = 0100644;
    std::optional<ulong> claimedSize;
    quint32 claimedCrc = 0;
};

QByteArray makeZip(const QList<ZipEntry> &entries)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QuaZip zip(&buffer);
    zip.setUtf8Enabled(true);
    if (!zip.open(QuaZip::mdCreate))
        return {};
    for (const ZipEntry &entry : entries) {
        QuaZipNewInfo info(entry.name);
        info.externalAttr = entry.unixMode << 16;
        QuaZipFile file(&zip);
        bool opened = false;
        if (entry.claimedSize) {
            info.uncompressedSize = *entry.claimedSize;
            opened = file.open(QIODevice::WriteOnly,
                               info,
                               nullptr,
                               entry.claimedCrc,
                               Z_DEFLATED,
                               Z_DEFAULT_COMPRESSION,
                               true);
        } else {
            opened = file.open(QIODevice::WriteOnly, info);
        }
        if (!opened || file.write(entry.data) != entry.data.size())
            return {};
        file.close();
    }
    zip.close();
    return zip.getZipError() == UNZ_OK ? bytes : QByteArray();
}

// Raw deflate data: qCompress gives a 4-byte size, a 2-byte zlib header, the data, an Adler-32.
QByteArray rawDeflate(const QByteArray &data)
{
    const QByteArray zlib = qCompress(data, 9);
    return zlib.mid(6, zlib.size() - 6 - 4);
}

QByteArray headerJson(int format = 1)
{
    return QStringLiteral("{\"format\": %1, \"generator\": \"kstudio test\"}").arg(format).toUtf8();
}

const QByteArray oneManifest = QByteArrayLiteral(
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  port: \"8080\"\n");
const QByteArray oneObjectDesign = QByteArrayLiteral("{\"objects\": [{\"id\": 7}]}");

QList<ZipEntry> validEntries()
{
    return {{QStringLiteral("kstudio.json"), headerJson()},
            {QStringLiteral("manifests.yaml"), oneManifest},
            {QStringLiteral("design.json"), oneObjectDesign}};
}

QList<ZipEntry> withEntry(QList<ZipEntry> entries, const QString &name, const QByteArray &data)
{
    for (ZipEntry &entry : entries) {
        if (entry.name == name) {
            entry.data = data;
            return entries;
        }
    }
    entries.append({name, data});
    return entries;
}

QList<ZipEntry> withoutEntry(QList<ZipEntry> entries, const QString &name)
{
    entries.removeIf([&](const ZipEntry &entry) { return entry.name == name; });
    return entries;
}

QByteArray randomBytes(int size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = static_cast<char>(generator.bounded(256));
    return bytes;
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

std::vector<Object> objectsFromYaml(const char *yaml)
{
    YamlReadResult read = readYaml(yaml, QStringLiteral("fixture.yaml"));
    std::vector<Object> objects;
    for (YamlDocument &document : read.documents) {
        Object object;
        object.origin = {QStringLiteral("fixture.yaml"), document.root.mark()};
        object.body = std::move(document.root);
        objects.push_back(std::move(object));
    }
    return objects;
}

// Styles that change meaning when lost: quoted numbers and words, YAML 1.1 octal, literal
// blocks, unicode, flow mappings, explicit nulls and empty strings. (No folded block: the YAML
// writer writes folded text as a literal block, same text but another style, by design.)
const char *const designYaml = R"(apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: "ünïcödé ☸ 日本語"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    quoted-port: "8080"
    single: 'it''s "quoted"'
    boolish: "yes"
    version: "1.10"
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 8080
        resources:
          requests: {cpu: 100m, memory: 128Mi}
        command:
        - /bin/sh
        - -c
        - |
          echo "starting"
          exec nginx -g 'daemon off;'
        args: []
        env:
        - name: EMPTY
          value: ""
        - name: NOTHING
          value: ~
      volumes:
      - name: scripts
        configMap:
          name: scripts
          defaultMode: 0755
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: scripts
  namespace: shop
data:
  run.sh: |
    #!/bin/sh
    printf '%s\n' "héllo wörld"
  motd: "tab\there \u00e9 \U0001F600"
)";

// Every comparison a round trip must pass: ids, bodies (styles included), origins, layout,
// node pools, notes.
void compareRead(const ProjectReadResult &read, const Snapshot &expected, const QString &path)
{
    QVERIFY2(
        read.ok,
        qPrintable(read.diagnostics.isEmpty() ? QString() : read.diagnostics.first().toString()));
    QVERIFY(read.diagnostics.isEmpty());
    QCOMPARE(read.formatVersion, projectFormatVersion);
    QCOMPARE(static_cast<int>(read.objects.size()), expected.size());
    int index = 0;
    quint32 previousLine = 0;
    for (auto it = expected.objects().cbegin(); it != expected.objects().cend(); ++it, ++index) {
        const Object &object = read.objects[static_cast<std::size_t>(index)];
        QCOMPARE(toInt(object.id), toInt(it.key()));
        QVERIFY2(object.body == it.value()->body,
                 qPrintable(QStringLiteral("object %1 changed:\n%2\nbecame\n%3")
                                .arg(toInt(it.key()))
                                .arg(QString::fromStdString(writeYaml(it.value()->body)),
                                     QString::fromStdString(writeYaml(object.body)))));
        QCOMPARE(object.origin.file, path + QStringLiteral(":manifests.yaml"));
        QVERIFY(object.origin.mark.line > previousLine);
        previousLine = object.origin.mark.line;
    }
    QVERIFY(read.layout == expected.layout());
    QVERIFY(read.nodePools == expected.nodePools());
    QCOMPARE(read.notes, expected.notes());
}

bool hasFatal(const ProjectReadResult &read, const QString &file, const QString &text, int line)
{
    return std::any_of(
        read.diagnostics.cbegin(), read.diagnostics.cend(), [&](const Diagnostic &d) {
            return d.severity == DiagnosticSeverity::Fatal && d.file == file
                   && d.message.contains(text)
                   && (line == 0 || (line < 0 ? d.line > 0 : d.line == line));
        });
}

// Lowers RLIMIT_FSIZE for this process, so that writing past it fails with EFBIG (SIGXFSZ is
// ignored meanwhile). Works even as root, where directory permissions do not stop a write.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_previous);
        m_previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_previous;
        limit.rlim_cur = bytes;
        m_active = setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_previous);
        std::signal(SIGXFSZ, m_previousHandler);
    }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;
    bool isActive() const { return m_active; }

private:
    rlimit m_previous{};
    void (*m_previousHandler)(int) = nullptr;
    bool m_active = false;
};

} // namespace

class tst_ProjectFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip();
    void roundTripEmpty();
    void stableIds();
    void toSnapshotFeedsDocument();
    void writeIsDeterministic();
    void hostileArchive_data();
    void hostileArchive();
    void zipBombStopsEarly();
    void jsonDepthLimit_data();
    void jsonDepthLimit();
    void unknownEntryIsIgnored();
    void missingDesignJson();
    void layoutProblemsAreWarnings();
    void atomicSave_data();
    void atomicSave();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    Snapshot richSnapshot();

    QTemporaryDir m_dir;
};

void tst_ProjectFile::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

// A design through Document, as the studio builds one: objects, item and frame layout, node
// pools, notes; the view has no Edit, so it is set through toSnapshot().
Snapshot tst_ProjectFile::richSnapshot()
{
    Document document;
    const QList<ObjectId> ids = document.addObjects(objectsFromYaml(designYaml));
    if (ids.size() != 3)
        return {};
    document.apply(Edit(SetItemLayout{ids[0], ItemLayout{QPointF(12.5, -7.25), QSizeF(), true}}));
    document.apply(Edit(SetItemLayout{ids[1], ItemLayout{QPointF(0.1, 1e6), QSizeF(), false}}));
    document.apply(Edit(SetFrameLayout{
        QStringLiteral("shop"), ItemLayout{QPointF(-40, 30), QSizeF(640.5, 480.25), false}}));
    document.apply(Edit(SetFrameLayout{QStringLiteral("kube-système"),
                                       ItemLayout{QPointF(900, 0), QSizeF(200, 100), true}}));
    NodePool general;
    general.name = QStringLiteral("general");
    general.count = 3;
    general.zones = {QStringLiteral("eu-west-1a"), QStringLiteral("eu-west-1b")};
    general.labels
        = {{QStringLiteral("tier"), QStringLiteral("général")},
           {QStringLiteral("node.kubernetes.io/instance-type"), QStringLiteral("m5.xlarge")}};
    NodePool gpu;
    gpu.name = QStringLiteral("gpu");
    gpu.count = 1;
    gpu.cpu = QStringLiteral("32");
    gpu.memory = QStringLiteral("256Gi");
    gpu.pods = 58;
    gpu.taints = {QStringLiteral("nvidia.com/gpu=present:NoSchedule")};
    document.apply(Edit(SetNodePools{{general, gpu}}));
    document.setNotes(QStringLiteral("Shop design — \"v2\"\n\tback\\slash, 日本語 ☸\n"));

    const Snapshot &built = document.snapshot();
    ProjectReadResult parts;
    for (const auto &object : built.objects())
        parts.objects.push_back(*object);
    parts.layout = built.layout();
    parts.layout.view = ViewState{QPointF(-120.5, 48.25), 1.75};
    parts.nodePools = built.nodePools();
    parts.notes = built.notes();
    return toSnapshot(std::move(parts));
}

void tst_ProjectFile::roundTrip()
{
    const Snapshot snapshot = richSnapshot();
    QCOMPARE(snapshot.size(), 3);
    QCOMPARE(snapshot.layout().items.size(), 2);
    const QString file = path(QStringLiteral("round-trip.kstudio"));
    QString error;
    QVERIFY2(writeProject(file, snapshot, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    const ProjectReadResult read = readProject(file);
    compareRead(read, snapshot, file);
    if (QTest::currentTestFailed())
        return;

    // And once more from what was read: a second save is the same design.
    const QString again = path(QStringLiteral("round-trip-again.kstudio"));
    QVERIFY2(writeProject(again, toSnapshot(read), &error), qPrintable(error));
    compareRead(readProject(again), snapshot, again);
}

void tst_ProjectFile::roundTripEmpty()
{
    const QString file = path(QStringLiteral("empty.kstudio"));
    QString error;
    QVERIFY2(writeProject(file, Snapshot(), &error), qPrintable(error));
    compareRead(readProject(file), Snapshot(), file);
}

// Ids are not renumbered: a design whose object 2 was deleted still has objects 1 and 3, and
// layout follows its objects.
void tst_ProjectFile::stableIds()
{
    Document document;
    const QList<ObjectId> ids = document.addObjects(objectsFromYaml(designYaml));
    QCOMPARE(ids.size(), 3);
    QVERIFY(
        document.apply(Edit(SetItemLayout{ids[2], ItemLayout{QPointF(5, 6), QSizeF(), false}})));
    QVERIFY(document.apply(Edit(RemoveObject{ids[1]})));
    const QString file = path(QStringLiteral("stable-ids.kstudio"));
    QString error;
    QVERIFY2(writeProject(file, document.snapshot(), &error), qPrintable(error));
    const ProjectReadResult read = readProject(file);
    compareRead(read, document.snapshot(), file);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(toInt(read.objects[0].id), toInt(ids[0]));
    QCOMPARE(toInt(read.objects[1].id), toInt(ids[2]));
    QCOMPARE(read.objects[0].origin.mark.line, 1u);
    QCOMPARE(read.objects[1].kind(), QStringLiteral("ConfigMap"));
    QCOMPARE(read.layout.items.value(ids[2]).position, QPointF(5, 6));
}

void tst_ProjectFile::toSnapshotFeedsDocument()
{
    const Snapshot snapshot = richSnapshot();
    const QString file = path(QStringLiteral("reset.kstudio"));
    QString error;
    QVERIFY2(writeProject(file, snapshot, &error), qPrintable(error));
    Document document;
    document.reset(toSnapshot(readProject(file)));
    QCOMPARE(document.snapshot().size(), snapshot.size());
    for (auto it = snapshot.objects().cbegin(); it != snapshot.objects().cend(); ++it) {
        const Object *object = document.snapshot().object(it.key());
        QVERIFY(object);
        QVERIFY(object->body == it.value()->body);
    }
    QVERIFY(document.snapshot().layout() == snapshot.layout());
    // New objects get ids after the saved ones.
    QVERIFY(toInt(document.newId()) > toInt(snapshot.objects().lastKey()));
}

// The same design saves to the same bytes (fixed entry times, ordered JSON, id order).
void tst_ProjectFile::writeIsDeterministic()
{
    const Snapshot snapshot = richSnapshot();
    const QString first = path(QStringLiteral("first.kstudio"));
    const QString second = path(QStringLiteral("second.kstudio"));
    QString error;
    QVERIFY2(writeProject(first, snapshot, &error), qPrintable(error));
    QVERIFY2(writeProject(second, snapshot, &error), qPrintable(error));
    QCOMPARE(kstudio::test::readAll(first), kstudio::test::readAll(second));
}

void tst_ProjectFile::hostileArchive_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("maxEntryBytes");
    QTest::addColumn<qint64>("maxTotalBytes");
    QTest::addColumn<int>("maxEntries");
    QTest::addColumn<QString>("entry");   // the diagnostic's file is "<path>" or "<path>:<entry>"
    QTest::addColumn<QString>("message"); // a part of the Fatal message
    QTest::addColumn<int>("line");        // 0: not checked; -1: any known line

    const ProjectLimits defaults;
    const qint64 mib = qint64(1) << 20;
    auto row = [&](const char *name,
                   const QByteArray &bytes,
                   const QString &entry,
                   const QString &message,
                   int line = 0) {
        QVERIFY2(!bytes.isEmpty() || QByteArray(name) == "empty-file", name);
        QTest::newRow(name) << bytes << defaults.maxEntryBytes << defaults.maxTotalBytes
                            << defaults.maxEntries << entry << message << line;
    };
    const QList<ZipEntry> valid = validEntries();
    const QByteArray validZip = makeZip(valid);
    QVERIFY(!validZip.isEmpty());

    // Names and links: refused from the central directory, before anything is inflated.
    row("zip-slip",
        makeZip(withEntry(valid, QStringLiteral("../evil"), "x")),
        QString(),
        QStringLiteral("entry \"../evil\" has a \"..\" component"));
    row("zip-slip-nested",
        makeZip(withEntry(valid, QStringLiteral("notes/../../../evil.sh"), "x")),
        QString(),
        QStringLiteral("entry \"notes/../../../evil.sh\" has a \"..\" component"));
    row("absolute-path",
        makeZip(withEntry(valid, QStringLiteral("/tmp/evil"), "x")),
        QString(),
        QStringLiteral("entry \"/tmp/evil\" has an absolute path"));
    row("drive-letter",
        makeZip(withEntry(valid, QStringLiteral("C:/evil"), "x")),
        QString(),
        QStringLiteral("entry \"C:/evil\" has an absolute path"));
    row("backslash",
        makeZip(withEntry(valid, QStringLiteral("..\\evil"), "x")),
        QString(),
        QStringLiteral("entry \"..\\evil\" has a backslash"));
    {
        // QuaZip writes names as C strings: write a placeholder, then patch it to a NUL in both
        // the local header and the central directory (same length, offsets unchanged).
        QByteArray bytes = makeZip(withEntry(valid, QStringLiteral("evil#.txt"), "x"));
        bytes.replace(QByteArrayLiteral("evil#.txt"), QByteArray("evil\0.txt", 9));
        row("nul-in-name",
            bytes,
            QString(),
            QStringLiteral("entry \"evil\\x00.txt\" has a NUL byte"));
    }
    {
        QList<ZipEntry> entries = valid;
        entries.append({QStringLiteral("link"), QByteArrayLiteral("/etc"), 0120777});
        entries.append({QStringLiteral("link/passwd"), QByteArrayLiteral("x")});
        row("symlink-entry",
            makeZip(entries),
            QString(),
            QStringLiteral("entry \"link\" is a symbolic link"));
    }
    {
        QList<ZipEntry> entries = valid;
        entries.append({QStringLiteral("manifests.yaml"), oneManifest});
        row("duplicate-entry",
            makeZip(entries),
            QString(),
            QStringLiteral("entry \"manifests.yaml\" appears more than once"));
    }

    // Size caps, lowered so that the bombs stay small: 8 MiB of zeros deflate to about 8 KiB.
    const QByteArray zeros(8 * mib, '\0');
    QTest::newRow("zip-bomb") << makeZip(withEntry(valid, QStringLiteral("manifests.yaml"), zeros))
                              << mib << 4 * mib << 100 << QString()
                              << QStringLiteral("entry \"manifests.yaml\" expands beyond 1 MiB")
                              << 0;
    {
        // The header claims 1 KiB; the data inflates to 8 MiB. Reading stops at the claim and
        // the CRC (of the claimed bytes) does not match.
        QList<ZipEntry> entries = withoutEntry(valid, QStringLiteral("manifests.yaml"));
        entries.append(ZipEntry::raw(QStringLiteral("manifests.yaml"), rawDeflate(zeros), 1024, 0));
        QTest::newRow("zip-bomb-lying-header")
            << makeZip(entries) << mib << 4 * mib << 100 << QString()
            << QStringLiteral("entry \"manifests.yaml\" is damaged (CRC mismatch") << 0;
    }
    QTest::newRow("total-size") << makeZip(
        withEntry(valid, QStringLiteral("manifests.yaml"), QByteArray(600 * 1024, '#')))
                                << mib << qint64(512 * 1024) << 100 << QString()
                                << QStringLiteral("the entries expand beyond 512 KiB in total")
                                << 0;
    {
        QList<ZipEntry> entries = valid;
        for (int i = 0; i < 5; ++i)
            entries.append({QStringLiteral("extra-%1.txt").arg(i), "x"});
        QTest::newRow("too-many-entries")
            << makeZip(entries) << defaults.maxEntryBytes << defaults.maxTotalBytes << 5
            << QString() << QStringLiteral("more than the 5 a project may hold") << 0;
    }

    // Not a (whole) zip.
    row("empty-file", QByteArray(), QString(), QStringLiteral("the file is empty"));
    row("random-bytes", randomBytes(4096, 42), QString(), QStringLiteral("not a zip archive"));
    row("plain-yaml", oneManifest, QString(), QStringLiteral("not a zip archive"));
    row("truncated-half",
        validZip.left(validZip.size() / 2),
        QString(),
        QStringLiteral("truncated or damaged"));
    row("truncated-end", validZip.chopped(30), QString(), QStringLiteral("truncated or damaged"));
    {
        // The central directory is intact but one byte of the deflated manifests is not.
        QByteArray lines;
        for (int i = 0; i < 2000; ++i)
            lines += "# comment line " + QByteArray::number(i * 7919 % 10007) + '\n';
        QByteArray bytes = makeZip(withEntry(valid, QStringLiteral("manifests.yaml"), lines));
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
        row("corrupted-data",
            bytes,
            QString(),
            QStringLiteral("entry \"manifests.yaml\" is damaged"));
    }

    // A zip, but not a project kstudio can read.
    row("empty-zip", makeZip({}), QString(), QStringLiteral("the zip archive is empty"));
    row("missing-kstudio-json",
        makeZip(withoutEntry(valid, QStringLiteral("kstudio.json"))),
        QString(),
        QStringLiteral("missing entry \"kstudio.json\""));
    row("missing-manifests",
        makeZip(withoutEntry(valid, QStringLiteral("manifests.yaml"))),
        QString(),
        QStringLiteral("missing entry \"manifests.yaml\""));
    row("newer-format",
        makeZip(withEntry(valid, QStringLiteral("kstudio.json"), headerJson(2))),
        QStringLiteral("kstudio.json"),
        QStringLiteral("made by a newer kstudio (format 2; this build reads up to 1)"));
    row("format-zero",
        makeZip(withEntry(valid, QStringLiteral("kstudio.json"), headerJson(0))),
        QStringLiteral("kstudio.json"),
        QStringLiteral("unknown format 0"));
    row("no-format",
        makeZip(withEntry(valid, QStringLiteral("kstudio.json"), "{\"generator\": 1}")),
        QStringLiteral("kstudio.json"),
        QStringLiteral("no \"format\" version number"));
    row("bad-kstudio-json",
        makeZip(withEntry(valid, QStringLiteral("kstudio.json"), "{\"format\": }")),
        QStringLiteral("kstudio.json"),
        QStringLiteral("malformed JSON"),
        1);
    row("bad-design-json",
        makeZip(withEntry(valid,
                          QStringLiteral("design.json"),
                          "{\n  \"objects\": [\n    {\"id\": 7},\n  ]\n}\n")),
        QStringLiteral("design.json"),
        QStringLiteral("malformed JSON"),
        4);
    row("deep-design-json",
        makeZip(withEntry(valid,
                          QStringLiteral("design.json"),
                          QByteArray(100000, '[') + QByteArray(100000, ']'))),
        QStringLiteral("design.json"),
        QStringLiteral("JSON nested more than 256 levels deep"),
        1);
    row("deep-object-design-json",
        makeZip(withEntry(valid,
                          QStringLiteral("design.json"),
                          "{\"objects\": [{\"id\": 7}], \"notes\": "
                              + QByteArray(100000 * 5, ' ').replace("     ", "{\"a\":")
                              + QByteArray(100000, '}') + "}")),
        QStringLiteral("design.json"),
        QStringLiteral("JSON nested more than 256 levels deep"),
        1);
    row("count-mismatch",
        makeZip(withEntry(
            valid, QStringLiteral("design.json"), "{\"objects\": [{\"id\": 1}, {\"id\": 2}]}")),
        QStringLiteral("design.json"),
        QStringLiteral("design.json lists 2 objects but manifests.yaml holds 1 documents"));
    row("duplicate-ids",
        makeZip(withEntry(
            withEntry(valid, QStringLiteral("manifests.yaml"), oneManifest + "---\n" + oneManifest),
            QStringLiteral("design.json"),
            "{\"objects\": [{\"id\": 3}, {\"id\": 3}]}")),
        QStringLiteral("design.json"),
        QStringLiteral("objects[1] repeats id 3"));
    row("bad-id",
        makeZip(withEntry(valid, QStringLiteral("design.json"), "{\"objects\": [{\"id\": -1}]}")),
        QStringLiteral("design.json"),
        QStringLiteral("objects[0] has no positive integer \"id\""));
    row("design-not-object",
        makeZip(withEntry(valid, QStringLiteral("design.json"), "[]")),
        QStringLiteral("design.json"),
        QStringLiteral("no \"objects\" list"));
    row("bad-yaml",
        makeZip(withEntry(valid,
                          QStringLiteral("manifests.yaml"),
                          "apiVersion: v1\nkind: ConfigMap\nmetadata: [name: a\n")),
        QStringLiteral("manifests.yaml"),
        QStringLiteral("malformed YAML"),
        -1);
}

void tst_ProjectFile::hostileArchive()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, maxEntryBytes);
    QFETCH(qint64, maxTotalBytes);
    QFETCH(int, maxEntries);
    QFETCH(QString, entry);
    QFETCH(QString, message);
    QFETCH(int, line);

    QTemporaryDir dir(m_dir.filePath(QStringLiteral("hostile-XXXXXX")));
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("project.kstudio"));
    QVERIFY(writeBytes(file, bytes));

    ProjectLimits limits;
    limits.maxEntryBytes = maxEntryBytes;
    limits.maxTotalBytes = maxTotalBytes;
    limits.maxEntries = maxEntries;
    const ProjectReadResult read = readProject(file, limits);

    QString all;
    for (const Diagnostic &d : read.diagnostics)
        all += d.toString() + QLatin1Char('\n');
    const QString where = entry.isEmpty() ? file : file + QLatin1Char(':') + entry;
    QVERIFY2(
        hasFatal(read, where, message, line),
        qPrintable(QStringLiteral("expected a Fatal diagnostic at %1 containing '%2'; got:\n%3")
                       .arg(where, message, all)));
    QVERIFY(!read.ok);
    QVERIFY(read.objects.empty());
    QVERIFY(read.layout.items.isEmpty());
    // Nothing was extracted: the directory holds the archive only, and nothing escaped it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("project.kstudio")});
    QVERIFY(!QFileInfo::exists(QDir(dir.path()).filePath(QStringLiteral("../evil"))));
}

// The cap is applied while inflating: a 64 MiB bomb is refused after about 1 MiB of work.
void tst_ProjectFile::zipBombStopsEarly()
{
    const QByteArray bomb = makeZip(withEntry(
        validEntries(), QStringLiteral("manifests.yaml"), QByteArray(qint64(64) << 20, '\0')));
    QVERIFY(bomb.size() < (1 << 20));
    const QString file = path(QStringLiteral("bomb.kstudio"));
    QVERIFY(writeBytes(file, bomb));
    ProjectLimits limits;
    limits.maxEntryBytes = qint64(1) << 20;
    QElapsedTimer timer;
    timer.start();
    const ProjectReadResult read = readProject(file, limits);
    QVERIFY(hasFatal(read, file, QStringLiteral("expands beyond 1 MiB"), 0));
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

void tst_ProjectFile::jsonDepthLimit_data()
{
    QTest::addColumn<int>("levels"); // nesting of design.json, the top-level object included
    QTest::addColumn<bool>("accepted");
    QTest::newRow("256-levels") << 256 << true;
    QTest::newRow("257-levels") << 257 << false;
}

// 256 levels are read (the notes, not a string, are ignored with a warning); one more is refused
// at the bracket that opens it.
void tst_ProjectFile::jsonDepthLimit()
{
    QFETCH(int, levels);
    QFETCH(bool, accepted);
    const QByteArray design = "{\"objects\": [{\"id\": 7}],\n\"notes\": "
                              + QByteArray(levels - 1, '[') + QByteArray(levels - 1, ']') + "}";
    const QString file = path(QStringLiteral("depth-%1.kstudio").arg(levels));
    QVERIFY(writeBytes(file,
                       makeZip(withEntry(validEntries(), QStringLiteral("design.json"), design))));
    const ProjectReadResult read = readProject(file);
    QCOMPARE(read.ok, accepted);
    if (accepted) {
        QCOMPARE(read.objects.size(), std::size_t(1));
        return;
    }
    QVERIFY(read.diagnostics.size() == 1);
    const Diagnostic &d = read.diagnostics.first();
    QCOMPARE(d.file, file + QStringLiteral(":design.json"));
    QCOMPARE(d.line, 2);
    QCOMPARE(d.column, 9 + 256); // after `"notes": `, the 256th bracket opens level 257
}

void tst_ProjectFile::unknownEntryIsIgnored()
{
    const QString file = path(QStringLiteral("unknown-entry.kstudio"));
    QVERIFY(writeBytes(file,
                       makeZip(withEntry(validEntries(),
                                         QStringLiteral("thumbnails/view.png"),
                                         randomBytes(100, 1)))));
    const ProjectReadResult read = readProject(file);
    QVERIFY(read.ok);
    QCOMPARE(read.diagnostics.size(), 1);
    QVERIFY(read.diagnostics.first().severity == DiagnosticSeverity::Warning);
    QVERIFY(read.diagnostics.first().message.contains(QStringLiteral("\"thumbnails/view.png\"")));
    QCOMPARE(read.objects.size(), std::size_t(1));
    QCOMPARE(toInt(read.objects.front().id), quint64(7));
    QCOMPARE(read.objects.front().name(), QStringLiteral("settings"));
    QCOMPARE(read.objects.front().origin.file, file + QStringLiteral(":manifests.yaml"));
    QCOMPARE(read.objects.front().origin.mark.line, 1u);
}

void tst_ProjectFile::missingDesignJson()
{
    const QString file = path(QStringLiteral("no-design.kstudio"));
    QVERIFY(writeBytes(file,
                       makeZip(withoutEntry(withEntry(validEntries(),
                                                      QStringLiteral("manifests.yaml"),
                                                      oneManifest + "---\n" + oneManifest),
                                            QStringLiteral("design.json")))));
    const ProjectReadResult read = readProject(file);
    QVERIFY(read.ok);
    QCOMPARE(read.diagnostics.size(), 1);
    QVERIFY(read.diagnostics.first().severity == DiagnosticSeverity::Warning);
    QCOMPARE(read.objects.size(), std::size_t(2));
    QCOMPARE(toInt(read.objects[0].id), quint64(1));
    QCOMPARE(toInt(read.objects[1].id), quint64(2));
    QCOMPARE(read.objects[1].origin.mark.line, 8u);
}

// Placement, pools and notes that cannot be read lose only themselves, never objects.
void tst_ProjectFile::layoutProblemsAreWarnings()
{
    const QByteArray design = R"({
  "objects": [{"id": 7}],
  "layout": {
    "items": {"7": {"x": 1, "y": 2, "w": -1, "h": -1, "collapsed": false},
              "99": {"x": 1, "y": 2}, "x": {"x": 1, "y": 2}, "8": {"x": "left"}},
    "frames": {"shop": {"x": 1, "y": 2, "w": 3, "h": 4, "collapsed": true}, "bad": []},
    "view": {"x": 0, "y": 0, "zoom": -1}
  },
  "nodePools": [{"name": "ok", "count": 2}, {"name": "bad", "count": "two"}, 5],
  "notes": 12
})";
    const QString file = path(QStringLiteral("layout-problems.kstudio"));
    QVERIFY(writeBytes(file,
                       makeZip(withEntry(validEntries(), QStringLiteral("design.json"), design))));
    const ProjectReadResult read = readProject(file);
    QVERIFY(read.ok);
    QVERIFY(!hasErrors(read.diagnostics));
    QCOMPARE(read.diagnostics.size(), 8);
    QCOMPARE(read.objects.size(), std::size_t(1));
    QCOMPARE(read.layout.items.size(), 1);
    QCOMPARE(read.layout.items.value(ObjectId{7}).position, QPointF(1, 2));
    QCOMPARE(read.layout.frames.keys(), QStringList{QStringLiteral("shop")});
    QVERIFY(read.layout.view == ViewState());
    QCOMPARE(read.nodePools.size(), 1);
    QCOMPARE(read.nodePools.first().name, QStringLiteral("ok"));
    QCOMPARE(read.nodePools.first().count, 2);
    QCOMPARE(read.nodePools.first().memory, QStringLiteral("16Gi"));
    QVERIFY(read.notes.isEmpty());
}

void tst_ProjectFile::atomicSave_data()
{
    QTest::addColumn<QString>("failure");
    QTest::newRow("read-only-directory") << QStringLiteral("read-only-directory");
    QTest::newRow("file-size-limit") << QStringLiteral("file-size-limit");
    QTest::newRow("missing-directory") << QStringLiteral("missing-directory");
    QTest::newRow("target-is-directory") << QStringLiteral("target-is-directory");
}

// A failed save leaves the previous file byte for byte, and no temporary file behind.
void tst_ProjectFile::atomicSave()
{
    QFETCH(QString, failure);
    QTemporaryDir dir(m_dir.filePath(QStringLiteral("atomic-XXXXXX")));
    QVERIFY(dir.isValid());
    QString file = dir.filePath(QStringLiteral("design.kstudio"));
    QString error;

    Document small;
    small.addObjects(objectsFromYaml(designYaml));
    QVERIFY2(writeProject(file, small.snapshot(), &error), qPrintable(error));
    const QByteArray before = kstudio::test::readAll(file);
    QVERIFY(!before.isEmpty());

    // The new design is larger than the file-size limit below, and does not compress away.
    Document large;
    large.addObjects(objectsFromYaml(designYaml));
    large.setNotes(QString::fromLatin1(randomBytes(256 * 1024, 7).toBase64()));

    bool saved = true;
    if (failure == QStringLiteral("read-only-directory")) {
        const QFile::Permissions writable = QFile::permissions(dir.path());
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        const auto restore = qScopeGuard([&] { QFile::setPermissions(dir.path(), writable); });
        QFile probe(dir.filePath(QStringLiteral("probe")));
        if (probe.open(QIODevice::WriteOnly)) {
            probe.remove();
            QSKIP("directory permissions do not apply to this user (root); file-size-limit "
                  "covers a failing save");
        }
        saved = writeProject(file, large.snapshot(), &error);
    } else if (failure == QStringLiteral("file-size-limit")) {
        const FileSizeLimit limit(16 * 1024);
        QVERIFY(limit.isActive());
        saved = writeProject(file, large.snapshot(), &error);
    } else if (failure == QStringLiteral("missing-directory")) {
        const QString missing = dir.filePath(QStringLiteral("no/such/dir/design.kstudio"));
        QVERIFY(!writeProject(missing, large.snapshot(), &error));
        QVERIFY(error.contains(missing));
        QVERIFY(!QFileInfo::exists(missing));
        saved = false;
    } else {
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("folder.kstudio")));
        QVERIFY(!writeProject(
            dir.filePath(QStringLiteral("folder.kstudio")), large.snapshot(), &error));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("folder.kstudio"))).isDir());
        saved = false;
    }
    QVERIFY(!saved);
    QVERIFY2(error.startsWith(QStringLiteral("cannot save ")), qPrintable(error));
    QCOMPARE(kstudio::test::readAll(file), before);
    QVERIFY(readProject(file).ok);
    QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left, QStringList{QStringLiteral("design.kstudio")});

    // And the same save succeeds once nothing is in the way, replacing the file.
    if (failure == QStringLiteral("file-size-limit")) {
        QVERIFY2(writeProject(file, large.snapshot(), &error), qPrintable(error));
        QCOMPARE(readProject(file).notes, large.snapshot().notes());
    }
}

QTEST_GUILESS_MAIN(tst_ProjectFile)
#include "tst_project_file.moc"
