namespace Extractor.Readers.Pdf;

/// <summary>Cleans raw segments into ruling lines and groups the lines that touch into table frames.</summary>
internal static class RulingLines
{
    /// <summary>Rules closer than this are one rule (a cell border drawn by each of two neighbouring cells).</summary>
    public const double Tolerance = 3.0;

    /// <summary>1. Cluster segments by position; 2. join intervals on one position that touch or overlap.</summary>
    public static List<Segment> Merge(IEnumerable<Segment> segments)
    {
        var result = new List<Segment>();
        foreach (var orientation in new[] { true, false })
        {
            var sorted = segments.Where(s => s.Horizontal == orientation).OrderBy(s => s.Pos).ToList();
            var i = 0;
            while (i < sorted.Count)
            {
                var j = i + 1;
                while (j < sorted.Count && sorted[j].Pos - sorted[j - 1].Pos <= 1.0)
                {
                    j++;
                }
                var cluster = sorted.GetRange(i, j - i);
                var pos = cluster.Average(s => s.Pos);
                foreach (var (from, to) in UnionIntervals(cluster.Select(s => (s.From, s.To)), Tolerance))
                {
                    result.Add(new Segment(orientation, pos, from, to));
                }
                i = j;
            }
        }
        return result;
    }

    /// <summary>Sorted union of intervals, joining those separated by at most <paramref name="gap"/>.</summary>
    public static List<(double From, double To)> UnionIntervals(IEnumerable<(double From, double To)> intervals, double gap)
    {
        var result = new List<(double From, double To)>();
        foreach (var (from, to) in intervals.OrderBy(t => t.From))
        {
            if (result.Count > 0 && from <= result[^1].To + gap)
            {
                result[^1] = (result[^1].From, Math.Max(result[^1].To, to));
            }
            else
            {
                result.Add((from, to));
            }
        }
        return result;
    }

    /// <summary>Groups of horizontal and vertical rules that cross or touch: each is one table's frame.</summary>
    public static List<List<Segment>> Frames(List<Segment> rules)
    {
        var parent = Enumerable.Range(0, rules.Count).ToArray();
        int Find(int a)
        {
            while (parent[a] != a)
            {
                a = parent[a] = parent[parent[a]];
            }
            return a;
        }
        for (var a = 0; a < rules.Count; a++)
        {
            if (!rules[a].Horizontal)
            {
                continue;
            }
            for (var b = 0; b < rules.Count; b++)
            {
                if (!rules[b].Horizontal && Touch(rules[a], rules[b]))
                {
                    parent[Find(a)] = Find(b);
                }
            }
        }
        return Enumerable.Range(0, rules.Count)
            .GroupBy(Find)
            .Select(g => g.Select(k => rules[k]).ToList())
            .Where(g => g.Count(s => s.Horizontal) >= 2 && g.Count(s => !s.Horizontal) >= 2)
            .ToList();
    }

    private static bool Touch(Segment h, Segment v) =>
        v.Pos >= h.From - Tolerance && v.Pos <= h.To + Tolerance && h.Pos >= v.From - Tolerance && h.Pos <= v.To + Tolerance;

    /// <summary>Distinct positions, at least <paramref name="minGap"/> apart, sorted ascending.</summary>
    public static List<double> ClusterPositions(IEnumerable<double> positions, double minGap)
    {
        var result = new List<double>();
        var group = new List<double>();
        foreach (var p in positions.OrderBy(p => p))
        {
            if (group.Count > 0 && p - group[^1] > minGap)
            {
                result.Add(group.Average());
                group.Clear();
            }
            group.Add(p);
        }
        if (group.Count > 0)
        {
            result.Add(group.Average());
        }
        return result;
    }

    /// <summary>Share of [from, to] covered by rules at position <paramref name="pos"/>.</summary>
    public static double Coverage(IEnumerable<Segment> rules, double pos, double from, double to)
    {
        if (to - from <= 0)
        {
            return 1;
        }
        var covered = UnionIntervals(
                rules.Where(s => Math.Abs(s.Pos - pos) <= Tolerance && s.To > from && s.From < to)
                    .Select(s => (Math.Max(s.From, from), Math.Min(s.To, to))),
                0)
            .Sum(t => t.To - t.From);
        return covered / (to - from);
    }
}
