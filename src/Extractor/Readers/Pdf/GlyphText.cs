using System.Text;

using Extractor.Text;

namespace Extractor.Readers.Pdf;

/// <summary>
/// Character-level repairs and tests for decoded PDF text. Chromium/Skia Type 3 fonts and many
/// government PDFs map ordinary ideographs to Kangxi radicals (工 → ⼯ U+2F2F) or CJK radical
/// supplement forms (民 → ⺠ U+2EA0) in their ToUnicode maps (PITFALLS.md).
/// </summary>
internal static class GlyphText
{
    /// <summary>Repairs radical and compatibility code points (<see cref="CjkRadicals"/>).</summary>
    public static string Normalize(string text) => CjkRadicals.Repair(text);

    /// <summary>A character no real report prints: private use, replacement, control or unassigned.</summary>
    public static bool IsUndecodable(char ch) =>
        ch is >= '\uE000' and <= '\uF8FF' or '\uFFFD' or '\u0000'
            || (char.IsControl(ch) && ch is not ('\t' or '\n' or '\r'))
            || char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.OtherNotAssigned;

    /// <summary>
    /// Latin-1 letters where Chinese should be: GBK bytes read through a single-byte encoding
    /// give runs like "ÕþÎñ". Counted as undecodable when they dominate a page.
    /// </summary>
    public static bool IsLatin1Mojibake(char ch) => ch is >= '\u00C0' and <= '\u00FF' and not '\u00D7' and not '\u00F7';

    /// <summary>CJK ideographs, kana and CJK/full-width punctuation: written without spaces between them.</summary>
    public static bool IsCjk(char ch) =>
        ch is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF'
            or >= '\u3000' and <= '\u303F' or '\u2018' or '\u2019' or '\u201C' or '\u201D' or '\u2014' or '\u2026';

    /// <summary>A digit, ASCII letter or similar: a space is kept between two of them.</summary>
    public static bool IsWordChar(char ch) => !IsCjk(ch) && !char.IsWhiteSpace(ch);

    /// <summary>
    /// A blank cell's mark as tables print it (/, —, -, 无): in a borderless table it is all that
    /// marks the cell, so a row of blanks is a row of figures, not a label (the mapper reads the
    /// marks as blanks).
    /// </summary>
    public static bool IsBlankMark(string text) => text.Trim() is "/" or "／" or "-" or "—" or "——" or "–" or "－" or "─" or "\\" or "无";

    /// <summary>A chunk standing in a figure column: a figure or a blank mark.</summary>
    public static bool IsFigureOrBlank(string text) => IsNumber(text) || IsBlankMark(text);

    /// <summary>A figure as a table prints it: digits with optional separators, sign, decimals or percent.</summary>
    public static bool IsNumber(string text)
    {
        var t = text.Trim();
        if (t.Length == 0 || t.Length > 16)
        {
            return false;
        }
        var digits = 0;
        for (var i = 0; i < t.Length; i++)
        {
            var ch = t[i];
            if (char.IsAsciiDigit(ch) || ch is >= '０' and <= '９')
            {
                digits++;
            }
            else if (ch is '.' or ',' or '，' or '．' or '%' or '％' || (i == 0 && ch is '-' or '－'))
            {
                continue;
            }
            else
            {
                return false;
            }
        }
        return digits > 0;
    }
}
