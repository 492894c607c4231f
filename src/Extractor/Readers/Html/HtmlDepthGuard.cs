namespace Extractor.Readers.Html;

/// <summary>
/// Measures how deep a page's elements nest, on the raw markup and without building anything, before the
/// HTML parser and our recursive walk see it: a page nested 100,000 deep costs the parser time in the square of
/// the depth (the tree builder looks through the stack of open elements for each tag) and our walk one stack
/// frame per level. Elements whose end tag may be left out (p, li, td, …) and void elements do not count.
/// </summary>
public static class HtmlDepthGuard
{
    /// <summary>Real report pages nest a few dozen levels; Word's web exports under a hundred.</summary>
    public const int MaxDepth = 512;

    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "basefont", "frame", "keygen",
        // end tag optional: often left open
        "p", "li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp", "rtc", "colgroup", "caption",
        "html", "head", "body",
    };

    /// <summary>The deepest nesting of counted elements (stops counting past <paramref name="stopAt"/>).</summary>
    public static int Depth(string html, int stopAt = int.MaxValue)
    {
        var depth = 0;
        var max = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }
            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var j = start;
            while (j < html.Length && (char.IsAsciiLetterOrDigit(html[j]) || html[j] is '-' or ':'))
            {
                j++;
            }
            if (j == start)
            {
                i++;
                continue;
            }
            var name = html[start..j];
            var close = html.IndexOf('>', j);
            if (close < 0)
            {
                break;
            }
            var selfClosing = html[close - 1] == '/';
            i = close + 1;
            if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = end < 0 ? html.Length : end;
                continue;
            }
            if (NotCounted.Contains(name) || selfClosing)
            {
                continue;
            }
            if (closing)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (++depth > max)
            {
                max = depth;
                if (max > stopAt)
                {
                    return max;
                }
            }
        }
        return max;
    }

    /// <summary>Refuses a page nested deeper than <see cref="MaxDepth"/>: "too complex".</summary>
    public static void Check(string html)
    {
        if (!InputGuards.Enabled)
        {
            return;
        }
        if (Depth(html, MaxDepth) > MaxDepth)
        {
            throw new DocumentReadException($"too complex: the page's elements are nested more than {MaxDepth} levels deep");
        }
    }
}
