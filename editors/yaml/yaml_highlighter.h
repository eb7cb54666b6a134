// SPDX-License-Identifier: GPL-3.0-or-later
// YamlHighlighter: keys, strings, numbers and booleans, comments, document markers, anchors.
#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace kstudio::editors {

class YamlHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit YamlHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0;
    };
    QList<Rule> m_rules;
    QTextCharFormat m_comment;
};

} // namespace kstudio::editors
