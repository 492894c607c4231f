using System.Text;

namespace Extractor.Text;

/// <summary>Cleans the text of a cell or line as a reader found it.</summary>
public static class CellText
{
    /// <summary>
    /// Collapses white space (incl. NBSP and U+3000) and removes the spaces a line break or a
    /// formatting span left between two Han characters ("行政规范性 文件" → "行政规范性文件").
    /// </summary>
    public static string Clean(string raw)
    {
        var collapsed = TextNormalizer.CollapseSpace(raw);
        if (!collapsed.Contains(' '))
        {
            return collapsed;
        }
        var sb = new StringBuilder(collapsed.Length);
        for (var i = 0; i < collapsed.Length; i++)
        {
            var ch = collapsed[i];
            if (ch == ' ' && i > 0 && i < collapsed.Length - 1 && IsCjkOrPunct(collapsed[i - 1]) && IsCjkOrPunct(collapsed[i + 1]))
            {
                continue;
            }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static bool IsCjkOrPunct(char ch) => TextNormalizer.IsHan(ch) || ch is >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFFEF' or '“' or '”';
}
