namespace Extractor.Mapping.Rules;

/// <summary>How well an observed row label fits a canonical row, and how that was decided.</summary>
public readonly record struct LabelMatch(double Score, bool Exact);

/// <summary>
/// Scores an observed row label (its label cells, left to right) against a canonical row. The last
/// one to three cells are tried (a parent label such as 三、本年度办理结果 or a header that a
/// flattened layout put in front comes first); numbering that contradicts the row lowers the score.
/// </summary>
public static class LabelMatcher
{
    public static LabelMatch Score(IReadOnlyList<string> labelCells, CanonicalRow row) => Score(Candidates(labelCells), row);

    /// <summary>
    /// The readings of a label to try, normalised once per observed row: the last one to four pieces.
    /// Layouts that separate cells by single spaces put a parent label and its child in one cell.
    /// </summary>
    public static List<NormalizedLabel> Candidates(IReadOnlyList<string> labelCells)
    {
        var pieces = labelCells.SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var candidates = new List<NormalizedLabel>(4);
        for (var k = 1; k <= Math.Min(4, pieces.Count); k++)
        {
            candidates.Add(LabelNormalizer.Normalize(string.Concat(pieces.Skip(pieces.Count - k))));
        }
        return candidates;
    }

    public static LabelMatch Score(IReadOnlyList<NormalizedLabel> candidates, CanonicalRow row)
    {
        var best = new LabelMatch(0, false);
        foreach (var n in candidates)
        {
            var (score, exact) = CoreScore(n.Core, row);
            if (row.Number is not null && n.Number is not null && n.Number != row.Number)
            {
                score -= 0.35;
                exact = false;
            }
            if (row.GroupNumeral is not null && n.GroupNumeral is not null && n.GroupNumeral != row.GroupNumeral && row.Number is null)
            {
                score -= 0.25;
                exact = false;
            }
            if (score > best.Score)
            {
                best = new LabelMatch(score, exact);
            }
        }
        return best;
    }

    /// <summary>1. equal to a known form (exact); 2. ends with one (a parent glued in front); 3. starts with one
    /// (but not a parent followed by a numbered child: "其他处理1.申请人…" is the child's row);
    /// 4. a long enough piece of one (a label cut at a line break); 5. bigram similarity.</summary>
    public static (double Score, bool Exact) CoreScore(string core, CanonicalRow row)
    {
        var best = 0.0;
        foreach (var c in row.Cores)
        {
            if (core == c)
            {
                return (1.0, true);
            }
            double s;
            if (core.EndsWith(c, StringComparison.Ordinal) && (c.Length >= 4 || core.Length - c.Length <= 12))
            {
                s = 0.97;
            }
            else if (c.Length >= 4 && core.StartsWith(c, StringComparison.Ordinal) && !(core.Length > c.Length && char.IsDigit(core[c.Length])))
            {
                s = 0.93;
            }
            else if (core.Length >= 4 && c.Contains(core, StringComparison.Ordinal) && core.Length * 2 >= c.Length)
            {
                s = 0.8 + 0.15 * core.Length / c.Length;
            }
            else
            {
                s = LabelSimilarity.Dice(core, c);
            }
            best = Math.Max(best, s);
        }
        return (best, false);
    }
}
