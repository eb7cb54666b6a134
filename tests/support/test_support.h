// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the tests: where fixtures and the shared corpus are, and file reading.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QtTest>

namespace kstudio::test {

inline QString dataDir()
{
    return QStringLiteral(KS_TEST_DATA_DIR);
}

// ../shared beside the checkout (override with KSTUDIO_SHARED_DIR).
inline QString sharedDir()
{
    const QByteArray env = qgetenv("KSTUDIO_SHARED_DIR");
    return QDir::cleanPath(env.isEmpty() ? QStringLiteral(KS_SHARED_DIR) : QString::fromLocal8Bit(env));
}

inline QString corpusDir()
{
    return sharedDir() + QStringLiteral("/corpus");
}

inline bool corpusPresent()
{
    return QFileInfo(corpusDir()).isDir();
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The built kstudio binary (set by ctest through KSTUDIO_BINARY).
inline QString kstudioBinary()
{
    const QByteArray env = qgetenv("KSTUDIO_BINARY");
    return env.isEmpty() ? QStringLiteral(KS_BUILD_DIR "/app/kstudio") : QString::fromLocal8Bit(env);
}

} // namespace kstudio::test

// Skips the current test when ../shared/corpus is absent, so a user's clone still passes.
#define KS_REQUIRE_CORPUS()                                                                        \
    do {                                                                                           \
        if (!kstudio::test::corpusPresent())                                                       \
            QSKIP("skipped: ../shared/corpus not present");                                        \
    } while (false)
