using System.Text;
using System.Text.RegularExpressions;
using Extractor.Text;

namespace Extractor.Mapping.Rules;

/// <summary>A label reduced to what identifies it: its core text and the numbering printed before it.</summary>
public readonly record struct NormalizedLabel(string Core, string? Number, string? GroupNumeral);

/// <summary>
/// Label normalisation for matching: NFKC (full/half width), no spaces, no quotes or brackets,
/// numbering (一、 （一） 1. 1、 1．) split off and kept for scoring.
/// </summary>
public static partial class LabelNormalizer
{
    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+[、.,]|\(?[一二三四五六七八九十]+\)|\d{1,2}(?:[.、,](?!\d)|\)))")]
    private static partial Regex LeadingNumbering();

    /// <summary>NFKC, then drop spaces, quotes and bracket characters; lower-case ASCII.</summary>
    public static string Compact(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var sb = new StringBuilder(normalized.Length);
        foreach (var ch in normalized)
        {
            if (char.IsWhiteSpace(ch) || ch is '"' or '\'' or '“' or '”' or '‘' or '’' or '「' or '」' or '『' or '』' or '〔' or '〕' or '[' or ']' or '【' or '】' or '<' or '>' or '《' or '》' or '〈' or '〉' or ':' or '：' or '·' or '*' or '_')
            {
                continue;
            }
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }

    /// <summary>Splits leading numbering off: "（三）不予公开" → core 不予公开, group 三; "1.属于国家秘密" → number 1.</summary>
    public static NormalizedLabel Normalize(string text)
    {
        var s = Compact(text);
        string? number = null, group = null;
        for (var guard = 0; guard < 4; guard++)
        {
            var m = LeadingNumbering().Match(s);
            if (!m.Success || m.Length == s.Length)
            {
                break;
            }
            var token = m.Value.Trim('(', ')', '、', '.', ',');
            if (char.IsDigit(token[0]))
            {
                number ??= token;
            }
            else
            {
                group = token;
            }
            s = s[m.Length..];
        }
        return new NormalizedLabel(StripPunctuation(s), number, group);
    }

    /// <summary>The core keeps letters and digits only: commas, 、, brackets and dots differ between printings.</summary>
    private static string StripPunctuation(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (!char.IsPunctuation(ch) && !char.IsSymbol(ch))
            {
                sb.Append(ch);
            }
        }
        return sb.ToString();
    }
}
