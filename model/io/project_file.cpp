// SPDX-License-Identifier: GPL-3.0-or-later
// .kstudio reading (in memory, bounded, hostile-archive safe) and atomic writing.
#include "project_file.h"

#include <model/io/yaml_reader.h>
#include <model/io/yaml_writer.h>

#include <QBuffer>
#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>
#include <QTime>

#include <algorithm>
#include <array>
#include <exception>
#include <limits>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>
#include <quazip/unzip.h>

namespace kstudio::model {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view headerEntry = "kstudio.json";
constexpr std::string_view manifestsEntry = "manifests.yaml";
constexpr std::string_view designEntry = "design.json";

// nlohmann's parser is iterative, but dump(), copies and destruction recurse: a 100,000-level
// document overflows the stack there. The parser callback refuses anything deeper than this.
constexpr int maxJsonDepth = 256;

constexpr qint64 readChunk = 64 * 1024;

QString qstr(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// "1 MiB", "512 KiB" or "1000 bytes": limits in messages, exact whatever the test lowers them to.
QString formatBytes(qint64 bytes)
{
    if (bytes > 0 && bytes % (qint64(1) << 20) == 0)
        return QStringLiteral("%1 MiB").arg(bytes >> 20);
    if (bytes > 0 && bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes >> 10);
    return QStringLiteral("%1 bytes").arg(bytes);
}

// An entry name as it is shown in messages: quoted, with control bytes made visible.
QString showName(std::string_view raw)
{
    QString shown;
    for (const QChar c : qstr(raw)) {
        if (c.unicode() < 0x20)
            shown += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            shown += c;
    }
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

// Why a name may not appear in a project, or nothing when it is safe. Checked on the raw bytes
// of the central directory, so that a NUL cannot hide the rest of the name.
std::optional<QString> unsafeNameReason(std::string_view name)
{
    if (name.empty())
        return QStringLiteral("has an empty name");
    if (name.find('\0') != std::string_view::npos)
        return QStringLiteral("has a NUL byte in its name");
    if (name.find('\\') != std::string_view::npos)
        return QStringLiteral("has a backslash in its name");
    const bool driveLetter
        = name.size() >= 2 && name[1] == ':'
          && ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'));
    if (name.front() == '/' || driveLetter)
        return QStringLiteral("has an absolute path");
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find('/', start), name.size());
        if (name.substr(start, end - start) == "..")
            return QStringLiteral("has a \"..\" component in its path");
        start = end + 1;
    }
    return std::nullopt;
}

bool isSymlink(const unz_file_info64 &info)
{
    constexpr unsigned long typeMask = 0170000;
    constexpr unsigned long symlinkType = 0120000;
    return ((info.external_fa >> 16) & typeMask) == symlinkType;
}

// Line and column (1-based) of a byte offset.
std::pair<int, int> lineColumn(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, static_cast<int>(offset - lineStart) + 1};
}

// Where the first bracket opening a level deeper than maxDepth is (outside strings), so that
// the depth error can say where; npos when there is none.
std::size_t tooDeepOffset(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string_view::npos;
}

// Thrown by the parser callback to stop at the first level too deep; caught in parseJson().
struct JsonTooDeep
{
};

// nlohmann_json recurses per nesting level (DEPENDENCIES.md): a parse callback refuses anything
// deeper than maxJsonDepth before it can exhaust the stack.
Json::parser_callback_t depthLimit()
{
    return [](int depth, Json::parse_event_t event, Json &) {
        if (depth >= maxJsonDepth
            && (event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start))
            throw JsonTooDeep{};
        return true;
    };
}

struct Entry
{
    std::string name;
    int ordinal = 0; // position in the central directory
    bool encrypted = false;
};

// One read of one project. Every step stops at its first Fatal diagnostic; readProject() then
// empties the result.
class ProjectReader
{
public:
    ProjectReader(const QString &path, const ProjectLimits &limits, ProjectReadResult &result)
        : m_path(path)
        , m_limits(limits)
        , m_result(result)
    {}

    void read();
    void fatal(const QString &message, std::string_view entry = {}, int line = 0, int column = 0)
    {
        m_result.diagnostics.append(
            {DiagnosticSeverity::Fatal, where(entry), line, column, message});
    }

private:
    QString where(std::string_view entry) const
    {
        return entry.empty() ? m_path : m_path + QLatin1Char(':') + qstr(entry);
    }
    void warning(const QString &message, std::string_view entry = {})
    {
        m_result.diagnostics.append({DiagnosticSeverity::Warning, where(entry), 0, 0, message});
    }

    bool openArchive(QuaZip &zip);
    bool scanEntries(QuaZip &zip);
    const Entry *entry(std::string_view name) const;
    std::optional<std::string> readEntry(QuaZip &zip, const Entry &entry);
    std::optional<Json> parseJson(const std::string &text, std::string_view entry);
    bool readHeader(const Json &header);
    bool readDesign(const Json &design, std::size_t documentCount, std::vector<ObjectId> &ids);
    void readLayout(const Json &layout);
    void readNodePools(const Json &pools);
    void readRules(const Json &rules);

    QString m_path;
    ProjectLimits m_limits;
    ProjectReadResult &m_result;
    std::vector<Entry> m_entries;
    qint64 m_totalBytes = 0;
};

bool ProjectReader::openArchive(QuaZip &zip)
{
    if (zip.open(QuaZip::mdUnzip))
        return true;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        fatal(QStringLiteral("cannot open: %1").arg(file.errorString()));
        return false;
    }
    const QByteArray magic = file.read(4);
    if (magic.isEmpty()) {
        fatal(QStringLiteral("the file is empty; it is not a .kstudio project"));
    } else if (magic == QByteArrayLiteral("PK\x05\x06")) {
        // The end-of-directory record first: no entries (minizip cannot open such a zip).
        fatal(QStringLiteral("the zip archive is empty; it is not a .kstudio project"));
    } else if (magic == QByteArrayLiteral("PK\x03\x04")) {
        fatal(QStringLiteral("the zip archive is truncated or damaged (no readable central "
                             "directory); it cannot be opened as a .kstudio project"));
    } else {
        fatal(QStringLiteral("not a zip archive, so not a .kstudio project"));
    }
    return false;
}

// Walks the central directory only: names, link bits and counts are checked before one byte of
// any entry is inflated.
bool ProjectReader::scanEntries(QuaZip &zip)
{
    const int declared = zip.getEntriesCount();
    if (declared > m_limits.maxEntries) {
        fatal(QStringLiteral("the archive has %1 entries, more than the %2 a project may hold")
                  .arg(declared)
                  .arg(m_limits.maxEntries));
        return false;
    }
    std::set<std::string> seen;
    int ordinal = 0;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile(), ++ordinal) {
        if (ordinal >= m_limits.maxEntries) {
            fatal(QStringLiteral("the archive has more than the %1 entries a project may hold")
                      .arg(m_limits.maxEntries));
            return false;
        }
        unz_file_info64 info{};
        if (unzGetCurrentFileInfo64(zip.getUnzFile(), &info, nullptr, 0, nullptr, 0, nullptr, 0)
            != UNZ_OK) {
            fatal(QStringLiteral("the zip central directory is damaged at entry %1")
                      .arg(ordinal + 1));
            return false;
        }
        std::string name(static_cast<std::size_t>(info.size_filename), '\0');
        if (!name.empty()
            && unzGetCurrentFileInfo64(zip.getUnzFile(),
                                       nullptr,
                                       name.data(),
                                       static_cast<uLong>(name.size()),
                                       nullptr,
                                       0,
                                       nullptr,
                                       0)
                   != UNZ_OK) {
            fatal(QStringLiteral("the zip central directory is damaged at entry %1")
                      .arg(ordinal + 1));
            return false;
        }
        if (const std::optional<QString> reason = unsafeNameReason(name)) {
            fatal(QStringLiteral("entry %1 %2; a project never contains such a name, so the "
                                 "archive is refused")
                      .arg(showName(name), *reason));
            return false;
        }
        if (isSymlink(info)) {
            fatal(QStringLiteral("entry %1 is a symbolic link; a project never contains links, so "
                                 "the archive is refused")
                      .arg(showName(name)));
            return false;
        }
        if (!seen.insert(name).second) {
            fatal(QStringLiteral("entry %1 appears more than once; the archive is ambiguous")
                      .arg(showName(name)));
            return false;
        }
        m_entries.push_back({std::move(name), ordinal, (info.flag & 1u) != 0});
    }
    // goToFirstFile() leaves UNZ_END_OF_LIST_OF_FILE behind for an archive without entries.
    if (zip.getZipError() != UNZ_OK && zip.getZipError() != UNZ_END_OF_LIST_OF_FILE) {
        fatal(QStringLiteral("the zip central directory is damaged (zip error %1)")
                  .arg(zip.getZipError()));
        return false;
    }
    for (const Entry &e : m_entries) {
        if (e.name != headerEntry && e.name != manifestsEntry && e.name != designEntry)
            warning(QStringLiteral("ignored entry %1, which this version of kstudio does not use")
                        .arg(showName(e.name)));
    }
    return true;
}

const Entry *ProjectReader::entry(std::string_view name) const
{
    const auto it = std::find_if(
        m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.name == name; });
    return it == m_entries.end() ? nullptr : &*it;
}

// Inflates one entry into memory, counting the bytes as they come: the sizes in the archive
// are the writer's claims, not facts.
std::optional<std::string> ProjectReader::readEntry(QuaZip &zip, const Entry &e)
{
    bool positioned = zip.goToFirstFile();
    for (int i = 0; positioned && i < e.ordinal; ++i)
        positioned = zip.goToNextFile();
    if (!positioned) {
        fatal(QStringLiteral("cannot find entry %1 again (zip error %2)")
                  .arg(showName(e.name))
                  .arg(zip.getZipError()));
        return std::nullopt;
    }
    if (e.encrypted) {
        fatal(QStringLiteral("entry %1 is encrypted; projects are never encrypted")
                  .arg(showName(e.name)));
        return std::nullopt;
    }
    QuaZipFile file(&zip);
    if (!file.open(QIODevice::ReadOnly)) {
        fatal(QStringLiteral("cannot open entry %1 (zip error %2; unsupported compression or a "
                             "damaged archive)")
                  .arg(showName(e.name))
                  .arg(file.getZipError()));
        return std::nullopt;
    }
    std::string data;
    std::array<char, readChunk> buffer;
    while (true) {
        const qint64 n = file.read(buffer.data(), readChunk);
        if (n < 0) {
            fatal(QStringLiteral("entry %1 is damaged (zip error %2)")
                      .arg(showName(e.name))
                      .arg(file.getZipError()));
            return std::nullopt;
        }
        if (n == 0)
            break;
        if (static_cast<qint64>(data.size()) + n > m_limits.maxEntryBytes) {
            fatal(QStringLiteral("entry %1 expands beyond %2; stopped reading (a zip bomb, or a "
                                 "project too large for this build)")
                      .arg(showName(e.name), formatBytes(m_limits.maxEntryBytes)));
            return std::nullopt;
        }
        if (m_totalBytes + n > m_limits.maxTotalBytes) {
            fatal(QStringLiteral("the entries expand beyond %1 in total (at entry %2); stopped "
                                 "reading")
                      .arg(formatBytes(m_limits.maxTotalBytes), showName(e.name)));
            return std::nullopt;
        }
        m_totalBytes += n;
        data.append(buffer.data(), static_cast<std::size_t>(n));
    }
    file.close();
    if (file.getZipError() != UNZ_OK) {
        fatal(QStringLiteral("entry %1 is damaged (%2)")
                  .arg(showName(e.name),
                       file.getZipError() == UNZ_CRCERROR
                           ? QStringLiteral("CRC mismatch: its data is not what the archive says")
                           : QStringLiteral("zip error %1").arg(file.getZipError())));
        return std::nullopt;
    }
    return data;
}

std::optional<Json> ProjectReader::parseJson(const std::string &text, std::string_view entryName)
{
    const Json::parser_callback_t limitDepth = depthLimit();
    try {
        return Json::parse(text, limitDepth);
    } catch (const JsonTooDeep &) {
        const std::size_t offset = tooDeepOffset(text, maxJsonDepth);
        const auto [line, column]
            = offset == std::string_view::npos ? std::pair(0, 0) : lineColumn(text, offset);
        fatal(QStringLiteral("JSON nested more than %1 levels deep; refused").arg(maxJsonDepth),
              entryName,
              line,
              column);
    } catch (const Json::parse_error &error) {
        const auto [line, column] = lineColumn(text, error.byte > 0 ? error.byte - 1 : 0);
        std::string_view what = error.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
        if (const std::size_t colon = what.find(": "); colon != std::string_view::npos)
            what.remove_prefix(colon + 2);
        fatal(QStringLiteral("malformed JSON: %1").arg(qstr(what)), entryName, line, column);
    } catch (const Json::exception &error) {
        fatal(QStringLiteral("malformed JSON: %1").arg(qstr(error.what())), entryName);
    }
    return std::nullopt;
}

bool ProjectReader::readHeader(const Json &header)
{
    const Json *format
        = header.is_object() && header.contains("format") ? &header["format"] : nullptr;
    if (!format || !format->is_number_integer()) {
        fatal(QStringLiteral("no \"format\" version number; this is not a kstudio.json kstudio "
                             "wrote"),
              headerEntry);
        return false;
    }
    const long long version = format->get<long long>();
    if (version > projectFormatVersion) {
        fatal(QStringLiteral("made by a newer kstudio (format %1; this build reads up to %2)")
                  .arg(version)
                  .arg(projectFormatVersion),
              headerEntry);
        return false;
    }
    if (version < 1) {
        fatal(QStringLiteral("unknown format %1 (formats start at 1)").arg(version), headerEntry);
        return false;
    }
    m_result.formatVersion = static_cast<int>(version);
    return true;
}

std::optional<double> number(const Json &object, const char *key)
{
    if (!object.is_object() || !object.contains(key) || !object[key].is_number())
        return std::nullopt;
    return object[key].get<double>();
}

std::optional<ItemLayout> itemLayout(const Json &json)
{
    const std::optional<double> x = number(json, "x");
    const std::optional<double> y = number(json, "y");
    if (!x || !y)
        return std::nullopt;
    ItemLayout item;
    item.position = QPointF(*x, *y);
    const std::optional<double> w = number(json, "w");
    const std::optional<double> h = number(json, "h");
    if (w && h)
        item.size = QSizeF(*w, *h);
    if (json.contains("collapsed")) {
        if (!json["collapsed"].is_boolean())
            return std::nullopt;
        item.collapsed = json["collapsed"].get<bool>();
    }
    return item;
}

OrderedJson itemJson(const ItemLayout &item)
{
    return OrderedJson{{"x", item.position.x()},
                       {"y", item.position.y()},
                       {"w", item.size.width()},
                       {"h", item.size.height()},
                       {"collapsed", item.collapsed}};
}

// The ids of design.json's objects, in manifests.yaml order. Any doubt about them is Fatal: a
// wrong id would attach layout and references to the wrong object.
bool ProjectReader::readDesign(const Json &design,
                               std::size_t documentCount,
                               std::vector<ObjectId> &ids)
{
    if (!design.is_object() || !design.contains("objects") || !design["objects"].is_array()) {
        fatal(QStringLiteral("no \"objects\" list; cannot tell which id each manifest has"),
              designEntry);
        return false;
    }
    const Json &objects = design["objects"];
    if (objects.size() != documentCount) {
        fatal(QStringLiteral("design.json lists %1 objects but manifests.yaml holds %2 documents; "
                             "the two entries do not belong together")
                  .arg(objects.size())
                  .arg(documentCount),
              designEntry);
        return false;
    }
    std::set<quint64> seen;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        const Json &object = objects[i];
        if (!object.is_object() || !object.contains("id") || !object["id"].is_number_unsigned()
            || object["id"].get<quint64>() == 0) {
            fatal(QStringLiteral("objects[%1] has no positive integer \"id\"").arg(i), designEntry);
            return false;
        }
        const quint64 id = object["id"].get<quint64>();
        if (!seen.insert(id).second) {
            fatal(QStringLiteral("objects[%1] repeats id %2").arg(i).arg(id), designEntry);
            return false;
        }
        ids.push_back(ObjectId{id});
    }
    if (design.contains("layout"))
        readLayout(design["layout"]);
    if (design.contains("nodePools"))
        readNodePools(design["nodePools"]);
    if (design.contains("notes")) {
        if (design["notes"].is_string())
            m_result.notes = qstr(design["notes"].get_ref<const std::string &>());
        else
            warning(QStringLiteral("\"notes\" is not a string; ignored"), designEntry);
    }
    if (design.contains("rules"))
        readRules(design["rules"]);
    return true;
}

// {"disabled": ["rule-id", ...], "severities": {"rule-id": "warning", ...}}; a malformed entry
// loses only that setting (a warning). Rule ids are not checked here: a project saved by a
// newer studio may name rules this one lacks, and the validation engine reports those.
void ProjectReader::readRules(const Json &rules)
{
    if (!rules.is_object()) {
        warning(QStringLiteral("\"rules\" is not an object; the rule settings were reset"),
                designEntry);
        return;
    }
    if (rules.contains("disabled")) {
        const Json &disabled = rules["disabled"];
        if (!disabled.is_array()) {
            warning(QStringLiteral("\"rules.disabled\" is not a list; ignored"), designEntry);
        } else {
            for (const Json &id : disabled) {
                if (id.is_string())
                    m_result.rules.disabled.append(qstr(id.get_ref<const std::string &>()));
                else
                    warning(QStringLiteral("\"rules.disabled\" holds a non-string; ignored"),
                            designEntry);
            }
        }
    }
    if (rules.contains("severities")) {
        const Json &severities = rules["severities"];
        if (!severities.is_object()) {
            warning(QStringLiteral("\"rules.severities\" is not an object; ignored"), designEntry);
        } else {
            for (const auto &[key, value] : severities.items()) {
                if (value.is_string())
                    m_result.rules.severities.insert(qstr(key),
                                                     qstr(value.get_ref<const std::string &>()));
                else
                    warning(QStringLiteral("\"rules.severities.%1\" is not a string; ignored")
                                .arg(qstr(key)),
                            designEntry);
            }
        }
    }
}

// Layout problems lose only placement, never objects: they are warnings.
void ProjectReader::readLayout(const Json &layout)
{
    if (!layout.is_object()) {
        warning(QStringLiteral("\"layout\" is not an object; the canvas layout was reset"),
                designEntry);
        return;
    }
    if (layout.contains("items") && layout["items"].is_object()) {
        for (const auto &[key, value] : layout["items"].items()) {
            bool isNumber = false;
            const quint64 id = QString::fromStdString(key).toULongLong(&isNumber);
            const std::optional<ItemLayout> item = itemLayout(value);
            if (!isNumber || id == 0 || !item) {
                warning(QStringLiteral("layout item \"%1\" is not valid; ignored").arg(qstr(key)),
                        designEntry);
                continue;
            }
            m_result.layout.items.insert(ObjectId{id}, *item);
        }
    }
    if (layout.contains("frames") && layout["frames"].is_object()) {
        for (const auto &[key, value] : layout["frames"].items()) {
            const std::optional<ItemLayout> item = itemLayout(value);
            if (!item) {
                warning(QStringLiteral("layout frame \"%1\" is not valid; ignored").arg(qstr(key)),
                        designEntry);
                continue;
            }
            m_result.layout.frames.insert(qstr(key), *item);
        }
    }
    if (layout.contains("view")) {
        const Json &view = layout["view"];
        const std::optional<double> x = number(view, "x");
        const std::optional<double> y = number(view, "y");
        const std::optional<double> zoom = number(view, "zoom");
        if (x && y && zoom && *zoom > 0)
            m_result.layout.view = {QPointF(*x, *y), *zoom};
        else
            warning(QStringLiteral("the saved view is not valid; ignored"), designEntry);
    }
}

std::optional<QList<QString>> stringList(const Json &pool, const char *key)
{
    QList<QString> out;
    if (!pool.contains(key))
        return out;
    if (!pool[key].is_array())
        return std::nullopt;
    for (const Json &item : pool[key]) {
        if (!item.is_string())
            return std::nullopt;
        out.append(qstr(item.get_ref<const std::string &>()));
    }
    return out;
}

// One pool from JSON; absent fields keep NodePool's defaults, mistyped ones reject the pool.
std::optional<NodePool> nodePool(const Json &json)
{
    if (!json.is_object() || !json.contains("name") || !json["name"].is_string())
        return std::nullopt;
    NodePool pool;
    pool.name = qstr(json["name"].get_ref<const std::string &>());
    auto readInt = [&](const char *key, int &out) {
        if (!json.contains(key))
            return true;
        const Json &value = json[key];
        if (!value.is_number_integer() || value.get<long long>() < 0
            || value.get<long long>() > std::numeric_limits<int>::max())
            return false;
        out = static_cast<int>(value.get<long long>());
        return true;
    };
    auto readString = [&](const char *key, QString &out) {
        if (!json.contains(key))
            return true;
        if (!json[key].is_string())
            return false;
        out = qstr(json[key].get_ref<const std::string &>());
        return true;
    };
    if (!readInt("count", pool.count) || !readInt("pods", pool.pods) || !readString("cpu", pool.cpu)
        || !readString("memory", pool.memory))
        return std::nullopt;
    const std::optional<QList<QString>> zones = stringList(json, "zones");
    const std::optional<QList<QString>> taints = stringList(json, "taints");
    if (!zones || !taints)
        return std::nullopt;
    pool.zones = *zones;
    pool.taints = *taints;
    if (json.contains("labels")) {
        if (!json["labels"].is_object())
            return std::nullopt;
        for (const auto &[key, value] : json["labels"].items()) {
            if (!value.is_string())
                return std::nullopt;
            pool.labels.insert(qstr(key), qstr(value.get_ref<const std::string &>()));
        }
    }
    return pool;
}

void ProjectReader::readNodePools(const Json &pools)
{
    if (!pools.is_array()) {
        warning(QStringLiteral("\"nodePools\" is not a list; no node pools were read"),
                designEntry);
        return;
    }
    for (std::size_t i = 0; i < pools.size(); ++i) {
        if (std::optional<NodePool> pool = nodePool(pools[i]))
            m_result.nodePools.append(std::move(*pool));
        else
            warning(QStringLiteral("nodePools[%1] is not a valid node pool; ignored").arg(i),
                    designEntry);
    }
}

void ProjectReader::read()
{
    QuaZip zip(m_path);
    if (!openArchive(zip) || !scanEntries(zip))
        return;

    const Entry *header = entry(headerEntry);
    if (!header) {
        fatal(QStringLiteral("missing entry \"kstudio.json\"; this zip is not a .kstudio project"));
        return;
    }
    const Entry *manifests = entry(manifestsEntry);
    if (!manifests) {
        fatal(QStringLiteral("missing entry \"manifests.yaml\"; the project has no objects to "
                             "read"));
        return;
    }

    const std::optional<std::string> headerText = readEntry(zip, *header);
    if (!headerText)
        return;
    const std::optional<Json> headerJson = parseJson(*headerText, headerEntry);
    if (!headerJson || !readHeader(*headerJson))
        return;

    const std::optional<std::string> manifestText = readEntry(zip, *manifests);
    if (!manifestText)
        return;
    std::optional<std::string> designText;
    if (const Entry *design = entry(designEntry)) {
        designText = readEntry(zip, *design);
        if (!designText)
            return;
    }

    const QString manifestsFile = where(manifestsEntry);
    ReadLimits yamlLimits;
    yamlLimits.maxBytes = static_cast<std::size_t>(std::max<qint64>(m_limits.maxEntryBytes, 0));
    YamlReadResult yaml = readYaml(*manifestText, manifestsFile, yamlLimits);
    m_result.diagnostics += yaml.diagnostics;
    if (!yaml.ok)
        return; // readYaml gave the Fatal diagnostic, with line and column

    std::vector<ObjectId> ids;
    if (designText) {
        const std::optional<Json> design = parseJson(*designText, designEntry);
        if (!design || !readDesign(*design, yaml.documents.size(), ids))
            return;
    } else {
        warning(QStringLiteral("missing entry \"design.json\"; objects were numbered in order and "
                               "the layout, node pools and notes are empty"));
        for (std::size_t i = 0; i < yaml.documents.size(); ++i)
            ids.push_back(ObjectId{i + 1});
    }

    m_result.objects.reserve(yaml.documents.size());
    for (std::size_t i = 0; i < yaml.documents.size(); ++i) {
        YamlDocument &document = yaml.documents[i];
        Object object;
        object.id = ids[i];
        object.origin = {manifestsFile,
                         document.root.mark().line > 0 ? document.root.mark() : document.start};
        object.body = std::move(document.root);
        m_result.objects.push_back(std::move(object));
    }
    for (auto it = m_result.layout.items.begin(); it != m_result.layout.items.end();) {
        const ObjectId id = it.key();
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
            ++it;
            continue;
        }
        warning(QStringLiteral("layout item \"%1\" names no object; ignored").arg(toInt(id)),
                designEntry);
        it = m_result.layout.items.erase(it);
    }
}

QByteArray toUtf8Json(const OrderedJson &json)
{
    const std::string text = json.dump(2, ' ', false, OrderedJson::error_handler_t::replace) + '\n';
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

bool addEntry(QuaZip &zip, std::string_view name, const QByteArray &data)
{
    QuaZipNewInfo info(qstr(name));
    // A fixed time makes saving the same design twice give the same bytes (reviewable in VCS).
    info.dateTime = QDateTime(QDate(1980, 1, 1), QTime(0, 0));
    info.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                        | QFileDevice::ReadOther);
    QuaZipFile file(&zip);
    if (!file.open(QIODevice::WriteOnly, info))
        return false;
    const bool written = file.write(data) == data.size();
    file.close();
    return written && file.getZipError() == UNZ_OK;
}

// The whole archive, built in memory so that nothing touches the disk until it is complete.
std::optional<QByteArray> buildArchive(const Snapshot &snapshot, QString &why)
{
    std::vector<const Node *> documents;
    OrderedJson objects = OrderedJson::array();
    for (auto it = snapshot.objects().cbegin(); it != snapshot.objects().cend(); ++it) {
        documents.push_back(&it.value()->body);
        objects.push_back(OrderedJson{{"id", toInt(it.key())}});
    }
    const std::string manifests = writeYamlStream(documents);

    const Layout &layout = snapshot.layout();
    OrderedJson items = OrderedJson::object();
    for (auto it = layout.items.cbegin(); it != layout.items.cend(); ++it) {
        if (snapshot.object(it.key()))
            items[std::to_string(toInt(it.key()))] = itemJson(it.value());
    }
    OrderedJson frames = OrderedJson::object();
    for (auto it = layout.frames.cbegin(); it != layout.frames.cend(); ++it)
        frames[it.key().toStdString()] = itemJson(it.value());
    OrderedJson pools = OrderedJson::array();
    for (const NodePool &pool : snapshot.nodePools()) {
        OrderedJson zones = OrderedJson::array();
        for (const QString &zone : pool.zones)
            zones.push_back(zone.toStdString());
        OrderedJson labels = OrderedJson::object();
        for (auto it = pool.labels.cbegin(); it != pool.labels.cend(); ++it)
            labels[it.key().toStdString()] = it.value().toStdString();
        OrderedJson taints = OrderedJson::array();
        for (const QString &taint : pool.taints)
            taints.push_back(taint.toStdString());
        pools.push_back(OrderedJson{{"name", pool.name.toStdString()},
                                    {"count", pool.count},
                                    {"cpu", pool.cpu.toStdString()},
                                    {"memory", pool.memory.toStdString()},
                                    {"pods", pool.pods},
                                    {"zones", std::move(zones)},
                                    {"labels", std::move(labels)},
                                    {"taints", std::move(taints)}});
    }
    OrderedJson design = OrderedJson::object();
    design["objects"] = std::move(objects);
    design["layout"] = OrderedJson{{"items", std::move(items)},
                                   {"frames", std::move(frames)},
                                   {"view",
                                    {{"x", layout.view.center.x()},
                                     {"y", layout.view.center.y()},
                                     {"zoom", layout.view.zoom}}}};
    design["nodePools"] = std::move(pools);
    design["notes"] = snapshot.notes().toStdString();
    // Only when set, so that projects without rule settings keep their bytes.
    if (const RuleSettings &rules = snapshot.ruleSettings(); !rules.isEmpty()) {
        OrderedJson disabled = OrderedJson::array();
        for (const QString &id : rules.disabled)
            disabled.push_back(id.toStdString());
        OrderedJson severities = OrderedJson::object();
        for (auto it = rules.severities.cbegin(); it != rules.severities.cend(); ++it)
            severities[it.key().toStdString()] = it.value().toStdString();
        design["rules"] = OrderedJson{{"disabled", std::move(disabled)},
                                      {"severities", std::move(severities)}};
    }

    const OrderedJson header{{"format", projectFormatVersion},
                             {"generator", "kstudio " KSTUDIO_VERSION}};

    QByteArray bytes;
    QBuffer buffer(&bytes);
    QuaZip zip(&buffer);
    zip.setUtf8Enabled(true);
    if (!zip.open(QuaZip::mdCreate)) {
        why = QStringLiteral("cannot start the zip archive (zip error %1)").arg(zip.getZipError());
        return std::nullopt;
    }
    const bool added
        = addEntry(zip, headerEntry, toUtf8Json(header))
          && addEntry(zip,
                      manifestsEntry,
                      QByteArray(manifests.data(), static_cast<qsizetype>(manifests.size())))
          && addEntry(zip, designEntry, toUtf8Json(design));
    zip.close();
    if (!added || zip.getZipError() != UNZ_OK) {
        why = QStringLiteral("cannot build the zip archive (zip error %1)").arg(zip.getZipError());
        return std::nullopt;
    }
    return bytes;
}

} // namespace

ProjectReadResult readProject(const QString &path, const ProjectLimits &limits)
{
    ProjectReadResult result;
    ProjectReader reader(path, limits, result);
    try {
        reader.read();
    } catch (const std::bad_alloc &) {
        reader.fatal(QStringLiteral("out of memory while reading the project"));
    } catch (const std::exception &error) {
        reader.fatal(QStringLiteral("internal error while reading the project: %1")
                         .arg(QString::fromUtf8(error.what())));
    } catch (...) {
        reader.fatal(QStringLiteral("internal error while reading the project"));
    }
    const bool fatal
        = std::any_of(result.diagnostics.cbegin(),
                      result.diagnostics.cend(),
                      [](const Diagnostic &d) { return d.severity == DiagnosticSeverity::Fatal; });
    if (fatal) {
        result.objects.clear();
        result.layout = {};
        result.nodePools.clear();
        result.notes.clear();
        result.rules = {};
    }
    result.ok = !fatal;
    return result;
}

Snapshot toSnapshot(ProjectReadResult result)
{
    Snapshot snapshot;
    for (Object &object : result.objects) {
        Q_ASSERT(object.id != noObject && !snapshot.m_objects.contains(object.id));
        const ObjectId id = object.id;
        snapshot.m_objects.insert(id, std::make_shared<const Object>(std::move(object)));
    }
    snapshot.m_layout = std::move(result.layout);
    snapshot.m_nodePools = std::move(result.nodePools);
    snapshot.m_notes = std::move(result.notes);
    snapshot.m_ruleSettings = std::move(result.rules);
    return snapshot;
}

bool writeProject(const QString &path, const Snapshot &snapshot, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("cannot save %1: %2").arg(path, why);
        return false;
    };
    try {
        QString why;
        const std::optional<QByteArray> archive = buildArchive(snapshot, why);
        if (!archive)
            return fail(why);
        // QSaveFile writes a temporary file beside path and renames it over path on commit();
        // until then, and whenever anything fails, the previous file is left as it was.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return fail(file.errorString());
        if (file.write(*archive) != archive->size()) {
            const QString writeError = file.errorString();
            file.cancelWriting();
            return fail(writeError);
        }
        if (!file.commit())
            return fail(file.errorString());
        if (error)
            error->clear();
        return true;
    } catch (const std::bad_alloc &) {
        return fail(QStringLiteral("out of memory"));
    } catch (const std::exception &exception) {
        return fail(QString::fromUtf8(exception.what()));
    } catch (...) {
        return fail(QStringLiteral("internal error"));
    }
}

std::optional<QList<NodePool>> readNodePools(const QByteArray &json,
                                             const QString &file,
                                             Diagnostics &diagnostics)
{
    const auto fail = [&](const QString &message, int line = 0, int column = 0) {
        diagnostics.append({DiagnosticSeverity::Error, file, line, column, message});
        return std::nullopt;
    };
    const std::string text(json.constData(), static_cast<std::size_t>(json.size()));
    const Json::parser_callback_t limitDepth = depthLimit();
    Json pools;
    try {
        pools = Json::parse(text, limitDepth);
    } catch (const JsonTooDeep &) {
        return fail(QStringLiteral("JSON nested more than %1 levels deep; refused").arg(maxJsonDepth));
    } catch (const Json::parse_error &error) {
        const auto [line, column] = lineColumn(text, error.byte > 0 ? error.byte - 1 : 0);
        std::string_view what = error.what();
        if (const std::size_t colon = what.find(": "); colon != std::string_view::npos)
            what.remove_prefix(colon + 2);
        return fail(QStringLiteral("malformed JSON: %1").arg(qstr(what)), line, column);
    } catch (const Json::exception &error) {
        return fail(QStringLiteral("malformed JSON: %1").arg(qstr(error.what())));
    }
    if (!pools.is_array())
        return fail(QStringLiteral("expected a list of node pools ([{\"name\": ..., \"count\": ...}])"));
    QList<NodePool> out;
    for (std::size_t i = 0; i < pools.size(); ++i) {
        std::optional<NodePool> pool = nodePool(pools[i]);
        if (!pool)
            return fail(QStringLiteral("node pool %1 is not valid: it needs a \"name\"; \"count\" and \"pods\" "
                                       "are non-negative integers, \"cpu\" and \"memory\" strings, \"zones\" "
                                       "and \"taints\" lists of strings, \"labels\" an object of strings")
                            .arg(i + 1));
        out.append(std::move(*pool));
    }
    return out;
}

} // namespace kstudio::model
