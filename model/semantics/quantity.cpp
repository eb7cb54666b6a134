// SPDX-License-Identifier: GPL-3.0-or-later
// Quantity parsing, canonical form and exact arithmetic over decimal digit strings.
// Mirrors: kubernetes/apimachinery pkg/api/resource/quantity.go, amount.go, suffix.go
// (tag v0.33.9, Kubernetes v1.33); checked case by case against that code (tst_quantity).
//
// Two deliberate departures, both where upstream loses the value it holds:
//  - a DecimalSI value past "E" (1000E = 10^21) prints as "1e21"; v0.33.9 drops the exponent
//    and prints "1" (later upstream revisions fall back to the exponent form as we do);
//  - value()/milliValue() on negative or out-of-range quantities: upstream wraps or mis-rounds
//    (its inf.Dec path returns trunc+1 for negatives); we round away from zero, as its int64
//    path and its documentation say, and return nullopt when the result does not fit.
#include "quantity.h"

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace kstudio::model {

namespace {

constexpr std::string_view maxInt64Digits = "9223372036854775807";
constexpr std::string_view minInt64Magnitude = "9223372036854775808";
constexpr std::int64_t nanoExponent = -9;
constexpr std::string_view suffixLetters = "eEinumkKMGTP";

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Go's int32(x): keeps the low 32 bits (C++20 defines the conversion as modular).
std::int32_t wrap32(std::int64_t value)
{
    return static_cast<std::int32_t>(value);
}

std::string_view stripLeadingZeros(std::string_view digits)
{
    const std::size_t first = digits.find_first_not_of('0');
    return first == std::string_view::npos ? std::string_view() : digits.substr(first);
}

// Magnitudes are digit strings without leading zeros; the empty string is zero.
int compareMagnitudes(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    const int order = a.compare(b);
    return (order > 0) - (order < 0);
}

// Compares |a * 10^ae| with |b * 10^be|; a and b have no leading zeros.
int compareScaled(std::string_view a, std::int64_t ae, std::string_view b, std::int64_t be)
{
    if (a.empty() || b.empty())
        return int(!a.empty()) - int(!b.empty());
    const std::int64_t aTop = std::int64_t(a.size()) + ae;
    const std::int64_t bTop = std::int64_t(b.size()) + be;
    if (aTop != bTop)
        return aTop < bTop ? -1 : 1;
    const std::size_t length = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < length; ++i) {
        const char ca = i < a.size() ? a[i] : '0';
        const char cb = i < b.size() ? b[i] : '0';
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return 0;
}

std::string addMagnitudes(std::string_view a, std::string_view b)
{
    std::string out;
    out.reserve(std::max(a.size(), b.size()) + 1);
    std::size_t i = a.size();
    std::size_t j = b.size();
    int carry = 0;
    while (i > 0 || j > 0 || carry != 0) {
        int sum = carry;
        if (i > 0)
            sum += a[--i] - '0';
        if (j > 0)
            sum += b[--j] - '0';
        out.push_back(char('0' + sum % 10));
        carry = sum / 10;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

// a - b, for a >= b.
std::string subtractMagnitudes(std::string_view a, std::string_view b)
{
    std::string out;
    out.reserve(a.size());
    std::size_t i = a.size();
    std::size_t j = b.size();
    int borrow = 0;
    while (i > 0) {
        int digit = a[--i] - '0' - borrow;
        if (j > 0)
            digit -= b[--j] - '0';
        borrow = digit < 0 ? 1 : 0;
        out.push_back(char('0' + digit + 10 * borrow));
    }
    std::reverse(out.begin(), out.end());
    return std::string(stripLeadingZeros(out));
}

void multiplySmall(std::string &digits, std::uint32_t factor)
{
    std::uint64_t carry = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        const std::uint64_t product = std::uint64_t(*it - '0') * factor + carry;
        *it = char('0' + product % 10);
        carry = product / 10;
    }
    std::string prefix;
    for (; carry != 0; carry /= 10)
        prefix.push_back(char('0' + carry % 10));
    std::reverse(prefix.begin(), prefix.end());
    digits.insert(0, prefix);
}

// Divides in place (the quotient has no leading zeros) and returns the remainder.
std::uint32_t divideSmall(std::string &digits, std::uint32_t divisor)
{
    std::string quotient;
    quotient.reserve(digits.size());
    std::uint64_t remainder = 0;
    for (const char c : digits) {
        remainder = remainder * 10 + std::uint64_t(c - '0');
        quotient.push_back(char('0' + remainder / divisor));
        remainder %= divisor;
    }
    digits = std::string(stripLeadingZeros(quotient));
    return std::uint32_t(remainder);
}

void incrementMagnitude(std::string &digits)
{
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (*it != '9') {
            ++*it;
            return;
        }
        *it = '0';
    }
    digits.insert(digits.begin(), '1');
}

// Parsing keeps a value only down to nano and rounds a finer non-zero value away from zero
// (inf.RoundUp to Nano in ParseQuantity): "0.9n" is 1n, "1.5e-9" is 2n.
void roundAwayToNano(std::string &digits, std::int64_t &exponent)
{
    if (digits.empty() || exponent >= nanoExponent)
        return;
    const std::int64_t dropped = nanoExponent - exponent;
    exponent = nanoExponent;
    if (dropped >= std::int64_t(digits.size())) {
        digits.assign(1, '1'); // not operator=("1"): GCC 12 -O3 warns falsely (-Wrestrict)
        return;
    }
    const std::size_t kept = digits.size() - std::size_t(dropped);
    const bool fraction = digits.find_first_not_of('0', kept) != std::string::npos;
    digits.resize(kept);
    if (fraction)
        incrementMagnitude(digits);
}

// What ParseQuantity's scanner splits a text into; nullopt when it reports ErrFormatWrong.
struct Scanned
{
    bool negative = false;
    std::string_view number;   // sign, digits and point before the suffix (upstream's `value`)
    std::string_view integer;  // integer digits, leading zeros stripped; "0" when none are left
    std::string_view fraction; // the digits after the point
    std::string_view suffix;
};

std::optional<Scanned> scan(std::string_view text)
{
    Scanned out;
    std::size_t pos = 0;
    const std::size_t end = text.size();
    if (pos < end && (text[pos] == '-' || text[pos] == '+')) {
        out.negative = text[pos] == '-';
        ++pos;
    }
    while (pos < end && text[pos] == '0')
        ++pos;
    if (pos >= end) {
        out.integer = "0";
        out.number = "0";
        return out;
    }
    const std::size_t integerStart = pos;
    while (pos < end && isDigit(text[pos]))
        ++pos;
    out.integer = text.substr(integerStart, pos - integerStart);
    if (pos >= end) {
        out.number = text;
        return out;
    }
    if (out.integer.empty())
        out.integer = "0";
    if (text[pos] == '.') {
        const std::size_t fractionStart = ++pos;
        while (pos < end && isDigit(text[pos]))
            ++pos;
        out.fraction = text.substr(fractionStart, pos - fractionStart);
        if (pos >= end) {
            out.number = text;
            return out;
        }
    }
    out.number = text.substr(0, pos);
    const std::size_t suffixStart = pos;
    while (pos < end && suffixLetters.find(text[pos]) != std::string_view::npos)
        ++pos;
    if (pos < end && (text[pos] == '+' || text[pos] == '-'))
        ++pos;
    while (pos < end && isDigit(text[pos]))
        ++pos;
    if (pos < end)
        return std::nullopt;
    out.suffix = text.substr(suffixStart);
    return out;
}

// Go's strconv.ParseInt(text, 10, 64): an optional sign, then decimal digits only.
std::optional<std::int64_t> parseInt64(std::string_view text)
{
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text.empty() || !std::all_of(text.begin(), text.end(), isDigit))
        return std::nullopt;
    const std::string_view magnitude = stripLeadingZeros(text);
    if (compareMagnitudes(magnitude, negative ? minInt64Magnitude : maxInt64Digits) > 0)
        return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : magnitude)
        value = value * 10 + std::uint64_t(c - '0');
    return static_cast<std::int64_t>(negative ? 0 - value : value);
}

struct SuffixMeaning
{
    std::string_view text;
    int base; // 10 or 2
    std::int32_t exponent;
    QuantityFormat format;
};

constexpr std::array<SuffixMeaning, 16> suffixTable{{
    {"", 10, 0, QuantityFormat::DecimalSI},
    {"n", 10, -9, QuantityFormat::DecimalSI},
    {"u", 10, -6, QuantityFormat::DecimalSI},
    {"m", 10, -3, QuantityFormat::DecimalSI},
    {"k", 10, 3, QuantityFormat::DecimalSI},
    {"M", 10, 6, QuantityFormat::DecimalSI},
    {"G", 10, 9, QuantityFormat::DecimalSI},
    {"T", 10, 12, QuantityFormat::DecimalSI},
    {"P", 10, 15, QuantityFormat::DecimalSI},
    {"E", 10, 18, QuantityFormat::DecimalSI},
    {"Ki", 2, 10, QuantityFormat::BinarySI},
    {"Mi", 2, 20, QuantityFormat::BinarySI},
    {"Gi", 2, 30, QuantityFormat::BinarySI},
    {"Ti", 2, 40, QuantityFormat::BinarySI},
    {"Pi", 2, 50, QuantityFormat::BinarySI},
    {"Ei", 2, 60, QuantityFormat::BinarySI},
}};

constexpr std::array<std::string_view, 7> binarySuffixes{"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

std::optional<SuffixMeaning> interpretSuffix(std::string_view suffix)
{
    for (const SuffixMeaning &entry : suffixTable) {
        if (entry.text == suffix)
            return entry;
    }
    if (suffix.size() > 1 && (suffix[0] == 'e' || suffix[0] == 'E')) {
        const std::optional<std::int64_t> exponent = parseInt64(suffix.substr(1));
        if (!exponent)
            return std::nullopt;
        // Upstream narrows the parsed int64 to int32: "1e4294967296" is 1.
        return SuffixMeaning{suffix, 10, wrap32(*exponent), QuantityFormat::DecimalExponent};
    }
    return std::nullopt;
}

std::string decimalSuffix(std::int64_t exponent, QuantityFormat format)
{
    if (format == QuantityFormat::DecimalSI) {
        for (const SuffixMeaning &entry : suffixTable) {
            if (entry.base == 10 && entry.exponent == exponent)
                return std::string(entry.text);
        }
    } else if (exponent == 0) {
        return {};
    }
    std::string out(1, 'e');
    out += std::to_string(exponent); // not "e" + ...: GCC 12 -O3 warns falsely (-Wrestrict)
    return out;
}

// Go's unicode.IsSpace, as UTF-8: ASCII space and controls, NEL, NBSP, and the Zs/Zl/Zp runes.
constexpr std::array<std::string_view, 25> unicodeSpaces{
    "\t",           "\n",           "\v",           "\f",           "\r",           " ",
    "\xC2\x85",     "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82",
    "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88",
    "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F",
    "\xE3\x80\x80"};

// Length of the white space rune that starts (or ends) text, 0 when there is none.
std::size_t spaceAt(std::string_view text, bool atEnd)
{
    const auto matches = [&](std::string_view space) {
        return atEnd ? text.ends_with(space) : text.starts_with(space);
    };
    for (const std::string_view space : unicodeSpaces) {
        if (matches(space))
            return space.size();
    }
    return 0;
}

} // namespace

std::optional<Quantity> Quantity::parse(std::string_view text, QuantityError *error)
{
    const auto fail = [error](QuantityError reason) -> std::optional<Quantity> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (text.empty())
        return fail(QuantityError::FormatWrong);
    Quantity q;
    if (text == "0") {
        q.m_written = "0";
        return q;
    }
    const std::optional<Scanned> scanned = scan(text);
    if (!scanned)
        return fail(QuantityError::FormatWrong);
    const std::optional<SuffixMeaning> suffix = interpretSuffix(scanned->suffix);
    if (!suffix)
        return fail(QuantityError::Suffix);

    // Upstream takes an int64 fast path for short numbers and an inf.Dec slow path otherwise.
    // Both give the same value, but only the fast path may keep the text as the string form,
    // and only the slow path re-reads the number, failing when it holds no digit at all
    // ("Ki" is zero, "Ei" is ErrNumeric).
    const std::string shifted = std::string(scanned->integer) + std::string(scanned->fraction);
    const auto fractionLength = std::int64_t(scanned->fraction.size());
    const auto integerLength = std::int64_t(scanned->integer.size());
    const bool numberHasDigit
        = std::any_of(scanned->number.begin(), scanned->number.end(), isDigit);
    q.m_negative = scanned->negative;
    q.m_format = suffix->format;
    q.m_digits = std::string(stripLeadingZeros(shifted));

    if (suffix->base == 10) {
        const std::int64_t precision = 18 - (integerLength + fractionLength);
        const std::int32_t fastScale = wrap32(std::int64_t(suffix->exponent) - fractionLength);
        if (precision >= 0 && fastScale >= nanoExponent) {
            q.m_exponent = fastScale;
            if (fastScale % 3 == 0 && !shifted.ends_with("000") && shifted[0] != '0')
                q.m_written = std::string(text);
        } else {
            if (!numberHasDigit)
                return fail(QuantityError::Numeric);
            const std::int32_t negated = wrap32(-std::int64_t(suffix->exponent));
            q.m_exponent = -std::int64_t(wrap32(fractionLength + negated));
            roundAwayToNano(q.m_digits, q.m_exponent);
        }
        q.normalize();
        return q;
    }

    const int power = suffix->exponent; // 10 (Ki) to 60 (Ei)
    const bool fast = fractionLength == 0 && 15 - integerLength - (3 * power / 10) - 1 >= 0;
    if (!fast && !numberHasDigit)
        return fail(QuantityError::Numeric);
    for (int i = 0; i < power / 10 && !q.m_digits.empty(); ++i)
        multiplySmall(q.m_digits, 1024);
    q.m_exponent = -fractionLength;
    roundAwayToNano(q.m_digits, q.m_exponent);
    // Parsing caps BinarySI at 2^63-1 ("8Ei" parses as 9223372036854775807).
    if (compareScaled(q.m_digits, q.m_exponent, maxInt64Digits, 0) > 0) {
        q.m_digits = std::string(maxInt64Digits);
        q.m_exponent = 0;
    }
    if (!q.m_digits.empty() && compareScaled(q.m_digits, q.m_exponent, "1", 0) < 0)
        q.m_format = QuantityFormat::DecimalSI;
    if (fast) {
        std::uint64_t written = 0;
        for (const char c : scanned->integer)
            written = written * 10 + std::uint64_t(c - '0');
        if ((written & 0x07) != 0)
            q.m_written = std::string(text);
    }
    q.normalize();
    return q;
}

std::optional<Quantity> Quantity::parse(const QString &text, QuantityError *error)
{
    const QByteArray utf8 = text.toUtf8();
    return parse(std::string_view(utf8.constData(), std::size_t(utf8.size())), error);
}

std::optional<Quantity> Quantity::parseField(std::string_view text, QuantityError *error)
{
    while (const std::size_t length = spaceAt(text, false))
        text.remove_prefix(length);
    while (const std::size_t length = spaceAt(text, true))
        text.remove_suffix(length);
    return parse(text, error);
}

QString Quantity::errorMessage(QuantityError error)
{
    switch (error) {
    case QuantityError::FormatWrong:
        return u"quantities must match the regular expression "
               u"'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"_s;
    case QuantityError::Numeric:
        return u"unable to parse numeric part of quantity"_s;
    case QuantityError::Suffix:
        return u"unable to parse quantity's suffix"_s;
    }
    return {};
}

Quantity Quantity::fromInt(std::int64_t value, QuantityFormat format)
{
    Quantity q;
    q.m_format = format;
    q.m_negative = value < 0;
    const std::uint64_t magnitude = value < 0 ? 0 - std::uint64_t(value) : std::uint64_t(value);
    q.m_digits = std::to_string(magnitude);
    q.normalize();
    return q;
}

Quantity Quantity::fromMilli(std::int64_t milli, QuantityFormat format)
{
    Quantity q = fromInt(milli, format);
    if (!q.isZero())
        q.m_exponent -= 3;
    return q;
}

void Quantity::normalize()
{
    m_digits = std::string(stripLeadingZeros(m_digits));
    const std::size_t last = m_digits.find_last_not_of('0');
    if (last == std::string::npos) {
        m_digits.clear();
        m_exponent = 0;
        m_negative = false;
        return;
    }
    m_exponent += std::int64_t(m_digits.size() - last - 1);
    m_digits.resize(last + 1);
}

std::optional<std::int64_t> Quantity::scaledValue(int scale) const
{
    if (isZero())
        return 0;
    const std::int64_t shift = m_exponent - scale;
    std::string magnitude;
    if (shift >= 0) {
        if (std::int64_t(m_digits.size()) + shift > std::int64_t(maxInt64Digits.size()))
            return std::nullopt;
        magnitude = m_digits + std::string(std::size_t(shift), '0');
    } else {
        // Normalized digits end in a non-zero digit, so dropping any of them leaves a fraction.
        const std::int64_t kept = std::int64_t(m_digits.size()) + shift;
        if (kept > 0)
            magnitude = m_digits.substr(0, std::size_t(kept));
        incrementMagnitude(magnitude);
    }
    if (compareMagnitudes(magnitude, m_negative ? minInt64Magnitude : maxInt64Digits) > 0)
        return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : magnitude)
        value = value * 10 + std::uint64_t(c - '0');
    return static_cast<std::int64_t>(m_negative ? 0 - value : value);
}

std::string Quantity::toStdString() const
{
    if (isZero())
        return "0";
    QuantityFormat format = m_format;
    // BinarySI prints as DecimalSI below 1024 in magnitude and when it has a fraction.
    if (format == QuantityFormat::BinarySI
        && (m_exponent < 0 || compareScaled(m_digits, m_exponent, "1024", 0) < 0))
        format = QuantityFormat::DecimalSI;
    std::string out = m_negative ? "-" : "";
    if (format == QuantityFormat::BinarySI) {
        std::string integer = m_digits + std::string(std::size_t(m_exponent), '0');
        std::size_t power = 0;
        // Stops at Ei: upstream v0.33.9 divides on and then has no suffix for 1024Ei.
        while (power + 1 < binarySuffixes.size()) {
            std::string quotient = integer;
            if (divideSmall(quotient, 1024) != 0)
                break;
            integer = std::move(quotient);
            ++power;
        }
        return out + integer + std::string(binarySuffixes[power]);
    }
    // The largest exponent that is a multiple of three and keeps the mantissa whole.
    const std::int64_t exponent = m_exponent - ((m_exponent % 3) + 3) % 3;
    out += m_digits;
    out.append(std::size_t(m_exponent - exponent), '0');
    return out + decimalSuffix(exponent, format);
}

QString Quantity::toString() const
{
    return QString::fromStdString(toStdString());
}

QString Quantity::apiString() const
{
    return m_written.empty() ? toString() : QString::fromStdString(m_written);
}

std::optional<Quantity> Quantity::plus(const Quantity &other) const
{
    Quantity sum = other.isZero() ? *this : other;
    sum.m_written.clear();
    sum.m_format = isZero() ? other.m_format : m_format;
    if (isZero() || other.isZero())
        return sum;
    const std::int64_t low = std::min(m_exponent, other.m_exponent);
    const std::int64_t high = std::max(std::int64_t(m_digits.size()) + m_exponent,
                                       std::int64_t(other.m_digits.size()) + other.m_exponent);
    if (high - low > maxSumDigits)
        return std::nullopt;
    const std::string a = m_digits + std::string(std::size_t(m_exponent - low), '0');
    const std::string b = other.m_digits + std::string(std::size_t(other.m_exponent - low), '0');
    sum.m_exponent = low;
    if (m_negative == other.m_negative) {
        sum.m_digits = addMagnitudes(a, b);
        sum.m_negative = m_negative;
    } else if (const int order = compareMagnitudes(a, b); order >= 0) {
        sum.m_digits = subtractMagnitudes(a, b);
        sum.m_negative = m_negative;
    } else {
        sum.m_digits = subtractMagnitudes(b, a);
        sum.m_negative = other.m_negative;
    }
    sum.normalize();
    return sum;
}

std::strong_ordering operator<=>(const Quantity &a, const Quantity &b)
{
    if (a.sign() != b.sign())
        return a.sign() <=> b.sign();
    const int magnitude = compareScaled(a.m_digits, a.m_exponent, b.m_digits, b.m_exponent);
    return (a.m_negative ? -magnitude : magnitude) <=> 0;
}

bool operator==(const Quantity &a, const Quantity &b)
{
    return (a <=> b) == 0;
}

} // namespace kstudio::model
