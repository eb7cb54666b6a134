// SPDX-License-Identifier: GPL-3.0-or-later
// Quantity: Kubernetes resource quantities ("500m", "1.5Gi", "2e3"), parsed and compared exactly.
#pragma once

#include <QString>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kstudio::model {

// The suffix family a quantity was written in; canonical output keeps it (Format upstream).
enum class QuantityFormat : std::uint8_t { DecimalSI, BinarySI, DecimalExponent };

// Why a text is not a quantity: upstream's three errors (ErrFormatWrong, ErrNumeric, ErrSuffix).
enum class QuantityError : std::uint8_t { FormatWrong, Numeric, Suffix };

// A resource quantity with the exact semantics of k8s.io/apimachinery's resource.Quantity.
//
// Representation: sign, a decimal mantissa held as a digit string with no leading or trailing
// zeros, and a base-10 exponent (int64). That is an exact fixed-point value of any size, so
// "1Ei" and "1152921504606846976" compare equal and "1e18" never touches floating point.
// Parsing rounds away from zero to nano (1e-9) and caps BinarySI at 2^63-1, as upstream does.
// Invariant: zero is the empty mantissa with exponent 0 and no sign.
class Quantity
{
public:
    Quantity() = default; // zero, DecimalSI

    // ParseQuantity: the text exactly, no surrounding whitespace. Upstream accepts some odd
    // texts and so does this: "+", "-", "." and "Ki" are zero; "1." is one.
    static std::optional<Quantity> parse(std::string_view text, QuantityError *error = nullptr);
    static std::optional<Quantity> parse(const QString &text, QuantityError *error = nullptr);
    static std::optional<Quantity> parse(const char *text, QuantityError *error = nullptr)
    {
        return parse(std::string_view(text), error);
    }
    // As the API server reads a quantity field: surrounding Unicode whitespace is trimmed
    // (UnmarshalJSON's strings.TrimSpace), then parse().
    static std::optional<Quantity> parseField(std::string_view text,
                                              QuantityError *error = nullptr);
    // Upstream's error texts, verbatim.
    static QString errorMessage(QuantityError error);

    static Quantity fromInt(std::int64_t value, QuantityFormat format = QuantityFormat::DecimalSI);
    static Quantity fromMilli(std::int64_t milli,
                              QuantityFormat format = QuantityFormat::DecimalSI);

    QuantityFormat format() const { return m_format; }
    bool isZero() const { return m_digits.empty(); }
    int sign() const { return isZero() ? 0 : (m_negative ? -1 : 1); }

    // ceil(q / 10^scale), rounding away from zero (ScaledValue); nullopt when the result does not
    // fit in int64 (upstream then returns an undefined, wrapped value).
    std::optional<std::int64_t> scaledValue(int scale) const;
    std::optional<std::int64_t> value() const { return scaledValue(0); }       // Value()
    std::optional<std::int64_t> milliValue() const { return scaledValue(-3); } // MilliValue()

    // Canonical form (CanonicalizeBytes): "0.5" -> "500m", "1.5Gi" -> "1536Mi", "1000m" -> "1".
    std::string toStdString() const;
    QString toString() const;
    // What the API server writes back (String()/MarshalJSON): the text as parsed when upstream
    // judged it canonical already ("+1", "1.500" and "1E3" stay as written), else toString().
    QString apiString() const;

    // The exact sum (Add). If this is zero the sum takes other's format, else keeps this one's.
    // nullopt only when the exact sum would need more than maxSumDigits significant digits
    // ("1e2000000000" + "1n"), which no real manifest writes but a hostile one could.
    std::optional<Quantity> plus(const Quantity &other) const;
    static constexpr std::int64_t maxSumDigits = 1 << 20;

    // Exact numeric comparison; the format is not part of the value (Cmp, Equal).
    friend std::strong_ordering operator<=>(const Quantity &a, const Quantity &b);
    friend bool operator==(const Quantity &a, const Quantity &b);

private:
    void normalize();

    std::string m_digits;        // significant digits, most significant first; empty for zero
    std::int64_t m_exponent = 0; // value = digits * 10^exponent
    bool m_negative = false;
    QuantityFormat m_format = QuantityFormat::DecimalSI;
    std::string m_written; // the parsed text when upstream keeps it as its string form, else empty
};

} // namespace kstudio::model
