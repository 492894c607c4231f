using System.Globalization;
using System.Text.RegularExpressions;
using Extractor.Text;

namespace Extractor.Mapping;

public enum CellKind { Number, Blank, NotANumber }

/// <summary>A table cell read as a figure.</summary>
public readonly record struct CellValue(CellKind Kind, decimal? Value, string Text)
{
    public bool IsNumber => Kind == CellKind.Number;
    public bool IsBlank => Kind == CellKind.Blank;
}

/// <summary>
/// Reads a cell as printed: full-width digits, thousands separators, decimals (万元), a unit suffix.
/// A blank cell, "/", "—", "-" or "无" is a blank (read as 0 with a flag by the mapper); anything
/// else that is not a number is <see cref="CellKind.NotANumber"/>, never silently 0.
/// </summary>
public static partial class CellValueParser
{
    [GeneratedRegex(@"^[+\-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(件|个|条|项|万元|元|次|宗)$")]
    private static partial Regex UnitPattern();

    private static readonly HashSet<string> BlankMarks = ["", "/", "／", "-", "—", "——", "–", "－", "无", "\\", "、", "--", "---", "─", "空", "null"];

    public static CellValue Parse(string raw)
    {
        var text = TextNormalizer.CollapseSpace(TextNormalizer.Normalize(raw ?? ""));
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        if (BlankMarks.Contains(compact))
        {
            return new CellValue(CellKind.Blank, null, text);
        }
        var number = StripUnit(compact);
        if (NumberPattern().IsMatch(number))
        {
            var value = decimal.Parse(number.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return new CellValue(CellKind.Number, value, text);
        }
        return new CellValue(CellKind.NotANumber, null, text);
    }

    /// <summary>
    /// Could this cell sit in a figure column? Numbers, blanks and short number-like junk (a digit
    /// with a stray letter, an OCR confusion) are; labels are not.
    /// </summary>
    public static bool IsValueLike(string raw)
    {
        if (raw.Length > 24)
        {
            return false;
        }
        var parsed = Parse(raw);
        if (parsed.Kind != CellKind.NotANumber)
        {
            return true;
        }
        var compact = parsed.Text.Replace(" ", "", StringComparison.Ordinal);
        return compact.Length <= 4 && !TextNormalizer.HasHan(compact) && compact.Any(char.IsDigit);
    }

    private static string StripUnit(string text)
    {
        for (var len = Math.Min(2, text.Length - 1); len >= 1; len--)
        {
            if (UnitPattern().IsMatch(text[^len..]))
            {
                return text[..^len];
            }
        }
        return text;
    }
}
