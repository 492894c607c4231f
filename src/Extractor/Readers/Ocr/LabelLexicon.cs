using Extractor.Schema;
using Extractor.Text;

namespace Extractor.Readers.Ocr;

/// <summary>
/// 表二's row labels as the recogniser should have read them. chi_sim misreads one character of a
/// short label now and then (行政处罚 read 行政处加 in a 200 dpi scan), and 表二 has no arithmetic to
/// place a row by, so the mapper accepts only its exact labels: the row went missing. A label cell
/// read one character away (two for the labels of six or seven) from exactly one of 表二's labels
/// of four or more characters, and not as near to any other label of the template, is that label (a lexicon-constrained reading, as
/// dictionaries steer Tesseract itself). Figures are never touched, and a figure read by OCR in
/// 表二 is never ok anyway: no check confirms it.
/// </summary>
internal static class LabelLexicon
{
    private static readonly string[] ActiveLabels = Template.ActiveRows.Select(r => r.RowLabel).Where(l => l.Length >= 4).Distinct().ToArray();

    /// <summary>Every other label of the template: a reading as close to one of them is left alone.</summary>
    private static readonly string[] OtherLabels =
    [
        .. Template.ApplicationRows.Select(r => Compact(r.Label)),
        .. Template.ApplicationRows.Select(r => r.SubLabel).OfType<string>().Select(Compact),
        .. Template.ApplicantColumns.Select(c => c.Label),
        .. Template.ReviewGroups.SelectMany(g => g.Label.Split('·')),
        .. Template.ReviewOutcomes.Select(o => o.Label),
        .. Template.ActiveRows.SelectMany(r => r.Columns.Select(c => Compact(c.Label))),
        "信息内容", "申请人情况", "法人或其他组织",
    ];

    /// <summary>The 表二 label <paramref name="text"/> was meant to be, or <paramref name="text"/> itself.</summary>
    public static string Snap(string text)
    {
        var compact = Compact(text);
        if (compact.Length < 4 || compact.Length > 8 || !compact.All(TextNormalizer.IsHan) || ActiveLabels.Contains(compact))
        {
            return text;
        }
        var near = ActiveLabels.Where(l => Distance(compact, l) <= MaxDistance(l)).ToList();
        if (near.Count != 1 || OtherLabels.Any(l => l != near[0] && Distance(compact, l) <= MaxDistance(near[0])))
        {
            return text;
        }
        return near[0];
    }

    /// <summary>One misread character in a label of four or five, two in the long ones (行政规范性文件, 行政事业性收费), which lie four apart.</summary>
    private static int MaxDistance(string label) => label.Length >= 6 ? 2 : 1;

    private static string Compact(string text) => TextNormalizer.Normalize(text).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>Levenshtein distance (the strings are a few characters long).</summary>
    private static int Distance(string a, string b)
    {
        var prev = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var cur = new int[b.Length + 1];
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.Length];
    }
}
