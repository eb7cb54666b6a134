// SPDX-License-Identifier: GPL-3.0-or-later
// Name syntax with upstream's messages. Mirrors kubernetes/apimachinery v0.33
// pkg/util/validation/validation.go (IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label,
// IsValidPortName, IsValidPortNum) and pkg/api/validation/path/name.go (IsValidPathSegmentName).
#pragma once

#include <QString>
#include <QStringList>

namespace kstudio::sim::validate::rules {

namespace names_detail {

inline bool isLowerAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}

inline bool isLabel(QStringView text, bool letterFirst)
{
    if (text.isEmpty() || !isLowerAlnum(text.front()) || !isLowerAlnum(text.back()))
        return false;
    if (letterFirst && !(text.front() >= u'a' && text.front() <= u'z'))
        return false;
    for (const QChar c : text) {
        if (!isLowerAlnum(c) && c != u'-')
            return false;
    }
    return true;
}

// validation.RegexError, with upstream's double space between examples.
inline QString
regexError(const QString &message, const QString &format, const QStringList &examples)
{
    QString out = message + QStringLiteral(" (e.g. ");
    for (qsizetype i = 0; i < examples.size(); ++i) {
        if (i > 0)
            out += QStringLiteral(" or ");
        out += u'\'' + examples[i] + QStringLiteral("', ");
    }
    return out + QStringLiteral("regex used for validation is '") + format + QStringLiteral("')");
}

inline QString maxLength(int length)
{
    return QStringLiteral("must be no more than %1 characters").arg(length);
}

} // namespace names_detail

inline QStringList dns1123LabelErrors(const QString &value)
{
    using namespace names_detail;
    QStringList errors;
    if (value.size() > 63)
        errors.append(maxLength(63));
    if (!isLabel(value, false))
        errors.append(regexError(
            QStringLiteral(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
                "'-', and must start and end with an alphanumeric character"),
            QStringLiteral("[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
            {QStringLiteral("my-name"), QStringLiteral("123-abc")}));
    return errors;
}

inline QStringList dns1035LabelErrors(const QString &value)
{
    using namespace names_detail;
    QStringList errors;
    if (value.size() > 63)
        errors.append(maxLength(63));
    if (!isLabel(value, true))
        errors.append(regexError(
            QStringLiteral(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
                "with an alphabetic character, and end with an alphanumeric character"),
            QStringLiteral("[a-z]([-a-z0-9]*[a-z0-9])?"),
            {QStringLiteral("my-name"), QStringLiteral("abc-123")}));
    return errors;
}

inline QStringList dns1123SubdomainErrors(const QString &value)
{
    using namespace names_detail;
    QStringList errors;
    if (value.size() > 253)
        errors.append(maxLength(253));
    bool valid = !value.isEmpty();
    for (const QStringView label : QStringView(value).split(u'.')) {
        if (!isLabel(label, false))
            valid = false;
    }
    if (!valid)
        errors.append(regexError(
            QStringLiteral(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                "characters, '-' or '.', and must start and end with an alphanumeric character"),
            QStringLiteral("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"),
            {QStringLiteral("example.com")}));
    return errors;
}

inline QStringList pathSegmentNameErrors(const QString &value)
{
    if (value == u"." || value == u"..")
        return {QStringLiteral("may not be '%1'").arg(value)};
    QStringList errors;
    for (const char *bad : {"/", "%"}) {
        if (value.contains(QLatin1StringView(bad)))
            errors.append(QStringLiteral("may not contain '%1'").arg(QLatin1StringView(bad)));
    }
    return errors;
}

// IsValidPortName: an IANA_SVC_NAME.
inline QStringList portNameErrors(const QString &port)
{
    QStringList errors;
    if (port.size() > 15)
        errors.append(QStringLiteral("must be no more than 15 characters"));
    bool letter = false;
    bool allowed = true;
    for (const QChar c : port) {
        if (c >= u'a' && c <= u'z')
            letter = true;
        else if (!(c >= u'0' && c <= u'9') && c != u'-')
            allowed = false;
    }
    if (!allowed)
        errors.append(QStringLiteral(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
    if (port.contains(QStringLiteral("--")))
        errors.append(QStringLiteral("must not contain consecutive hyphens"));
    if (!port.isEmpty() && !letter)
        errors.append(QStringLiteral("must contain at least one letter (a-z)"));
    if (port.startsWith(u'-') || port.endsWith(u'-'))
        errors.append(QStringLiteral("must not begin or end with a hyphen"));
    return errors;
}

inline QString portRangeError()
{
    return QStringLiteral("must be between 1 and 65535, inclusive");
}

} // namespace kstudio::sim::validate::rules
