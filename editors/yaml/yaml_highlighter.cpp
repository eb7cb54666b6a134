// SPDX-License-Identifier: GPL-3.0-or-later
#include "yaml_highlighter.h"

#include <QApplication>
#include <QPalette>

namespace kstudio::editors {

YamlHighlighter::YamlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
    QTextCharFormat key;
    key.setForeground(dark ? QColor(0x7c, 0xb7, 0xff) : QColor(0x1f, 0x4e, 0xb4));
    QTextCharFormat string;
    string.setForeground(dark ? QColor(0x9a, 0xd4, 0x8a) : QColor(0x2e, 0x7d, 0x32));
    QTextCharFormat number;
    number.setForeground(dark ? QColor(0xf2, 0xb4, 0x6b) : QColor(0xb2, 0x5b, 0x00));
    QTextCharFormat keyword;
    keyword.setForeground(dark ? QColor(0xd6, 0x9c, 0xf7) : QColor(0x8e, 0x24, 0xaa));
    QTextCharFormat marker;
    marker.setForeground(QApplication::palette().color(QPalette::PlaceholderText));
    marker.setFontWeight(QFont::Bold);
    m_comment.setForeground(QApplication::palette().color(QPalette::PlaceholderText));
    m_comment.setFontItalic(true);
    m_rules = {
        {QRegularExpression(QStringLiteral("^(---|\\.\\.\\.)\\s*$")), marker, 0},
        {QRegularExpression(QStringLiteral("^\\s*(?:-\\s+)?([^\\s#'\"][^:#]*?|\"[^\"]*\"|'[^']*')\\s*:(?=\\s|$)")), key, 1},
        {QRegularExpression(QStringLiteral(":\\s+(-?(?:0x[0-9a-fA-F]+|\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?))\\s*$")), number, 1},
        {QRegularExpression(QStringLiteral("(?::|-)\\s+(true|false|null|~)\\s*$")), keyword, 1},
        {QRegularExpression(QStringLiteral("(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*')")), string, 1},
        {QRegularExpression(QStringLiteral("([&*][A-Za-z0-9_-]+|![A-Za-z0-9!_-]*)")), keyword, 1},
    };
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : std::as_const(m_rules)) {
        QRegularExpressionMatchIterator it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            setFormat(int(match.capturedStart(rule.group)), int(match.capturedLength(rule.group)), rule.format);
        }
    }
    // A comment starts at a # at the line's start or after a space, outside quotes.
    bool single = false;
    bool dbl = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\'') && !dbl)
            single = !single;
        else if (c == QLatin1Char('"') && !single)
            dbl = !dbl;
        else if (c == QLatin1Char('#') && !single && !dbl && (i == 0 || text.at(i - 1).isSpace())) {
            setFormat(i, int(text.size()) - i, m_comment);
            break;
        }
    }
}

} // namespace kstudio::editors
