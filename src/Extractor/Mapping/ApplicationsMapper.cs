using Extractor.Mapping.Ml;
using Extractor.Mapping.Rules;
using Extractor.Results;
using Extractor.Schema;
using Extractor.Segmentation;

namespace Extractor.Mapping;

/// <summary>
/// 表三: observed rows are aligned to the template's fixed row sequence by dynamic programming over
/// label similarity, so a missing, split, merged or stray row does not shift the figures of the
/// others; the seven applicant columns are read in template order.
/// </summary>
internal static class ApplicationsMapper
{
    /// <summary>How well an observed row fits a canonical row, and whether the rules or the model said so.</summary>
    internal readonly record struct RowScore(double Score, bool Exact, bool ByModel);

    private const double MatchFloor = 0.55;
    private const int Columns = 7;

    /// <summary>Row check of the template: total = sum of the six applicant columns.</summary>
    public static bool RowAddsUp(decimal[] v) => v.Length == Columns && v[6] == v[0] + v[1] + v[2] + v[3] + v[4] + v[5];

    public static void Map(SegmentedReport report, Dictionary<string, MappedField> fields, List<string> warnings, LabelModel? model = null)
    {
        var detached = new Dictionary<RowView, List<string>>(ReferenceEqualityComparer.Instance);
        var rows = DataRows(report, detached);
        if (rows.Count == 0)
        {
            return;
        }
        var canonical = RowDictionary.ApplicationRows;
        var matches = Align(rows, canonical, model);
        var placed = PlaceByPosition(rows, canonical, matches);
        var read = new List<ReadRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            var byPosition = placed.TryGetValue(i, out var placedAt);
            if (matches[i] is not (int j, RowScore match))
            {
                if (!byPosition)
                {
                    continue;
                }
                (j, match) = (placedAt, new RowScore(0, false, false));
                warnings.Add($"表三: a row of figures printed without its label was placed by its position as '{canonical[j].Label}': review");
            }
            var labelConfidence = byPosition ? 0.5 : LabelConfidence(match, i, j, matches);
            var (values, problem, readings) = RowValues.ResolveWithReadings(rows[i].Values, Columns, RowAddsUp);
            if (problem is not null)
            {
                warnings.Add($"表三 row '{rows[i].LabelText}': {problem}");
            }
            var labelFlags = byPosition ? [Flags.LabelByPosition] : match.ByModel ? [Flags.LabelMl] : match.Exact ? new[] { Flags.LabelRule } : [Flags.LabelRule, Flags.LabelFuzzy];
            // Label text from lines apart from the row (a converter's fragments) must not be what places it:
            // the row's own label cells must name the same template row, else the label is detached.
            if (!byPosition && detached.TryGetValue(rows[i], out var own) && !OwnLabelFits(own, canonical[j]))
            {
                labelFlags = [.. labelFlags, Flags.LabelDetached];
            }
            read.Add(new ReadRow(rows[i], canonical[j].Key, match, labelConfidence, labelFlags, values, readings));
        }
        TableIdentities.Solve(read, warnings, Validation.ProseCheck.Stated(report.Sections.GetValueOrDefault("overview")));
        foreach (var r in read)
        {
            if (r.Key == RowDictionary.OtherCollapsed)
            {
                MapCollapsed(report, r.View, r.Values, r.LabelConfidence, r.LabelFlags, fields);
                continue;
            }
            for (var c = 0; c < Columns; c++)
            {
                var col = Template.ApplicantColumns[c];
                var field = MappedField.From(r.Values[c], r.View.LabelText, col.Label, r.LabelConfidence, r.LabelFlags);
                field.Result.Evidence!.LabelScore = Math.Round(r.Match.Score, 3);
                fields[Template.ApplicationPath(r.Key, col.Key)] = field;
            }
        }
    }

    /// <summary>
    /// The label cells printed beside a row's figures name its template row: they match it, or they
    /// are a piece of its label (a label wrapped over lines by pdftotext: 「求缴纳费用、行政机关不再处」).
    /// </summary>
    private static bool OwnLabelFits(List<string> own, CanonicalRow row)
    {
        if (own.Count == 0)
        {
            return false;
        }
        if (LabelMatcher.Score(own, row).Score >= MatchFloor)
        {
            return true;
        }
        var piece = LabelNormalizer.Normalize(string.Concat(own)).Core;
        return piece.Length >= 4 && (LabelNormalizer.Normalize(row.Label).Core.Contains(piece, StringComparison.Ordinal) || row.Cores.Any(c => c.Contains(piece, StringComparison.Ordinal)));
    }

    /// <summary>A 表三 row as read: its template row, and its values (with the readings left open where the row alone did not decide).</summary>
    internal sealed record ReadRow(RowView View, string Key, RowScore Match, double LabelConfidence, string[] LabelFlags, List<ResolvedValue> Values, List<decimal[]>? Readings)
    {
        public List<ResolvedValue> Values { get; set; } = Values;

        public List<decimal[]>? Readings { get; set; } = Readings;
    }

    /// <summary>Labels of 表三 rows the rules are sure of, with their canonical row: training data for the label model.</summary>
    public static IEnumerable<(string Label, string Key)> Harvest(SegmentedReport report)
    {
        var rows = DataRows(report, null).Where(r => r.Labels.Count > 0).ToList();
        var matches = Align(rows, RowDictionary.ApplicationRows, model: null);
        for (var i = 0; i < rows.Count; i++)
        {
            if (matches[i] is (int j, RowScore m) && (m.Exact || m.Score >= 0.9))
            {
                yield return (rows[i].LabelText, RowDictionary.ApplicationRows[j].Key);
            }
        }
    }

    /// <summary>
    /// （六）其他处理 printed as one row: its three sub-rows are 0 where the row is 0, otherwise
    /// unknown (review); the printed row is kept in extra for the resultsTotal check.
    /// </summary>
    private static void MapCollapsed(SegmentedReport report, RowView row, List<ResolvedValue> values, double labelConfidence, string[] labelFlags, Dictionary<string, MappedField> fields)
    {
        report.Extra ??= new Dictionary<string, decimal?>(StringComparer.Ordinal);
        for (var c = 0; c < Columns; c++)
        {
            var col = Template.ApplicantColumns[c];
            report.Extra[$"applications.{RowDictionary.OtherCollapsed}.{col.Key}"] = values[c].Value;
            foreach (var sub in new[] { "otherOverdueCorrection", "otherOverdueFee", "otherOther" })
            {
                var path = Template.ApplicationPath(sub, col.Key);
                if (fields.ContainsKey(path))
                {
                    continue;
                }
                var value = values[c].Value == 0 ? values[c] : values[c] with { Value = null, CellConfidence = 0 };
                var field = MappedField.From(value, row.LabelText, col.Label, labelConfidence, [.. labelFlags, Flags.CollapsedRow]);
                fields[path] = field;
            }
        }
    }

    /// <summary>
    /// Rows of the 表三 region that carry figures; a label-only row (a label split over two lines)
    /// lends its text to the next row; header rows are skipped.
    /// </summary>
    /// <param name="detached">filled with the rows that took label text from lines before them, with their own label cells</param>
    private static List<RowView> DataRows(SegmentedReport report, Dictionary<RowView, List<string>>? detached)
    {
        var result = new List<RowView>();
        var pending = new List<string>();
        var valueStarts = new Dictionary<Model.Table, int?>();
        var views = new List<RowView>();
        foreach (var source in report.RowsOf(Region.Applications))
        {
            if (!valueStarts.TryGetValue(source.Table, out var start))
            {
                start = valueStarts[source.Table] = GridValueStart(source.Table);
            }
            views.Add(RowView.Build(source, start));
        }
        var dealt = new Queue<string>();
        for (var r = 0; r < views.Count; r++)
        {
            var view = views[r];
            // Labels a converter printed loose before their rows: numbered labels (「1.信访举报投诉类申请」,
            // 「2.重复申请」…) followed by as many rows of figures without labels are dealt out in order.
            // Nothing but order pairs them, so they stay detached (never ok).
            if (view.Labels.Count == 0 && dealt.Count == 0 && pending.Count >= 2 && IsFigureRow(view))
            {
                var numbered = pending.Where(l => LabelNormalizer.Normalize(l).Number is not null).ToList();
                var run = views.Skip(r).TakeWhile(v => v.Labels.Count == 0 && IsFigureRow(v)).Count();
                if (numbered.Count >= 2 && numbered.Count == run)
                {
                    var group = pending.TakeWhile(l => LabelNormalizer.Normalize(l).Number is null).ToList();
                    pending.Clear();
                    foreach (var label in numbered)
                    {
                        dealt.Enqueue(string.Join("\u0001", [.. group, label]));
                    }
                }
            }
            if (view.Labels.Count == 0 && dealt.Count > 0)
            {
                var labels = dealt.Dequeue().Split('\u0001').ToList();
                view = view with { Labels = labels };
                detached?.Add(view, []);
                result.Add(view);
                continue;
            }
            dealt.Clear();
            if (view.Values.Count(v => v.Text.Length > 0) == 0 && view.Values.Count < 3)
            {
                if (view.Labels.Count > 0 && !view.Labels.All(RowDictionary.IsHeaderWord))
                {
                    pending.AddRange(view.Labels);
                }
                continue;
            }
            if (view.Labels.Count > 0 && view.Labels.All(RowDictionary.IsHeaderWord))
            {
                pending.Clear();
                continue;
            }
            var ownLabels = view.Labels;
            if (pending.Count > 0)
            {
                view = view with { Labels = [.. pending, .. view.Labels] };
                pending.Clear();
                detached?.Add(view, ownLabels);
            }
            // A row of figures without any label is kept: it may be placed by its position (never ok).
            if (view.Labels.Count > 0 || view.Values.Count(v => CellValueParser.Parse(v.Text).IsNumber) >= Columns)
            {
                result.Add(view);
            }
        }
        return result;
    }

    private static bool IsFigureRow(RowView view) => view.Values.Count(v => CellValueParser.Parse(v.Text).IsNumber) >= Columns;

    /// <summary>In a grid (HTML, DOCX, ruled PDF) the header cell 自然人 marks where the figures begin.</summary>
    private static int? GridValueStart(Model.Table table)
    {
        if (table.Strategy.StartsWith("text", StringComparison.Ordinal))
        {
            return null;
        }
        var natural = table.Cells.FirstOrDefault(c => LabelNormalizer.Compact(c.Text) == "自然人");
        if (natural is not null)
        {
            return natural.Column;
        }
        return table.ColumnCount > Columns ? table.ColumnCount - Columns : null;
    }

    /// <summary>
    /// Rows of figures printed without a label (a converter dropped it or printed it elsewhere), placed
    /// where they sit between labelled rows: only when the template rows left free between the two
    /// labelled neighbours are exactly as many as the label-less rows there. Position is all that
    /// places them, so they are flagged <see cref="Flags.LabelByPosition"/> and never ok.
    /// </summary>
    private static Dictionary<int, int> PlaceByPosition(List<RowView> rows, IReadOnlyList<CanonicalRow> canonical, (int, RowScore)?[] matches)
    {
        var placed = new Dictionary<int, int>();
        var used = matches.Where(m => m is not null).Select(m => m!.Value.Item1).ToHashSet();
        var i = 0;
        while (i < rows.Count)
        {
            if (rows[i].Labels.Count > 0 || matches[i] is not null)
            {
                i++;
                continue;
            }
            var first = i;
            while (i < rows.Count && rows[i].Labels.Count == 0 && matches[i] is null)
            {
                i++;
            }
            var before = first > 0 && matches[first - 1] is (int jb, _) ? jb : first == 0 ? -1 : (int?)null;
            var after = i < rows.Count && matches[i] is (int ja, _) ? ja : i == rows.Count ? canonical.Count : (int?)null;
            if (before is null || after is null || (first == 0 && i == rows.Count))
            {
                continue;
            }
            var free = Enumerable.Range(before.Value + 1, Math.Max(0, after.Value - before.Value - 1))
                .Where(j => !used.Contains(j) && canonical[j].Key != RowDictionary.OtherCollapsed)
                .ToList();
            if (free.Count != i - first)
            {
                continue;
            }
            for (var k = 0; k < free.Count; k++)
            {
                placed[first + k] = free[k];
            }
        }
        return placed;
    }

    /// <summary>
    /// Monotone alignment maximising the summed (score − floor) of matched pairs; rows on either side
    /// may stay unmatched (a row the document lacks, a stray row it adds).
    /// </summary>
    private static (int, RowScore)?[] Align(List<RowView> rows, IReadOnlyList<CanonicalRow> canonical, LabelModel? model)
    {
        int n = rows.Count, m = canonical.Count;
        var score = new RowScore[n, m];
        for (var i = 0; i < n; i++)
        {
            if (rows[i].Labels.Count == 0)
            {
                continue;
            }
            var candidates = LabelMatcher.Candidates(rows[i].Labels);
            var rules = canonical.Select(c => LabelMatcher.Score(candidates, c)).ToList();
            // Rules first; the model scores the rows of a label the rules are unsure of (LabelArbiter).
            var prediction = model is not null && !LabelArbiter.RulesSure(rules) ? LabelArbiter.PredictRow(model, rows[i].Labels) : null;
            for (var j = 0; j < m; j++)
            {
                if (prediction is null)
                {
                    score[i, j] = new RowScore(rules[j].Score, rules[j].Exact, false);
                    continue;
                }
                var p = prediction.Of(canonical[j].Key);
                var combined = LabelArbiter.Combine(rules[j].Score, p, prediction);
                score[i, j] = new RowScore(combined, false, combined == p && (p > rules[j].Score || prediction.Key != LabelSpace.None));
            }
        }
        var dp = new double[n + 1, m + 1];
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var best = Math.Max(dp[i - 1, j], dp[i, j - 1]);
                var s = score[i - 1, j - 1].Score;
                if (s >= MatchFloor)
                {
                    best = Math.Max(best, dp[i - 1, j - 1] + s - MatchFloor);
                }
                dp[i, j] = best;
            }
        }
        var result = new (int, RowScore)?[n];
        for (int i = n, j = m; i > 0 && j > 0;)
        {
            var s = score[i - 1, j - 1].Score;
            if (s >= MatchFloor && Math.Abs(dp[i, j] - (dp[i - 1, j - 1] + s - MatchFloor)) < 1e-9)
            {
                result[i - 1] = (j - 1, score[i - 1, j - 1]);
                i--;
                j--;
            }
            else if (Math.Abs(dp[i, j] - dp[i - 1, j]) < 1e-9)
            {
                i--;
            }
            else
            {
                j--;
            }
        }
        return result;
    }

    /// <summary>
    /// An exact label is certain. A fuzzy one is trusted as much as its score, more when the rows
    /// on both sides matched their neighbours in the template exactly: the template fixes the order.
    /// </summary>
    private static double LabelConfidence(RowScore match, int i, int j, (int, RowScore)?[] matches)
    {
        if (match.Exact)
        {
            return 0.995;
        }
        var confidence = LabelArbiter.UnboundedConfidence(match.Score, exact: false);
        var before = i > 0 ? matches[i - 1] : null;
        var after = i + 1 < matches.Length ? matches[i + 1] : null;
        var boundedAbove = i == 0 ? j == 0 : before is (int jb, RowScore mb) && jb == j - 1 && mb.Exact;
        var boundedBelow = i == matches.Length - 1 ? false : after is (int ja, RowScore ma) && ja == j + 1 && ma.Exact;
        if (boundedAbove && boundedBelow && match.Score >= 0.7)
        {
            confidence = Math.Max(confidence, 0.97);
        }
        return confidence;
    }
}
