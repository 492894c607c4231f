using System.Globalization;
using System.Text;

namespace Extractor.Text;

/// <summary>
/// Character-level normalisation shared by every reader: NFKC (full-width → half-width, and the
/// compatibility Kangxi radicals U+2F00–U+2FD5 → their unified ideographs), plus the CJK radical
/// supplement characters NFKC leaves alone (U+2E80–U+2EFF; PITFALLS.md: Chromium and some government
/// PDFs map 民 to ⺠ U+2EA0).
/// </summary>
public static class TextNormalizer
{
    /// <summary>NFKC plus the radical map; keeps line structure. Used on all text a reader emits.</summary>
    public static string Normalize(string text)
    {
        if (string.IsNullOrEmpty(text) || IsStable(text))
        {
            return text;
        }
        var s = CjkRadicals.Repair(text);
        // NFKC turns U+3000 into a space and full-width forms into ASCII; that is what we want for
        // matching. The non-breaking space becomes a plain space too.
        return s.IsNormalized(NormalizationForm.FormKC) ? s : s.Normalize(NormalizationForm.FormKC);
    }

    /// <summary>
    /// Fast path: ASCII below NBSP, unified ideographs and the CJK punctuation NFKC keeps as it is
    /// need no work (ICU normalisation of every line of a 50 MB file would dominate reading it).
    /// </summary>
    private static bool IsStable(string text)
    {
        foreach (var ch in text)
        {
            if (ch < '\u00A0' || IsHan(ch) || ch is (> '\u3000' and <= '\u303F') or '“' or '”' or '‘' or '’' or '—' or '·')
            {
                continue;
            }
            return false;
        }
        return true;
    }

    /// <summary>True when the text has Han ideographs (CJK Unified, incl. Extension A).</summary>
    public static bool HasHan(string text)
    {
        foreach (var ch in text)
        {
            if (IsHan(ch))
            {
                return true;
            }
        }
        return false;
    }

    public static bool IsHan(char ch) => ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>Collapses runs of white space (incl. U+3000 and NBSP) to one space and trims.</summary>
    public static string CollapseSpace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || ch == '\u00A0' || ch == '\u3000')
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Whether a character is a letter category (used to tell mojibake from text).</summary>
    public static bool IsLetterLike(char ch) => char.GetUnicodeCategory(ch) is UnicodeCategory.OtherLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter;
}
